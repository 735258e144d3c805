package org.examlab.harness.verdict;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The exam's position on the statement as tested (from its key, a student's written answer, the
 * lecture notes, or the question's premise). Data, never parsed from free text: the disagreement
 * with a verdict is computed from it.
 */
public enum Stance {
  ASSERTS,
  DENIES,
  /** The exam takes no side (nothing marked, an open question): never counted as a disagreement. */
  NONE;

  /** Configs and summary.json spell it in lower case (Jackson binds it case-insensitively). */
  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The measurement contradicts the exam: it asserts and the verdict is REFUTED, or it denies and
   * it is SUPPORTED.
   */
  public boolean disagreesWith(Verdict verdict) {
    return this == ASSERTS && verdict == Verdict.REFUTED
        || this == DENIES && verdict == Verdict.SUPPORTED;
  }
}
