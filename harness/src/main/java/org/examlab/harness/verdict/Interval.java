package org.examlab.harness.verdict;

import java.util.Collection;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * A Student-t interval for the mean of per-seed differences, and the number of seeds an observed
 * spread would need for it to clear a bound.
 *
 * @param confidence two-sided level: 0.95 for a comparison (each side a 2.5% test), 0.90 for an
 *     equivalence (two one-sided 5% tests, TOST)
 */
public record Interval(
    int count, double mean, double std, double low, double high, double confidence) {

  public static Interval of(Collection<Double> values, double confidence) {
    int n = values.size();
    double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
    double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    double std = Math.sqrt(ss / (n - 1));
    double half = quantile(n - 1, confidence) * std / Math.sqrt(n);
    return new Interval(n, mean, std, mean - half, mean + half, confidence);
  }

  /**
   * Stein's second stage: the mean of all n values, with the half-width fixed by the pilot's spread
   * {@code pilotStd} and its t quantile on {@code pilotCount - 1} degrees of freedom.
   */
  static Interval twoStage(
      Collection<Double> values, int pilotCount, double pilotStd, double confidence) {
    int n = values.size();
    double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
    double half = quantile(pilotCount - 1, confidence) * pilotStd / Math.sqrt(n);
    return new Interval(n, mean, pilotStd, mean - half, mean + half, confidence);
  }

  private double halfWidth(int n) {
    return quantile(n - 1, confidence) * std / Math.sqrt(n);
  }

  static double quantile(int degreesOfFreedom, double confidence) {
    return TDistribution.of(degreesOfFreedom)
        .inverseCumulativeProbability(1 - (1 - confidence) / 2);
  }

  /**
   * About how many seeds would make the half-width smaller than {@code gap} (the distance from the
   * mean to the bound the interval must clear), if the spread stayed as observed; null when no
   * number would (the mean sits on the bound) or the spread is zero.
   */
  Integer seedsToClear(double gap) {
    if (!(gap > 0) || !(std > 0)) {
      return null;
    }
    // The half-width falls monotonically with n: bisect for the first n below the gap.
    int low = 2;
    int high = 1_000_000;
    if (!(halfWidth(high) < gap)) {
      return null;
    }
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (halfWidth(mid) < gap) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return Math.max(low, count + 1);
  }
}
