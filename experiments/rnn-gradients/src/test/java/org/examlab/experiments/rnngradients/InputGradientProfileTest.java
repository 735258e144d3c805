package org.examlab.experiments.rnngradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.datasets.sequences.FirstSymbolRecall;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

class InputGradientProfileTest {

  /** The input gradient DL4J returns must match central finite differences of each example's loss. */
  @ParameterizedTest
  @EnumSource(RecurrentCell.class)
  void inputGradientsMatchFiniteDifferences(RecurrentCell cell) {
    FirstSymbolRecall task = new FirstSymbolRecall(3, 2);
    DataSet data = task.generate(4, 5, 11L);
    data.setFeatures(data.getFeatures().castTo(DataType.DOUBLE));
    data.setLabels(data.getLabels().castTo(DataType.DOUBLE));
    MultiLayerNetwork net = RecurrentClassifier.build(cell, task.inputChannels(), new RnnGradientsSettings.Model(6, null), 3, 5L, new Sgd(0.1), 0, 0)
        .convertDataType(DataType.DOUBLE);

    // dup: the returned array may live in a workspace that the scoring below reuses
    INDArray analytic = net.calculateGradients(data.getFeatures(), data.getLabels(), null, null).getSecond().dup();
    INDArray x = data.getFeatures();
    double h = 1e-6;
    double worst = 0;
    for (long i = 0; i < x.length(); i += 3) { // every third input element: enough, and fast
      double original = x.getDouble(i);
      x.putScalar(i, original + h);
      double plus = net.score(new DataSet(x, data.getLabels()), false);
      x.putScalar(i, original - h);
      double minus = net.score(new DataSet(x, data.getLabels()), false);
      x.putScalar(i, original);
      // score() is the batch mean, so its derivative is dL_i/dx_i / batchSize.
      double numeric = (plus - minus) / (2 * h) * x.size(0);
      double a = analytic.getDouble(i);
      double relative = Math.abs(a - numeric) / Math.max(1e-8, Math.abs(a) + Math.abs(numeric));
      worst = Math.max(worst, Math.abs(a - numeric) < 1e-9 ? 0 : relative);
    }
    assertTrue(worst < 1e-4, "largest relative error " + worst);
  }

  @ParameterizedTest
  @EnumSource(RecurrentCell.class)
  void profileHasOneFinitePositiveValuePerStep(RecurrentCell cell) {
    FirstSymbolRecall task = new FirstSymbolRecall(3, 2);
    DataSet data = task.generate(16, 7, 3L);
    MultiLayerNetwork net = RecurrentClassifier.build(cell, task.inputChannels(), new RnnGradientsSettings.Model(8, null), 3, 1L, new Sgd(0.1), 0, 0);
    double[] profile = InputGradientProfile.measure(net, data);
    assertEquals(7, profile.length);
    for (double v : profile) {
      assertTrue(v > 0 && Double.isFinite(v), "profile value " + v);
    }
    assertEquals(Math.log10(profile[0] / profile[6]), InputGradientProfile.firstOverLastLog10(profile), 1e-12);
  }
}
