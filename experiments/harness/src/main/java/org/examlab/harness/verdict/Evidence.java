package org.examlab.harness.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The numbers behind a verdict: for a comparison, the per-seed values of both sides and of the
 * difference d with its mean and confidence interval (95% two-sided for a comparison, 90% for an
 * equivalence, i.e. two one-sided 5% tests); for a compound rule, each part's evidence.
 *
 * @param op what the rule asserts of d (null for a compound): d above the margin, or within
 *     +-margin
 * @param definition what d is, as the rule reads it ("d = lstm.loss - rnn.loss"); null for a
 *     compound
 * @param confidence the interval's confidence level (0.95 or 0.90); null where no interval applies
 * @param reason why an INCONCLUSIVE verdict is one; null otherwise
 * @param seedsNeeded for an interval that straddles: about how many seeds the observed spread would
 *     need for the interval to clear the margin; null if none would (the mean sits on it)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(
    Verdict verdict,
    String text,
    Comparison op,
    String definition,
    Map<Long, Double> left,
    Map<Long, Double> right,
    Map<Long, Double> difference,
    Double meanDifference,
    Double ciLow,
    Double ciHigh,
    Double margin,
    Double confidence,
    InconclusiveReason reason,
    Integer seedsNeeded,
    List<Evidence> parts) {

  /** Evidence of a compound (or gated) verdict: text and parts only. */
  static Evidence compound(
      Verdict verdict, String text, InconclusiveReason reason, List<Evidence> parts) {
    return new Evidence(
        verdict, text, null, null, null, null, null, null, null, null, null, null, reason, null,
        parts);
  }

  /** The same evidence with another verdict, text and reason (a gate that overrides the rule). */
  Evidence overridden(
      Verdict newVerdict, String newText, InconclusiveReason newReason, List<Evidence> newParts) {
    return new Evidence(
        newVerdict,
        newText,
        op,
        definition,
        left,
        right,
        difference,
        meanDifference,
        ciLow,
        ciHigh,
        margin,
        confidence,
        newReason,
        newVerdict == Verdict.INCONCLUSIVE ? seedsNeeded : null,
        newParts);
  }
}
