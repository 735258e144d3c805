package org.examlab.harness.verdict;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a claim's trained arms must have reached: convergence (the default), or only a fixed budget,
 * for statements that are themselves about a budget ("converges faster").
 */
public enum Budget {
  CONVERGED,
  FIXED;

  /** Configs and summary.json spell it in lower case (Jackson binds it case-insensitively). */
  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
