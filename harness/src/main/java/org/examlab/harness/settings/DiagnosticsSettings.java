package org.examlab.harness.settings;

import org.examlab.harness.validation.Require;

/**
 * Per-layer training diagnostics (claim 001-1): gradient norm, activation mean / std / saturated
 * and dead fractions, weight mean / std, every {@code everyIterations} iterations.
 *
 * @param enabled record diagnostics (default false)
 * @param everyIterations sampling interval (default 10)
 * @param histograms also record activation histograms (20 bins per layer)
 */
public record DiagnosticsSettings(Boolean enabled, Integer everyIterations, Boolean histograms) {
  public static final DiagnosticsSettings OFF = new DiagnosticsSettings(false, 10, false);

  public DiagnosticsSettings {
    enabled = enabled != null && enabled;
    histograms = histograms != null && histograms;
    everyIterations =
        Require.inRange(
            "everyIterations", everyIterations == null ? 10 : everyIterations, 1, 1_000_000);
  }
}
