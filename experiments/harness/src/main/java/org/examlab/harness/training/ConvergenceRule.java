package org.examlab.harness.training;

import java.util.List;
import java.util.Locale;
import org.examlab.harness.config.ConvergenceSettings;

/**
 * Whether a training's loss curve has stopped falling: the trainer's rule for every training
 * that neither reached its target loss nor was stopped by validation (those count as converged).
 *
 * <p>The per-epoch training loss is smoothed by a moving average over {@code window} epochs; the
 * training converged when the smoothed loss at the last epoch is less than {@code tolerance}
 * (relative) below the smoothed loss {@code window} epochs earlier. A loss that rose over that
 * span has stopped falling too. Judging needs {@code 2 * window} epochs (two windows that do not
 * overlap); with fewer the training is not converged: there is no evidence that it was.
 */
public final class ConvergenceRule {
  private final int window;
  private final double tolerance;

  public ConvergenceRule(ConvergenceSettings settings) {
    this.window = settings.window();
    this.tolerance = settings.tolerance();
  }

  /** A decision and its one-line reason. */
  public record Judgement(boolean converged, String reason) {
    static Judgement of(boolean converged, String format, Object... args) {
      return new Judgement(converged, String.format(Locale.ROOT, format, args));
    }
  }

  public Judgement judge(List<Double> epochLosses) {
    int n = epochLosses.size();
    if (n < 2 * window) {
      return Judgement.of(false, "not converged: %d epochs are too few to judge (the rule needs %d: two windows of %d)", n, 2 * window,
          window);
    }
    double now = mean(epochLosses, n - window, n);
    double before = mean(epochLosses, n - 2 * window, n - window);
    double improvement = (before - now) / Math.abs(before);
    if (!Double.isFinite(improvement)) {
      return Judgement.of(false, "not converged: the smoothed loss is not finite (%.4g then %.4g)", before, now);
    }
    if (improvement < tolerance) {
      return Judgement.of(true, "converged: smoothed loss changed %s over the last %d epochs (tolerance %s)", percent(0.0 - improvement), window,
          percent(tolerance));
    }
    return Judgement.of(false, "not converged: smoothed loss still fell %s over the last %d epochs after %d epochs (tolerance %s)",
        percent(improvement), window, n, percent(tolerance));
  }

  private static double mean(List<Double> values, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += values.get(i);
    }
    return sum / (to - from);
  }

  /** "0.4%", "-2.1%", "12%": enough digits to read the rule's margin. */
  private static String percent(double share) {
    double p = 100 * share;
    return String.format(Locale.ROOT, Math.abs(p) >= 10 ? "%.0f%%" : "%.1f%%", p);
  }
}
