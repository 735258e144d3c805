package org.examlab.harness.verdict;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Whose statement a claim is: an exam's, or one the project added (a control, a mechanism, a
 * length-extrapolation check). Project claims carry IDs of their own ({@code 000-8+unseen}) and are
 * reported apart, so they never read as verdicts on an exam.
 */
public enum ClaimOrigin {
  EXAM,
  PROJECT;

  /** Configs and summary.json spell it in lower case (Jackson binds it case-insensitively). */
  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
