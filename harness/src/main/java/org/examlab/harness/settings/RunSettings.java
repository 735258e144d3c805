package org.examlab.harness.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Set;
import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;
import org.examlab.harness.verdict.ClaimSpec;

/**
 * The part of every config that the harness reads itself; the remaining top-level keys belong to
 * the experiment's own settings record.
 *
 * @param experiment which experiment runs ("rnn-gradients")
 * @param seeds every seed runs the whole measurement; verdicts use all of them (default [1])
 * @param backend cpu (default) or cuda
 * @param claims the claims this run decides, each with its verdict rule
 * @param training how networks train; optional for an experiment that trains nothing ({@code
 *     Experiment.trains()})
 * @param sweep optional: the variants {@code examlab sweep} runs and the claims that compare them
 * @param tuning optional: the nuisance hyper-parameters each compared arm tunes on validation data
 * @param artifacts optional: what the run keeps besides measurements (trained models), off by
 *     default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSettings(
    String experiment,
    String description,
    List<Long> seeds,
    Backend backend,
    TrainingSettings training,
    DiagnosticsSettings diagnostics,
    List<ClaimSpec> claims,
    SweepSettings sweep,
    TuningSettings tuning,
    ArtifactSettings artifacts) {

  /** The top-level keys this record binds; everything else goes to the experiment. */
  public static final Set<String> KEYS =
      Set.of(
          "experiment",
          "description",
          "seeds",
          "backend",
          "training",
          "diagnostics",
          "claims",
          "sweep",
          "tuning",
          "artifacts");

  /** The same settings with other seeds (a two-stage plan's second stage). */
  public RunSettings withSeeds(List<Long> newSeeds) {
    return new RunSettings(
        experiment,
        description,
        newSeeds,
        backend,
        training,
        diagnostics,
        claims,
        sweep,
        tuning,
        artifacts);
  }

  public RunSettings {
    Require.nonBlank("experiment", experiment);
    seeds = seeds == null ? List.of(1L) : seeds;
    if (seeds.isEmpty() || seeds.size() > 100) {
      throw new InvalidSettingException(
          "seeds", "must list between 1 and 100 seeds, got " + seeds.size());
    }
    if (seeds.stream().anyMatch(s -> s == null || s < 0)) {
      throw new InvalidSettingException(
          "seeds", "seeds must be non-negative integers, got " + seeds);
    }
    Require.requireDistinct("seeds", seeds);
    seeds = List.copyOf(seeds);
    backend = backend == null ? Backend.CPU : backend;
    diagnostics = diagnostics == null ? DiagnosticsSettings.OFF : diagnostics;
    tuning = tuning == null ? TuningSettings.NONE : tuning;
    artifacts = artifacts == null ? ArtifactSettings.NONE : artifacts;
    claims = claims == null ? List.of() : List.copyOf(claims);
    Require.requireDistinct("claims", claims.stream().map(ClaimSpec::id).toList());
  }
}
