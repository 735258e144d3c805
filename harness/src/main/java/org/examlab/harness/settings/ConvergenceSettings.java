package org.examlab.harness.settings;

import org.examlab.harness.validation.Require;

/**
 * When a training counts as converged ({@code training.convergence}); the rule itself is {@link
 * org.examlab.harness.training.ConvergenceRule}. A training converged when its smoothed training
 * loss (the moving average over {@code window} epochs) fell over the last {@code window} epochs by
 * less than {@code tolerance} of its whole fall since the first epoch; it needs at least {@code 2 *
 * window} epochs to be judged.
 *
 * @param window epochs averaged, and epochs compared over (default 5)
 * @param tolerance share of the total fall that the last window may still add (default 0.01: 1%)
 * @param stop end a training at the first epoch the rule calls converged (default false: train the
 *     whole budget, then judge); {@code training.epochs} is then a ceiling. A curve that plateaus
 *     for a window before it falls again would be stopped on the plateau, so a config turns this on
 *     only where its loss curves fall without such plateaus.
 */
public record ConvergenceSettings(Integer window, Double tolerance, Boolean stop) {
  public static final ConvergenceSettings DEFAULT = new ConvergenceSettings(null, null, null);

  public ConvergenceSettings {
    stop = stop != null && stop;
    window = Require.inRange("window", window == null ? 5 : window, 1, 10_000);
    tolerance = Require.inRange("tolerance", tolerance == null ? 0.01 : tolerance, 0.0, 1.0);
  }
}
