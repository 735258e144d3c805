package org.examlab.harness.claims;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** One verdict as a run's summary.json states it, read back for the report. */
public record ClaimResult(String id, String statement, String examAnswer, String verdict, String rule, String evidence) {

  static ClaimResult of(JsonNode claim) {
    return new ClaimResult(claim.path("id").asText(), claim.path("statement").asText(),
        claim.hasNonNull("examAnswer") ? claim.path("examAnswer").asText() : null, claim.path("verdict").asText(),
        claim.path("rule").asText(), claim.path("evidence").path("text").asText());
  }

  /**
   * The exam took a side ("True..." / "False..." at the start of its answer) and the measurement
   * took the other: the report marks these rows and quotes the evidence as the explanation.
   */
  public boolean disagreesWithExam() {
    if (examAnswer == null) {
      return false;
    }
    String answer = examAnswer.trim().toLowerCase(Locale.ROOT);
    boolean examSaysTrue = answer.startsWith("true") || answer.startsWith("yes");
    boolean examSaysFalse = answer.startsWith("false") || answer.startsWith("no") && !answer.startsWith("not ");
    return examSaysTrue && "REFUTED".equals(verdict) || examSaysFalse && "SUPPORTED".equals(verdict);
  }
}
