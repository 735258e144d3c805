package org.examlab.harness.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A decided claim, as written into summary.json: the claim's identity, kind and the exam's position
 * beside the verdict, so reports and other tools need not read the config.
 *
 * @param disagreesWithExam computed: the exam asserts and the verdict is REFUTED, or it denies and
 *     the verdict is SUPPORTED
 * @param convergence every training the claim relies on ({@code trained}), per seed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClaimVerdict(
    String id,
    String statement,
    ClaimKind kind,
    ClaimOrigin origin,
    ExamPosition exam,
    Budget budget,
    Verdict verdict,
    boolean disagreesWithExam,
    String rule,
    VerdictRule ruleSpec,
    Evidence evidence,
    List<ArmConvergence> convergence) {}
