package org.examlab.harness.verdict;

/** Why a verdict is INCONCLUSIVE: "no effect" and "not enough evidence" must not look alike. */
public enum InconclusiveReason {
  /** A positive control did not hold: the setup did not produce what the claim is about. */
  FAILED_CONTROL,
  /** An arm the claim reads did not converge, and the claim is not about a fixed budget. */
  UNDER_TRAINED,
  /** Fewer usable seeds than the rule needs, or an interval that straddles the margin. */
  TOO_FEW_SEEDS,
  /** An exact (per-seed) rule held on some seeds and not on others. */
  MIXED_SEEDS,
  /** A part of a compound rule was inconclusive. */
  PART_INCONCLUSIVE,
  /** The rule failed, but the measurement bounds the quantity from one side: it cannot refute. */
  ONE_SIDED
}
