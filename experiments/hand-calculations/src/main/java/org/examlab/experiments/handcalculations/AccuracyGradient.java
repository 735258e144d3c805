package org.examlab.experiments.handcalculations;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
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

/**
 * Can accuracy serve as the loss (claim 003-8d)? A 2-class tanh MLP (DL4J, double precision) on two
 * overlapping Gaussian blobs: at several random weight draws, the central difference of the
 * accuracy and of the cross-entropy (the network's own score) along every single weight. Accuracy
 * is a count of correct argmax decisions, so it changes only where a step moves some example across
 * the decision boundary; the cross-entropy changes along every weight (control: the same
 * differencing does find a gradient where there is one).
 *
 * @param accuracyNonZero share of (draw, weight) pairs whose accuracy difference is not exactly 0
 * @param crossEntropyNonZero the same for the cross-entropy
 * @param accuracyAtDraws mean accuracy at the draws (neither 0 nor 1: there is something to
 *     improve)
 */
record AccuracyGradient(
    double accuracyNonZero, double crossEntropyNonZero, double accuracyAtDraws) {
  static final MeasuredFields<AccuracyGradient> FIELDS =
      new MeasuredFields<AccuracyGradient>()
          .add(
              Measurement.of("accuracy_loss", "accuracy_nonzero"),
              AccuracyGradient::accuracyNonZero)
          .add(
              Measurement.of("accuracy_loss", "cross_entropy_nonzero"),
              AccuracyGradient::crossEntropyNonZero)
          .add(Measurement.of("accuracy_loss", "accuracy"), AccuracyGradient::accuracyAtDraws);

  static AccuracyGradient measure(HandCalculationsSettings.AccuracyLoss s, long seed) {
    DataSet data = blobs(s.examples(), seed);
    INDArray classes = data.getLabels().argMax(1);
    long accuracyMoves = 0;
    long lossMoves = 0;
    long pairs = 0;
    double accuracySum = 0;
    for (int draw = 0; draw < s.weightDraws(); draw++) {
      MultiLayerNetwork net = network(s.hidden(), seed * 1000 + draw);
      INDArray params = net.params();
      accuracySum += accuracy(net, data, classes);
      for (long i = 0; i < params.length(); i++) {
        double p = params.getDouble(i);
        params.putScalar(i, p + s.step());
        double accUp = accuracy(net, data, classes);
        double lossUp = net.score(data, false);
        params.putScalar(i, p - s.step());
        double accDown = accuracy(net, data, classes);
        double lossDown = net.score(data, false);
        params.putScalar(i, p);
        accuracyMoves += accUp != accDown ? 1 : 0;
        lossMoves += lossUp != lossDown ? 1 : 0;
        pairs++;
      }
    }
    return new AccuracyGradient(
        accuracyMoves / (double) pairs, lossMoves / (double) pairs, accuracySum / s.weightDraws());
  }

  /** Share of examples whose largest output is their class. */
  static double accuracy(MultiLayerNetwork net, DataSet data, INDArray classes) {
    return net.output(data.getFeatures(), false)
        .argMax(1)
        .eq(classes)
        .castTo(DataType.DOUBLE)
        .meanNumber()
        .doubleValue();
  }

  /** Half the points around (-1, 0), half around (1, 0), unit variance: the classes overlap. */
  static DataSet blobs(int examples, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray features = Nd4j.randn(DataType.DOUBLE, examples, 2);
    INDArray labels = Nd4j.zeros(DataType.DOUBLE, examples, 2);
    for (int i = 0; i < examples; i++) {
      int c = i % 2;
      features.putScalar(i, 0, features.getDouble(i, 0) + (c == 0 ? -1 : 1));
      labels.putScalar(i, c, 1.0);
    }
    return new DataSet(features, labels);
  }

  private static MultiLayerNetwork network(int hidden, long seed) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(
                    new DenseLayer.Builder()
                        .nIn(2)
                        .nOut(hidden)
                        .activation(Activation.TANH)
                        .build())
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(hidden)
                        .nOut(2)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
    net.init();
    return net;
  }
}
