package org.examlab.harness.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.examlab.harness.tuning.Tuner;
import org.examlab.harness.verdict.ArmConvergence;
import org.examlab.harness.verdict.ClaimVerdict;

/**
 * summary.json: how the run ended, its cost, every measurement with its spread over seeds, and the
 * verdict on each claim with the rule and evidence behind it.
 *
 * @param addedSeeds seeds a two-stage seed plan added after the config's own (empty: none)
 * @param convergence every training of the run, per seed: whether it converged and why
 * @param tuning each arm's tuned hyper-parameters per seed, with every candidate's validation loss
 * @param peakResidentBytes the process's peak resident memory during the run (Linux VmHWM); null if
 *     unknown
 * @param peakDeviceMemoryBytes peak GPU memory in use during the run, sampled each second; null on
 *     the CPU
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
    Long peakResidentBytes,
    Long peakDeviceMemoryBytes,
    List<String> divergedTrainings,
    List<Long> addedSeeds,
    List<ArmConvergence> convergence,
    List<Tuner.Choice> tuning,
    Map<String, Measurement> measurements,
    List<ClaimVerdict> claims) {

  /** One measurement over seeds: mean, sample std, 95% CI, and the per-seed values. */
  public record Measurement(
      double mean, double std, double ciLow, double ciHigh, Map<Long, Double> perSeed) {}
}
