package org.examlab.harness.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A decided claim, as written into summary.json. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClaimVerdict(
    String id, String statement, String examAnswer, Verdict verdict, String rule, VerdictRule ruleSpec, Evidence evidence) {}
