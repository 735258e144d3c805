package org.examlab.harness.runs;

import java.util.Locale;
import org.examlab.harness.verdict.Verdict;

/**
 * How a run and a comparison read as text, the same in {@code examlab runs}/{@code compare} and the
 * report's runs page.
 */
public final class RunText {
  private RunText() {}

  /** A whole number ("594"), "—" when unknown. */
  public static String number(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.0f", value) : "—";
  }

  /** Four significant digits. */
  public static String g(double value) {
    return String.format(Locale.ROOT, "%.4g", value);
  }

  /** "S / R / I": how many claims the run found supported, refuted, inconclusive. */
  public static String verdicts(RunRecord run) {
    var counts = run.verdictCounts();
    return counts.get(Verdict.SUPPORTED)
        + " / "
        + counts.get(Verdict.REFUTED)
        + " / "
        + counts.get(Verdict.INCONCLUSIVE);
  }

  /** The code version's first ten characters. */
  public static String code(RunRecord run) {
    return run.codeVersion().length() > 10 ? run.codeVersion().substring(0, 10) : run.codeVersion();
  }

  public static String state(RunRecord run) {
    return run.state().name().toLowerCase(Locale.ROOT);
  }

  /** The change's 95% interval, or why there is none. */
  public static String interval(RunComparison.MeasurementChange m) {
    return Double.isNaN(m.low()) ? "none (no spread)" : "[" + g(m.low()) + ", " + g(m.high()) + "]";
  }

  /** "3 paired" or "unpaired" (Welch). */
  public static String seeds(RunComparison.MeasurementChange m) {
    return m.pairedSeeds() > 0 ? m.pairedSeeds() + " paired" : "unpaired";
  }
}
