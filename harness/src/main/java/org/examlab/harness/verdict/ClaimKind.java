package org.examlab.harness.verdict;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What sort of evidence a claim's verdict is. The report counts them apart: a stochastic
 * experiment, an exact computation and a demonstration are not the same kind of support.
 */
public enum ClaimKind {
  /** A stochastic measurement over seeds: trained arms, confidence intervals, convergence. */
  EXPERIMENT,
  /**
   * Arithmetic, shapes, counts or derivatives, decided exactly against a floating-point tolerance.
   */
  COMPUTATION,
  /**
   * True by construction (an identity, a save/reload round trip): it illustrates, it cannot fail
   * for an interesting reason, so it is never counted as evidence.
   */
  DEMONSTRATION;

  /** Configs and summary.json spell it in lower case (Jackson binds it case-insensitively). */
  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
