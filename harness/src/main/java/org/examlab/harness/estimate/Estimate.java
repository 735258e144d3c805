package org.examlab.harness.estimate;

import java.util.Locale;

/**
 * How long one config would take on this machine, from its measured slice ({@link Estimator}).
 *
 * @param config the config file, as given
 * @param seeds the config's seeds; a sweep runs each of its variants on each
 * @param maxSeeds the most seeds a claim's two-stage plan may grow a run to ({@code seeds.max});
 *     {@code seeds} without one
 * @param trainings trainings sliced (the first seed's, every variant's)
 * @param sliceSeconds what the estimate run took
 * @param perSeedSeconds the estimated time of one seed: everything that is not training as
 *     measured, every training extrapolated from its slice
 * @param error why the estimate run failed, or null
 */
public record Estimate(
    String config,
    String experiment,
    int seeds,
    int maxSeeds,
    int trainings,
    double sliceSeconds,
    double perSeedSeconds,
    String error) {

  /**
   * The config's planned budget on this machine: every seed, every epoch (early stopping can only
   * shorten it).
   */
  public double seconds() {
    return perSeedSeconds * seeds;
  }

  /** The budget if every two-stage plan adds all the seeds it may. */
  public double maxSeconds() {
    return perSeedSeconds * maxSeeds;
  }

  public boolean failed() {
    return error != null;
  }

  /** "42 s", "17 min", "3.4 h", "2.1 d": as precise as a plan needs. */
  public static String duration(double seconds) {
    if (seconds < 100) {
      return String.format(Locale.ROOT, "%.0f s", seconds);
    }
    if (seconds < 6000) {
      return String.format(Locale.ROOT, "%.0f min", seconds / 60);
    }
    if (seconds < 2 * 86400) {
      return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
    return String.format(Locale.ROOT, "%.1f d", seconds / 86400);
  }
}
