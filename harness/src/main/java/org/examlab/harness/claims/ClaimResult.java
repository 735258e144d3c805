package org.examlab.harness.claims;

import org.examlab.harness.run.SummaryFile;
import org.examlab.harness.verdict.ArmConvergence;
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
    Verdict verdict,
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
      Verdict verdict,
      String rule,
      String evidence,
      String converged) {
    this(
        id, statement, kind, origin, stance, source, quote, answer, verdict, rule, evidence,
        converged, null);
  }

  static ClaimResult of(SummaryFile.Claim claim) {
    String converged = null;
    if (!claim.convergence().isEmpty()) {
      long ok = claim.convergence().stream().filter(ArmConvergence::converged).count();
      converged = ok + " of " + claim.convergence().size();
    }
    return new ClaimResult(
        claim.id(),
        claim.statement(),
        claim.kind(),
        claim.origin(),
        claim.stance(),
        claim.source(),
        claim.quote(),
        claim.answer(),
        claim.verdict(),
        claim.rule(),
        claim.evidence() != null && claim.evidence().text() != null ? claim.evidence().text() : "",
        converged,
        DecidingDifference.of(claim.evidence()));
  }

  /**
   * Computed from the stance, never from free text: asserts and REFUTED, or denies and SUPPORTED.
   */
  public boolean disagreesWithExam() {
    return origin == ClaimOrigin.EXAM && stance.disagreesWith(verdict);
  }

  /** Counted as evidence in the report's tallies: a demonstration is an illustration only. */
  public boolean countsAsEvidence() {
    return kind != ClaimKind.DEMONSTRATION;
  }

  /** The exam's stance and where it says so, for a report cell ("asserts — 000 item 6"). */
  public String stanceText() {
    if (origin == ClaimOrigin.PROJECT) {
      return "project claim";
    }
    return stance.jsonName() + (source != null ? " — " + source : "");
  }
}
