package org.examlab.harness.metrics;

import java.util.Collection;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Mean, sample standard deviation and the two-sided 95% Student-t confidence interval of a value
 * measured once per seed. With one value the spread is 0 and the interval is the value.
 */
public record SeedStatistics(int count, double mean, double std, double ciLow, double ciHigh) {

  public static SeedStatistics of(Collection<Double> values) {
    int n = values.size();
    if (n == 0) {
      return new SeedStatistics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
    if (n == 1) {
      return new SeedStatistics(1, mean, 0.0, mean, mean);
    }
    double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    double std = Math.sqrt(ss / (n - 1));
    double half = TDistribution.of(n - 1).inverseCumulativeProbability(0.975) * std / Math.sqrt(n);
    return new SeedStatistics(n, mean, std, mean - half, mean + half);
  }
}
