package org.examlab.experiments.regularization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.examlab.datasets.tabular.TeacherTask;
import org.examlab.harness.config.TrainingSettings;
import org.examlab.harness.config.UpdaterKind;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class RegularizationPiecesTest {
  private final DataSet data = new TeacherTask(6, 8, 1L).generate(200, 3L);
  private final RegularizationSettings.Options options =
      new RegularizationSettings.Options(0.5, 0.001, 1.0, 3, 5, 100, 4, 2, null);

  @Test
  void labelNoiseFlipsAboutTheRequestedShareAndNothingElse() {
    DataSet noisy = RegularizationExperiment.withFlippedLabels(data, 0.25, 7L);
    double flipped =
        noisy
                .getLabels()
                .neq(data.getLabels())
                .castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .sumNumber()
                .doubleValue()
            / 2
            / 200;
    assertTrue(flipped > 0.15 && flipped < 0.35, "flipped share " + flipped);
    assertEquals(data.getFeatures(), noisy.getFeatures());
    assertEquals(
        data.getLabels(), RegularizationExperiment.withFlippedLabels(data, 0.0, 7L).getLabels());
  }

  @Test
  void theArmParametersKeepNoneUnregularizedWhateverTheGridSays() {
    TrainingSettings training =
        new TrainingSettings(5, 16, 0.003, UpdaterKind.ADAM, null, null, null, null);
    Map<String, Double> grid = Map.of("learningRate", 0.01, "dropoutRetain", 0.7, "l2", 0.1);
    ArmParameters none = ArmParameters.of(Strategy.NONE, grid, options, training);
    assertEquals(new ArmParameters(0.01, 1.0, 0.0, 0.0), none);
    assertEquals(
        new ArmParameters(0.01, 0.7, 0.1, 0.0),
        ArmParameters.of(Strategy.DROPOUT_L2, grid, options, training));
    assertEquals(
        new ArmParameters(0.003, 0.5, 0.0, 0.0),
        ArmParameters.of(Strategy.DROPOUT, Map.of(), options, training));
    assertEquals(0.01, none.training(training, 7).learningRate());
    assertEquals(7, none.training(training, 7).epochs());
    assertThrows(
        IllegalArgumentException.class,
        () -> ArmParameters.of(Strategy.L2, Map.of("lamda", 0.1), options, training));
  }

  @Test
  void kFoldPartsPartitionTheDataAndEveryExampleIsHeldOutOnce() {
    KFold folds = new KFold(data, 5);
    int heldOut = 0;
    for (int f = 0; f < 5; f++) {
      assertEquals(200, folds.fitPart(f).numExamples() + folds.heldOut(f).numExamples());
      heldOut += folds.heldOut(f).numExamples();
    }
    assertEquals(200, heldOut);
    assertEquals(data.get(0).getFeatures(), folds.heldOut(0).get(0).getFeatures());
    assertEquals(data.get(40).getFeatures(), folds.fitPart(0).get(0).getFeatures());
  }

  @Test
  void strategiesParseByTheirConfigNames() {
    assertEquals(Strategy.L2_KFOLD, Strategy.parse("l2-kfold"));
    assertEquals("early-stopping-retrain", Strategy.EARLY_STOPPING_RETRAIN.yamlName());
    assertThrows(IllegalArgumentException.class, () -> Strategy.parse("magic"));
  }
}
