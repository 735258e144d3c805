package org.examlab.harness.training;

import java.util.List;
import java.util.Locale;
import org.examlab.harness.settings.ConvergenceSettings;

/**
 * Whether a training's loss curve has stopped falling: the trainer's rule for every training that
 * neither reached its target loss nor was stopped by validation (those count as converged).
 *
 * <p>The per-epoch training loss is smoothed by a moving average over {@code window} epochs. The
 * training converged when the smoothed loss fell, over the last {@code window} epochs, by less than
 * {@code tolerance} of all it has fallen since the first epoch: the curve has flattened, the last
 * window won under 1% (by default) of the progress made. The rule reads only differences of losses
 * and their ratio, so it is the same for any loss scale and offset: a network that memorises its
 * training set (loss falling geometrically toward 0) converges once its loss has stopped moving in
 * absolute terms, where a rule relative to the current loss would wait forever (0.01 to 0.005 is
 * "still falling 50%"). A loss that did not fall over the last window has stopped falling too.
 * Judging needs {@code 2 * window} epochs (two windows that do not overlap); with fewer the
 * training is not converged: there is no evidence that it was.
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
      return Judgement.of(
          false,
          "not converged: %d epochs are too few to judge (the rule needs %d: two windows of %d)",
          n,
          2 * window,
          window);
    }
    double first = epochLosses.get(0);
    double before = mean(epochLosses, n - 2 * window, n - window);
    double now = mean(epochLosses, n - window, n);
    if (!Double.isFinite(first) || !Double.isFinite(before) || !Double.isFinite(now)) {
      return Judgement.of(
          false,
          "not converged: the smoothed loss is not finite (%.4g, %.4g, then %.4g)",
          first,
          before,
          now);
    }
    double lastDrop = before - now;
    double totalDrop = first - now;
    if (lastDrop <= 0) {
      return Judgement.of(
          true,
          "converged: smoothed loss did not fall over the last %d epochs (%.4g then %.4g)",
          window,
          before,
          now);
    }
    double share = totalDrop > 0 ? lastDrop / totalDrop : Double.POSITIVE_INFINITY;
    if (share < tolerance) {
      return Judgement.of(
          true,
          "converged: the last %d epochs lowered the smoothed loss by %s of its fall since the first epoch (%.4g"
              + " to %.4g; tolerance %s)",
          window,
          percent(share),
          first,
          now,
          percent(tolerance));
    }
    return Judgement.of(
        false,
        "not converged: after %d epochs the last %d still lowered the smoothed loss by %s of its fall since the"
            + " first epoch (%.4g to %.4g; tolerance %s)",
        n,
        window,
        Double.isInfinite(share) ? "more than all" : percent(share),
        first,
        now,
        percent(tolerance));
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
