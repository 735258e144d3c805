package org.examlab.harness.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.examlab.harness.verdict.Comparison;
import org.examlab.harness.verdict.Evidence;
import org.examlab.harness.verdict.Verdict;

/**
 * The per-seed difference that decided a verdict, read back from summary.json's evidence: what d
 * is, each seed's d, the mean with its interval (null for an exact decision, seed by seed), the
 * margin and whether d must clear it ({@code >}, {@code <}) or stay within +-margin ({@code =}).
 *
 * <p>A compound verdict (an {@code all} rule, a claim gated on controls) has no d of its own: the
 * deciding part is the first one with the verdict's own outcome (the part VerdictEvaluator quotes),
 * else the last with a d (a gated claim's main rule).
 */
public record DecidingDifference(
    Verdict verdict,
    String definition,
    boolean equivalence,
    Map<Long, Double> perSeed,
    Double mean,
    Double low,
    Double high,
    Double confidence,
    double margin) {

  /**
   * The deciding difference of {@code evidence}, or null if it names none (an old summary, a rule
   * on no seeds).
   */
  static DecidingDifference of(Evidence evidence) {
    if (evidence == null) {
      return null;
    }
    if (!(evidence instanceof Evidence.Compared compared)) {
      List<Evidence.Compared> leaves = new ArrayList<>();
      collect(evidence, leaves);
      Evidence.Compared deciding =
          leaves.stream()
              .filter(l -> l.verdict() == evidence.verdict())
              .findFirst()
              .orElse(leaves.isEmpty() ? null : leaves.get(leaves.size() - 1));
      return deciding == null ? null : of(deciding);
    }
    Map<Long, Double> perSeed = new TreeMap<>(compared.difference());
    if (perSeed.isEmpty()) {
      return null;
    }
    // Summaries written before evidence named its operator: a 90% interval is an equivalence's.
    boolean equivalence =
        compared.op() != null
            ? compared.op() == Comparison.EQUAL
            : compared.confidence() != null && compared.confidence() == 0.90;
    return new DecidingDifference(
        compared.verdict(),
        compared.definition() != null ? compared.definition() : "d",
        equivalence,
        perSeed,
        compared.meanDifference(),
        compared.ciLow(),
        compared.ciHigh(),
        compared.confidence(),
        compared.margin() != null ? compared.margin() : 0);
  }

  private static void collect(Evidence evidence, List<Evidence.Compared> leaves) {
    if (evidence instanceof Evidence.Compared c && !c.difference().isEmpty()) {
      leaves.add(c);
    }
    if (evidence.parts() != null) {
      evidence.parts().forEach(p -> collect(p, leaves));
    }
  }
}
