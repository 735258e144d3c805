package org.examlab.experiments.handcalculations;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.examlab.harness.metrics.MeasuredFields;
import org.examlab.harness.metrics.Measurement;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Logistic regression as DL4J builds it, one sigmoid output unit with the binary cross-entropy
 * (claim 003-1f), and what it outputs and minimises.
 *
 * <p>Output space: the inputs x(t) = (t - b) w / |w|^2, t from -4 to 4 in {@link #SEGMENT_POINTS}
 * steps, walk the pre-activation w.x + b from -4 to 4. A discrete output space would have to jump
 * between two of its values on the way; the thresholded class (control) does, by 1.
 *
 * <p>Loss: the maximum-likelihood loss of a Bernoulli output p is the negative log-likelihood
 * -log(p^y (1 - p)^(1 - y)), computed here from the network's p with ND4J's pow and log, and
 * compared term by term with the network's own per-example score (DL4J's XENT); the same network
 * scored with MSE (control) differs.
 *
 * @param outputMaxStep the largest change of the output p between neighbouring points of the walk
 * @param outputSpan p at the end of the walk minus p at its start
 * @param classMaxStep the largest change of the class [p > 0.5] between neighbouring points
 *     (control)
 * @param nllXentError max |NLL - DL4J's XENT score| over the examples
 * @param nllMseError max |NLL - DL4J's MSE score| (control: another loss does differ)
 */
record LogisticRegression(
    double outputMaxStep,
    double outputSpan,
    double classMaxStep,
    double nllXentError,
    double nllMseError) {
  static final MeasuredFields<LogisticRegression> FIELDS =
      new MeasuredFields<LogisticRegression>()
          .add(Measurement.of("logistic", "output_max_step"), LogisticRegression::outputMaxStep)
          .add(Measurement.of("logistic", "output_span"), LogisticRegression::outputSpan)
          .add(Measurement.of("logistic", "class_max_step"), LogisticRegression::classMaxStep)
          .add(Measurement.of("logistic", "nll_xent_error"), LogisticRegression::nllXentError)
          .add(Measurement.of("logistic", "nll_mse_error"), LogisticRegression::nllMseError);

  static final int SEGMENT_POINTS = 10_001;

  static LogisticRegression measure(HandCalculationsSettings.Logistic s, long seed) {
    MultiLayerNetwork xent = network(s.inputs(), LossFunctions.LossFunction.XENT, seed);
    INDArray w = xent.getLayer(0).getParam("W"); // [inputs, 1]
    double b = xent.getLayer(0).getParam("b").getDouble(0);
    INDArray t = Nd4j.linspace(-4, 4, SEGMENT_POINTS, DataType.DOUBLE).reshape(SEGMENT_POINTS, 1);
    INDArray walk =
        t.sub(b)
            .mmul(w.transpose())
            .divi(w.norm2Number().doubleValue() * w.norm2Number().doubleValue());
    INDArray p = xent.output(walk, false);
    INDArray cls = p.gt(0.5).castTo(DataType.DOUBLE);
    double outputMaxStep = maxStep(p);
    double span = p.getDouble(SEGMENT_POINTS - 1, 0) - p.getDouble(0, 0);
    double classMaxStep = maxStep(cls);

    Nd4j.getRandom().setSeed(seed);
    INDArray features = Nd4j.randn(DataType.DOUBLE, s.examples(), s.inputs());
    INDArray labels = Nd4j.rand(DataType.DOUBLE, s.examples(), 1).gt(0.5).castTo(DataType.DOUBLE);
    DataSet data = new DataSet(features, labels);
    INDArray prob = xent.output(features, false);
    INDArray likelihood =
        Transforms.pow(prob, labels, true)
            .muli(Transforms.pow(prob.rsub(1.0), labels.rsub(1.0), true));
    INDArray nll = Transforms.log(likelihood, true).negi().reshape(s.examples());
    INDArray xentScore = xent.scoreExamples(data, false).reshape(s.examples());
    MultiLayerNetwork mse = network(s.inputs(), LossFunctions.LossFunction.MSE, seed);
    mse.setParams(xent.params().dup());
    INDArray mseScore = mse.scoreExamples(data, false).reshape(s.examples());
    return new LogisticRegression(
        outputMaxStep,
        span,
        classMaxStep,
        nll.sub(xentScore).amaxNumber().doubleValue(),
        nll.sub(mseScore).amaxNumber().doubleValue());
  }

  private static MultiLayerNetwork network(int inputs, LossFunctions.LossFunction loss, long seed) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(
                    new OutputLayer.Builder(loss)
                        .nIn(inputs)
                        .nOut(1)
                        .activation(Activation.SIGMOID)
                        .build())
                .build());
    net.init();
    return net;
  }

  private static double maxStep(INDArray column) {
    long n = column.size(0);
    return Transforms.abs(
            column
                .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, n))
                .sub(column.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n - 1))),
            false)
        .maxNumber()
        .doubleValue();
  }
}
