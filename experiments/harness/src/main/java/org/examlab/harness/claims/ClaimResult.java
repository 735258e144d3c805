package org.examlab.harness.claims;

import com.fasterxml.jackson.databind.JsonNode;
import org.examlab.harness.verdict.ClaimKind;
import org.examlab.harness.verdict.ClaimOrigin;
import org.examlab.harness.verdict.Stance;
import org.examlab.harness.verdict.Verdict;

/**
 * One verdict as a run's summary.json states it, read back for the report.
 *
 * @param kind experiment, computation or demonstration (null in a summary written before kinds
 *     existed)
 * @param stance the exam's stance on the statement as tested (none for a project claim)
 * @param source where in the exam the statement is; null for a project claim
 * @param converged "k of n" trainings the claim relies on that converged; null if it names none
 * @param deciding the difference that decided it, for the report's chart; null if the evidence
 *     names none
 */
public record ClaimResult(
    String id,
    String statement,
    ClaimKind kind,
    ClaimOrigin origin,
    Stance stance,
    String source,
    String quote,
    String answer,
    String verdict,
    String rule,
    String evidence,
    String converged,
    DecidingDifference deciding) {

  public ClaimResult(
      String id,
      String statement,
      ClaimKind kind,
      ClaimOrigin origin,
      Stance stance,
      String source,
      String quote,
      String answer,
      String verdict,
      String rule,
      String evidence,
      String converged) {
    this(
        id, statement, kind, origin, stance, source, quote, answer, verdict, rule, evidence,
        converged, null);
  }

  static ClaimResult of(JsonNode claim) {
    JsonNode exam = claim.path("exam");
    JsonNode arms = claim.path("convergence");
    String converged = null;
    if (arms.isArray() && !arms.isEmpty()) {
      int ok = 0;
      for (JsonNode a : arms) {
        ok += a.path("converged").asBoolean() ? 1 : 0;
      }
      converged = ok + " of " + arms.size();
    }
    return new ClaimResult(
        claim.path("id").asText(),
        claim.path("statement").asText(),
        claim.hasNonNull("kind")
            ? ClaimKind.valueOf(claim.path("kind").asText().toUpperCase(java.util.Locale.ROOT))
            : null,
        claim.path("origin").asText("exam").equals("project")
            ? ClaimOrigin.PROJECT
            : ClaimOrigin.EXAM,
        exam.hasNonNull("stance")
            ? Stance.valueOf(exam.path("stance").asText().toUpperCase(java.util.Locale.ROOT))
            : Stance.NONE,
        text(exam, "source"),
        text(exam, "quote"),
        text(exam, "answer"),
        claim.path("verdict").asText(),
        claim.path("rule").asText(),
        claim.path("evidence").path("text").asText(),
        converged,
        DecidingDifference.of(claim.path("evidence")));
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.path(field).asText() : null;
  }

  /**
   * Computed from the stance, never from free text: asserts and REFUTED, or denies and SUPPORTED.
   */
  public boolean disagreesWithExam() {
    return origin == ClaimOrigin.EXAM && stance.disagreesWith(verdictValue());
  }

  /** Counted as evidence in the report's tallies: a demonstration is an illustration only. */
  public boolean countsAsEvidence() {
    return kind != ClaimKind.DEMONSTRATION;
  }

  private Verdict verdictValue() {
    for (Verdict v : Verdict.values()) {
      if (v.name().equals(verdict)) {
        return v;
      }
    }
    return Verdict.INCONCLUSIVE;
  }

  /** The exam's stance and where it says so, for a report cell ("asserts — 000 item 6"). */
  public String stanceText() {
    if (origin == ClaimOrigin.PROJECT) {
      return "project claim";
    }
    return stance.jsonName() + (source != null ? " — " + source : "");
  }
}
