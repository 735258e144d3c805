package org.examlab.harness.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.examlab.harness.metrics.SeedStatistics;
import org.junit.jupiter.api.Test;

/**
 * The Student-t quantiles behind every interval, against the t distribution's closed forms for 1, 2
 * and 4 degrees of freedom. Commons Statistics computes them to ~1e-14; commons-math3 (used before)
 * solved them only to its 1e-9 absolute default, so its numbers differed from these by up to 5e-10.
 */
class IntervalQuantileTest {
  private static double t1(double p) {
    return Math.tan(Math.PI * (p - 0.5));
  }

  private static double t2(double p) {
    return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  }

  private static double t4(double p) {
    double q = 4 * p * (1 - p);
    return Math.signum(p - 0.5)
        * 2
        * Math.sqrt(Math.cos(Math.acos(Math.sqrt(q)) / 3) / Math.sqrt(q) - 1);
  }

  @Test
  void quantilesMatchTheClosedForms() {
    for (double confidence : List.of(0.80, 0.90, 0.95, 0.99)) {
      double p = 1 - (1 - confidence) / 2;
      assertEquals(t1(p), Interval.quantile(1, confidence), 1e-12 * t1(p), "df=1 " + confidence);
      assertEquals(t2(p), Interval.quantile(2, confidence), 1e-12 * t2(p), "df=2 " + confidence);
      assertEquals(t4(p), Interval.quantile(4, confidence), 1e-12 * t4(p), "df=4 " + confidence);
    }
  }

  @Test
  void seedStatisticsUseTheSameQuantile() {
    SeedStatistics s = SeedStatistics.of(List.of(1.0, 2.0, 3.0));
    double half = t2(0.975) / Math.sqrt(3);
    assertEquals(2.0 - half, s.ciLow(), 1e-12);
    assertEquals(2.0 + half, s.ciHigh(), 1e-12);
  }
}
