package org.examlab.experiments.gan;

import java.util.List;

/**
 * How steadily a generator's sample quality holds once training is under way (claim
 * 000-10/unstable), read off its MMD curve on the fixed probe batch ({@link QualityCurve}): over
 * the second half of the quality points, how far log10 MMD moves from one point to the next, and
 * how often a point is markedly worse than the one before. A generator settling on the data moves
 * little and seldom worsens; an oscillating adversarial game does both.
 */
final class QualityStability {
  /** A point "worsens" when its MMD exceeds the previous point's by this factor. */
  static final double WORSENING_FACTOR = 1.5;

  private QualityStability() {}

  /** Mean |log10 m[i] - log10 m[i-1]| over consecutive points of the second half; NaN if none. */
  static double jitter(List<Double> mmd) {
    int from = secondHalf(mmd);
    double sum = 0;
    int n = 0;
    for (int i = from + 1; i < mmd.size(); i++) {
      sum += Math.abs(log10(mmd.get(i)) - log10(mmd.get(i - 1)));
      n++;
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Share of consecutive points of the second half with m[i] > 1.5 m[i-1]; NaN if none. */
  static double worseningShare(List<Double> mmd) {
    int from = secondHalf(mmd);
    int worse = 0;
    int n = 0;
    for (int i = from + 1; i < mmd.size(); i++) {
      if (mmd.get(i) > WORSENING_FACTOR * mmd.get(i - 1)) {
        worse++;
      }
      n++;
    }
    return n == 0 ? Double.NaN : (double) worse / n;
  }

  private static int secondHalf(List<Double> points) {
    return points.size() / 2;
  }

  /** MMD^2 estimates are >= 0; a floor keeps an exact 0 finite. */
  private static double log10(double mmd) {
    return Math.log10(Math.max(mmd, 1e-12));
  }
}
