package org.examlab.harness.metrics;

import java.util.Arrays;

/**
 * Straight-line fits of measured curves, e.g. a power law's exponent as the slope on log-log axes.
 */
public final class LeastSquares {
  private LeastSquares() {}

  /** The ordinary least-squares slope of y on x; NaN if x does not vary. */
  public static double slope(double[] x, double[] y) {
    if (x.length != y.length || x.length < 2) {
      throw new IllegalArgumentException(
          "needs at least 2 (x, y) pairs of equal length, got " + x.length + " and " + y.length);
    }
    double mx = Arrays.stream(x).average().orElseThrow();
    double my = Arrays.stream(y).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    return sxx == 0 ? Double.NaN : sxy / sxx;
  }
}
