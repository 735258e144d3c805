package org.examlab.experiments.optimization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.examlab.datasets.tabular.TeacherTask;
import org.examlab.harness.config.UpdaterKind;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.schedule.ISchedule;

class OptimizationPiecesTest {
  private final OptimizationSettings settings =
      new OptimizationSettings(
          new OptimizationSettings.Data(6, 8, 64, 32),
          new OptimizationSettings.Model(2, 16),
          null,
          List.of(OptimizationSettings.Variant.plain("fixed", null, 0.05)),
          null,
          null);

  @Test
  void l2IsWeightDecayForSgdButNotForAdam() {
    DataSet data = new TeacherTask(6, 8, 1L).generate(64, 2L);
    double sgd = WeightDecayIdentity.discrepancy(UpdaterKind.SGD, settings, 1L, data);
    double adam = WeightDecayIdentity.discrepancy(UpdaterKind.ADAM, settings, 1L, data);
    assertTrue(sgd < 1e-3, "SGD + L2 vs (1 - eta*lambda) w - eta*grad: " + sgd);
    assertTrue(adam > 0.1, "Adam + L2 is not weight decay: " + adam);
  }

  @Test
  void schedulesFollowTheirShapes() {
    int epochs = 8;
    ISchedule cosine = ScheduleKind.COSINE.create(1.0, epochs);
    assertEquals(1.0, cosine.valueAt(0, 0), 1e-12);
    assertEquals(0.5, cosine.valueAt(0, 4), 1e-12);
    assertEquals(0.0, cosine.valueAt(0, 8), 1e-12);
    ISchedule step = ScheduleKind.STEP.create(1.0, epochs);
    assertEquals(1.0, step.valueAt(0, 1), 1e-12);
    assertEquals(0.5, step.valueAt(0, 2), 1e-12);
    ISchedule warmup = ScheduleKind.WARMUP.create(1.0, epochs);
    assertEquals(0.1, warmup.valueAt(0, 0), 1e-12);
    assertEquals(1.0, warmup.valueAt(0, 5), 1e-12);
    assertEquals(0.9, ScheduleKind.EXPONENTIAL.create(1.0, epochs).valueAt(0, 1), 1e-12);
  }

  @Test
  void lossNoiseIsZeroForASmoothCurveAndLargeForAJumpyOne() {
    double[] smooth = new double[30];
    double[] jumpy = new double[30];
    for (int i = 0; i < 30; i++) {
      smooth[i] = 1.0 - 0.01 * i;
      jumpy[i] = i % 2 == 0 ? 0.2 : 1.8;
    }
    assertEquals(0.0, LossCurves.lossNoise(smooth), 1e-9);
    assertTrue(LossCurves.lossNoise(jumpy) > 1.0);
  }

  @Test
  void stepsToTargetCountsStepsUntilTheFirstEpochAtOrBelowTheTarget() {
    double[] epochLoss = {0.7, 0.5, 0.3, 0.2};
    assertEquals(3 * 8, LossCurves.stepsToTarget(epochLoss, 8, 0.3), 1e-12);
    assertEquals(8, LossCurves.stepsToTarget(epochLoss, 8, 0.9), 1e-12);
    assertEquals(Double.POSITIVE_INFINITY, LossCurves.stepsToTarget(epochLoss, 8, 0.1));
  }

  @Test
  void aVariantCanOnlyTakeTheRateOfAnEarlierOne() {
    OptimizationSettings.Variant later =
        new OptimizationSettings.Variant(
            "later", null, null, null, null, null, null, null, null, "fixed", 0.1, null, null, null,
            null);
    assertThrows(
        RuntimeException.class,
        () ->
            new OptimizationSettings(
                settings.data(),
                settings.model(),
                null,
                List.of(later, OptimizationSettings.Variant.plain("fixed", null, 0.05)),
                null,
                null));
  }
}
