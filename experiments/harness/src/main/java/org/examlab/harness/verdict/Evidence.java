package org.examlab.harness.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The numbers behind a verdict: for a comparison, the per-seed values of both sides and of the
 * difference d with its mean and 95% interval; for a compound rule, each part's evidence.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(
    Verdict verdict,
    String text,
    Map<Long, Double> left,
    Map<Long, Double> right,
    Map<Long, Double> difference,
    Double meanDifference,
    Double ciLow,
    Double ciHigh,
    Double margin,
    List<Evidence> parts) {}
