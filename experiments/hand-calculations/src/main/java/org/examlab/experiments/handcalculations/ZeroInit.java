package org.examlab.experiments.handcalculations;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.examlab.harness.metrics.MeasuredFields;
import org.examlab.harness.metrics.Measurement;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * "All zeros: bad, no learning happening" (claim 004-FF/zero-init): a DL4J MLP with every weight
 * and bias 0, trained by full-batch gradient descent (SGD on the whole set, MSE) on a non-linear
 * target, for tanh, ReLU and sigmoid hidden layers. "Learns nothing" is read as: after training the
 * network explains none of the target's variance beyond a constant (the share explained, 1 - MSE /
 * Var(y), is at most 0: the best constant, the mean, explains 0).
 *
 * <p>Why the activations differ: with W = 0 every hidden unit outputs f(0). tanh(0) = ReLU(0) = 0,
 * so the output weights' gradient h^T delta is 0 and the hidden layers' delta (delta W_out^T) is 0:
 * only the output bias moves, forever. sigmoid(0) = 1/2, so the output weights do move, and then
 * the hidden layers too, but every unit of a layer gets the same gradient: the units stay alike
 * (the net trains as if each layer had one unit).
 *
 * @param tanhExplained share of the target's variance the trained tanh net explains, 1 - MSE /
 *     Var(y)
 * @param reluExplained the same for ReLU
 * @param sigmoidExplained the same for sigmoid
 * @param sigmoidUnitSpread max over the sigmoid net's hidden layers of the largest difference
 *     between two units' incoming weights (0: the units stayed alike)
 * @param randomExplained the tanh net from a random (Xavier) init, trained the same way (control:
 *     the share does read a learned, input-dependent function)
 * @param tanhOutputSpread max - min of the trained tanh net's outputs over the examples (0: one
 *     constant for every input)
 */
record ZeroInit(
    double tanhExplained,
    double reluExplained,
    double sigmoidExplained,
    double sigmoidUnitSpread,
    double randomExplained,
    double tanhOutputSpread) {
  static final MeasuredFields<ZeroInit> FIELDS =
      new MeasuredFields<ZeroInit>()
          .add(Measurement.of("zero_init", "tanh_explained"), ZeroInit::tanhExplained)
          .add(Measurement.of("zero_init", "relu_explained"), ZeroInit::reluExplained)
          .add(Measurement.of("zero_init", "sigmoid_explained"), ZeroInit::sigmoidExplained)
          .add(Measurement.of("zero_init", "sigmoid_unit_spread"), ZeroInit::sigmoidUnitSpread)
          .add(Measurement.of("zero_init", "random_explained"), ZeroInit::randomExplained)
          .add(Measurement.of("zero_init", "tanh_output_spread"), ZeroInit::tanhOutputSpread);

  static ZeroInit measure(HandCalculationsSettings.ZeroInitNet s, long seed) {
    DataSet data = data(s, seed);
    MultiLayerNetwork sigmoid = trained(s, Activation.SIGMOID, WeightInit.ZERO, data, seed);
    double unitSpread = 0;
    for (int layer = 0; layer < s.layers(); layer++) {
      INDArray w =
          sigmoid
              .getLayer(layer)
              .getParam(DefaultParamInitializer.WEIGHT_KEY); // [nIn, nOut]: a column per unit
      INDArray first = w.getColumn(0).reshape(w.rows(), 1);
      unitSpread = Math.max(unitSpread, w.subColumnVector(first).amaxNumber().doubleValue());
    }
    MultiLayerNetwork tanh = trained(s, Activation.TANH, WeightInit.ZERO, data, seed);
    return new ZeroInit(
        explained(tanh, data),
        explained(trained(s, Activation.RELU, WeightInit.ZERO, data, seed), data),
        explained(sigmoid, data),
        unitSpread,
        explained(trained(s, Activation.TANH, WeightInit.XAVIER, data, seed), data),
        spread(tanh, data));
  }

  /**
   * Inputs uniform in [-1, 1]^n, target sin(3 x_1) + x_1 x_2 (x_1 alone when n = 1): no constant
   * fits it.
   */
  static DataSet data(HandCalculationsSettings.ZeroInitNet s, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.rand(DataType.DOUBLE, s.examples(), s.inputs()).muli(2).subi(1);
    INDArray y = Nd4j.zeros(DataType.DOUBLE, s.examples(), 1);
    for (int i = 0; i < s.examples(); i++) {
      double x1 = x.getDouble(i, 0);
      double x2 = s.inputs() > 1 ? x.getDouble(i, 1) : 0;
      y.putScalar(i, 0, Math.sin(3 * x1) + x1 * x2);
    }
    return new DataSet(x, y);
  }

  static MultiLayerNetwork trained(
      HandCalculationsSettings.ZeroInitNet s,
      Activation activation,
      WeightInit init,
      DataSet data,
      long seed) {
    NeuralNetConfiguration.ListBuilder list =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .dataType(DataType.DOUBLE)
            .weightInit(init)
            .biasInit(0)
            .updater(new Sgd(s.learningRate()))
            .list();
    for (int layer = 0; layer < s.layers(); layer++) {
      list.layer(
          new DenseLayer.Builder()
              .nIn(layer == 0 ? s.inputs() : s.hidden())
              .nOut(s.hidden())
              .activation(activation)
              .build());
    }
    list.layer(
        new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
            .nIn(s.hidden())
            .nOut(1)
            .activation(Activation.IDENTITY)
            .build());
    MultiLayerNetwork net = new MultiLayerNetwork(list.build());
    net.init();
    for (int step = 0; step < s.steps(); step++) {
      net.fit(data);
    }
    return net;
  }

  /** 1 - mean squared error / variance of the targets, in plain arithmetic over the outputs. */
  static double explained(MultiLayerNetwork net, DataSet data) {
    INDArray out = net.output(data.getFeatures(), false);
    INDArray y = data.getLabels();
    double mean = y.meanNumber().doubleValue();
    double mse = 0;
    double variance = 0;
    for (int i = 0; i < y.rows(); i++) {
      mse += Math.pow(out.getDouble(i, 0) - y.getDouble(i, 0), 2);
      variance += Math.pow(y.getDouble(i, 0) - mean, 2);
    }
    return 1 - mse / variance;
  }

  static double spread(MultiLayerNetwork net, DataSet data) {
    INDArray out = net.output(data.getFeatures(), false);
    return out.maxNumber().doubleValue() - out.minNumber().doubleValue();
  }
}
