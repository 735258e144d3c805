package org.examlab.experiments.optimization;

import java.util.ArrayList;
import java.util.List;
import org.examlab.harness.metrics.SeedStatistics;

/** What the optimization claims read off a recorded loss curve. */
final class LossCurves {
  private LossCurves() {}

  /**
   * Gradient steps until the epoch's mean training loss first fell to {@code target}: (epoch + 1)
   * times the steps per epoch, or infinity if it never did within the budget (the rule engine then
   * decides seed by seed instead of averaging an infinite value).
   */
  static double stepsToTarget(double[] epochLoss, int stepsPerEpoch, double target) {
    for (int e = 0; e < epochLoss.length; e++) {
      if (epochLoss[e] <= target) {
        return (double) (e + 1) * stepsPerEpoch;
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  /**
   * The fluctuation of the mini-batch training loss: the std of successive per-step loss changes
   * over the last 20 steps, relative to their mean loss. Each step's loss is measured on that
   * step's own mini-batch, so this mixes the noise of the update with the sampling of the batch the
   * loss is read on; it is not the variance of the gradient estimate.
   */
  static double lossNoise(double[] stepLoss) {
    int n = Math.min(20, stepLoss.length);
    if (n < 3) {
      return Double.NaN;
    }
    List<Double> diffs = new ArrayList<>();
    double mean = 0;
    for (int i = stepLoss.length - n; i < stepLoss.length; i++) {
      mean += stepLoss[i] / n;
      if (i > stepLoss.length - n) {
        diffs.add(stepLoss[i] - stepLoss[i - 1]);
      }
    }
    return SeedStatistics.of(diffs).std() / mean;
  }
}
