package org.examlab.harness.run;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a run ended, as summary.json reports it. */
public enum RunStatus {
  /** Every training finished with a finite loss and every measurement was taken. */
  COMPLETED,
  /** A training the experiment expected to converge produced a non-finite loss. */
  DIVERGED,
  /** An error or an interruption stopped the run; its measurements are incomplete. */
  FAILED;

  @JsonValue
  public String jsonName() {
    return name().toLowerCase();
  }
}
