package org.examlab.harness.verdict;

/** What the measurements say about a claim. */
public enum Verdict {
  SUPPORTED,
  REFUTED,
  INCONCLUSIVE
}
