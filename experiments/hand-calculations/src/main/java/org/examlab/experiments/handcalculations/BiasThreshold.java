package org.examlab.experiments.handcalculations;

import org.examlab.harness.metrics.MeasuredFields;
import org.examlab.harness.metrics.Measurement;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One sigmoid neuron on 1-D points labelled 1 where x > threshold (claim 002-1), with and without a
 * bias, each at its best over a grid of weights: a point is classed 1 when sigma(w x + b) > 0.5
 * (ND4J's sigmoid). Without a bias the search is exhaustive: sigma(w x) > 0.5 iff w x > 0, so the
 * classification depends only on the sign of w (the grid holds w < 0, w = 0 and w > 0), and the
 * boundary is x = 0 whatever w is.
 *
 * @param accuracyWithoutBias the best share of points classed right by sigma(w x)
 * @param accuracyWithBias the best by sigma(w x + b)
 * @param thresholdWithBias the boundary -b / w of the best (w, b) (the first found)
 */
record BiasThreshold(
    double accuracyWithoutBias, double accuracyWithBias, double thresholdWithBias) {
  static final MeasuredFields<BiasThreshold> FIELDS =
      new MeasuredFields<BiasThreshold>()
          .add(Measurement.of("bias", "accuracy_without"), BiasThreshold::accuracyWithoutBias)
          .add(Measurement.of("bias", "accuracy_with"), BiasThreshold::accuracyWithBias)
          .add(Measurement.of("bias", "threshold_with"), BiasThreshold::thresholdWithBias);

  static BiasThreshold measure(HandCalculationsSettings.BiasThreshold s) {
    int n = s.points().size();
    INDArray x =
        Nd4j.createFromArray(s.points().stream().mapToDouble(Double::doubleValue).toArray())
            .reshape(1, n);
    INDArray labels = x.gt(s.threshold()).castTo(DataType.DOUBLE);
    INDArray w =
        Nd4j.linspace(-s.weightLimit(), s.weightLimit(), s.steps(), DataType.DOUBLE)
            .reshape(s.steps(), 1);
    INDArray b = Nd4j.linspace(-s.biasLimit(), s.biasLimit(), s.steps(), DataType.DOUBLE);
    INDArray preActivation = w.mmul(x); // [weights, points]: w x
    double without = accuracies(preActivation, labels).maxNumber().doubleValue();

    double with = -1;
    double threshold = Double.NaN;
    for (int j = 0; j < s.steps(); j++) {
      double bias = b.getDouble(j);
      INDArray acc = accuracies(preActivation.add(bias), labels);
      int best = acc.argMax().getInt(0);
      if (acc.getDouble(best) > with) {
        with = acc.getDouble(best);
        threshold = -bias / w.getDouble(best, 0);
      }
    }
    return new BiasThreshold(without, with, threshold);
  }

  /**
   * Per row of pre-activations, the share of points whose class sigma(z) > 0.5 equals the label.
   */
  private static INDArray accuracies(INDArray preActivation, INDArray labels) {
    INDArray predicted = Transforms.sigmoid(preActivation, true).gt(0.5).castTo(DataType.DOUBLE);
    return Transforms.abs(predicted.subRowVector(labels), false).mean(1).rsub(1.0);
  }
}
