package org.examlab.experiments.regularization;

import org.examlab.harness.metrics.Classification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.datasets.tabular.TeacherTask;
import org.examlab.harness.config.TrainingSettings;
import org.examlab.harness.config.UpdaterKind;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class RegularizationPiecesTest {
  private final DataSet data = new TeacherTask(6, 8, 1L).generate(200, 3L);
  private final RegularizationSettings settings = new RegularizationSettings(Strategy.NONE,
      new RegularizationSettings.Data(6, 8, 200, 100, 0.1), new RegularizationSettings.Model(1, 16),
      new RegularizationSettings.Options(0.5, 0.001, 0.2, 3, 2, 0.1, List.of(0.001, 0.1), 2));

  @Test
  void labelNoiseFlipsAboutTheRequestedShareAndNothingElse() {
    DataSet noisy = RegularizationExperiment.withFlippedLabels(data, 0.25, 7L);
    double flipped = noisy.getLabels().neq(data.getLabels()).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
        .sumNumber().doubleValue() / 2 / 200;
    assertTrue(flipped > 0.15 && flipped < 0.35, "flipped share " + flipped);
    assertEquals(data.getFeatures(), noisy.getFeatures());
    assertEquals(data.getLabels(), RegularizationExperiment.withFlippedLabels(data, 0.0, 7L).getLabels());
  }

  @Test
  void augmentationAddsJitteredCopiesWithTheSameLabels() {
    DataSet augmented = RegularizationExperiment.augmented(data, 3, 0.1, 1L);
    assertEquals(800, augmented.numExamples());
    assertEquals(data.getLabels(), augmented.getLabels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(600, 800),
        org.nd4j.linalg.indexing.NDArrayIndex.all()));
    assertNotEquals(data.getFeatures(), augmented.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(200, 400),
        org.nd4j.linalg.indexing.NDArrayIndex.all()));
  }

  @Test
  void earlyStoppingStopsAfterPatienceAndRestoresTheBestWeights() {
    TrainingSettings training = new TrainingSettings(1, 32, 0.01, UpdaterKind.ADAM, null, null, null);
    MultiLayerNetwork net = RegularizationExperiment.network(settings, 1L, training, 0.0, 1.0);
    DataSet holdOut = new TeacherTask(6, 8, 1L).generate(50, 9L);
    EarlyStopping stopping = new EarlyStopping(net, holdOut, 2);
    assertTrue(stopping.afterEpoch(0));
    var best = net.params().dup();
    double bestLoss = Classification.crossEntropy(net, holdOut);
    net.setParams(net.params().mul(50)); // a much worse model
    assertTrue(stopping.afterEpoch(1), "one epoch without improvement is within patience 2");
    assertTrue(!stopping.afterEpoch(2), "two epochs without improvement stop");
    stopping.restoreBest();
    assertEquals(best, net.params());
    assertEquals(bestLoss, Classification.crossEntropy(net, holdOut), 1e-6);
    assertEquals(0, stopping.bestEpoch());
  }

  @Test
  void strategiesParseByTheirConfigNames() {
    assertEquals(Strategy.L2_KFOLD, Strategy.parse("l2-kfold"));
    assertEquals("early-stopping", Strategy.EARLY_STOPPING.yamlName());
    assertThrows(IllegalArgumentException.class, () -> Strategy.parse("magic"));
  }
}
