package org.examlab.experiments.handcalculations;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.SimpleRnnParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.examlab.harness.metrics.MeasuredFields;
import org.examlab.harness.metrics.Measurement;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The cell of 003-6a, h_t = tanh(V h_{t-1} + W x_t + b), as DL4J's SimpleRnn (random V and W, b set
 * to 0), fed x_t = 0 (claim 003-6b: is then h_t = h_{t-1} for every h_{t-1}?). The previous states
 * are the cell's own: step 1 reads a random x_1, so h_1 = tanh(W x_1) is a random state in (-1,
 * 1)^n, and step 2 reads x_2 = 0. DL4J writes the cell with row vectors, h_t = tanh(x_t W + h_{t-1}
 * RW + b), so V is RW transposed.
 *
 * @param maxChange max over the states and units of |h_2 - h_1|
 * @param formulaError max |h_2 - tanh(h_1 RW)|: with x = 0 and b = 0 the cell is h_t = tanh(V
 *     h_{t-1})
 * @param fixedPointChange the same change from h_1 = 0 (x_1 = 0 too): where h_t = h_{t-1} does
 *     hold, the check reads 0 (control)
 */
record ZeroInputStep(double maxChange, double formulaError, double fixedPointChange) {
  static final MeasuredFields<ZeroInputStep> FIELDS =
      new MeasuredFields<ZeroInputStep>()
          .add(Measurement.of("zero_input", "max_change"), ZeroInputStep::maxChange)
          .add(Measurement.of("zero_input", "formula_error"), ZeroInputStep::formulaError)
          .add(Measurement.of("zero_input", "fixed_point_change"), ZeroInputStep::fixedPointChange);

  static ZeroInputStep measure(
      HandCalculationsSettings.RnnCell cell, HandCalculationsSettings.ZeroInput s, long seed) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(
                    new SimpleRnn.Builder()
                        .nIn(cell.inputSize())
                        .nOut(cell.hiddenSize())
                        .activation(Activation.TANH)
                        .build())
                .build());
    net.init();
    net.getLayer(0)
        .setParam(
            SimpleRnnParamInitializer.BIAS_KEY, Nd4j.zeros(DataType.DOUBLE, 1, cell.hiddenSize()));
    INDArray recurrent = net.getLayer(0).getParam(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY);

    Nd4j.getRandom().setSeed(seed);
    INDArray input =
        Nd4j.zeros(DataType.DOUBLE, s.states(), cell.inputSize(), 2); // [batch, features, time]
    input
        .get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0))
        .assign(Nd4j.randn(DataType.DOUBLE, s.states(), cell.inputSize()));
    INDArray out = net.output(input, false);
    INDArray h1 = out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0));
    INDArray h2 = out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(1));
    double change = h2.sub(h1).amaxNumber().doubleValue();
    double formula = h2.sub(Transforms.tanh(h1.mmul(recurrent), true)).amaxNumber().doubleValue();

    INDArray still = net.output(Nd4j.zeros(DataType.DOUBLE, 1, cell.inputSize(), 2), false);
    double fixed =
        still
            .get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(1))
            .sub(still.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0)))
            .amaxNumber()
            .doubleValue();
    return new ZeroInputStep(change, formula, fixed);
  }
}
