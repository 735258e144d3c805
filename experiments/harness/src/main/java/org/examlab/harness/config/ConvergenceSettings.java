package org.examlab.harness.config;

/**
 * When a training counts as converged ({@code training.convergence}); the rule itself is
 * {@link org.examlab.harness.training.ConvergenceRule}. A training converged when the relative
 * improvement of its smoothed training loss (the moving average over {@code window} epochs) over
 * the last {@code window} epochs is below {@code tolerance}; it needs at least {@code 2 * window}
 * epochs to be judged.
 *
 * @param window epochs averaged, and epochs compared over (default 5)
 * @param tolerance relative improvement below which the loss has stopped falling (default 0.01: 1%)
 */
public record ConvergenceSettings(Integer window, Double tolerance) {
  public static final ConvergenceSettings DEFAULT = new ConvergenceSettings(null, null);

  public ConvergenceSettings {
    window = Require.inRange("window", window == null ? 5 : window, 1, 10_000);
    tolerance = Require.inRange("tolerance", tolerance == null ? 0.01 : tolerance, 0.0, 1.0);
  }
}
