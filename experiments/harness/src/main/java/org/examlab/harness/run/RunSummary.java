package org.examlab.harness.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.examlab.harness.verdict.ClaimVerdict;

/**
 * summary.json: how the run ended, its cost, every measurement with its spread over seeds,
 * and the verdict on each claim with the rule and evidence behind it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSummary(
    String experiment,
    String runId,
    RunStatus status,
    String error,
    List<Long> seeds,
    double wallSeconds,
    double trainingSeconds,
    long samplesTrained,
    double samplesPerSecond,
    List<String> divergedTrainings,
    Map<String, Measurement> measurements,
    List<ClaimVerdict> claims) {

  /** One measurement over seeds: mean, sample std, 95% CI, and the per-seed values. */
  public record Measurement(double mean, double std, double ciLow, double ciHigh, Map<Long, Double> perSeed) {}
}
