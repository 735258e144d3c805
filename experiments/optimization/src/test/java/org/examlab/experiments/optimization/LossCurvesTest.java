package org.examlab.experiments.optimization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LossCurvesTest {
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
}
