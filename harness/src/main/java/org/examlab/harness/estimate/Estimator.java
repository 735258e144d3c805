package org.examlab.harness.estimate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.examlab.harness.backend.BackendSetup;
import org.examlab.harness.config.ConfigLoader;
import org.examlab.harness.config.ResolvedConfig;
import org.examlab.harness.experiment.ExperimentRegistry;
import org.examlab.harness.run.ExperimentRunner;
import org.examlab.harness.run.RunStatus;
import org.examlab.harness.sweep.SweepRunner;
import org.examlab.harness.training.ProgressReporter;
import org.examlab.harness.training.Slicing;
import org.examlab.harness.validation.ConfigException;

/**
 * Estimates how long a config would take on this machine without running it: the config runs once,
 * on its first seed and on this build's backend (a full config asks for CUDA), with every training
 * cut to a measured slice ({@link Slicing}) and everything else (data, evaluation, Jacobians, PCA,
 * plots) for real. One seed's time is then the run's wall time with each slice replaced by its
 * training's extrapolated time, and the config's is that times its seeds.
 *
 * <p>The estimate run goes into a temporary folder, deleted afterwards: the user's results/ get
 * nothing, and no estimate can ever be mistaken for (or reused as) a run. A sweep runs each variant
 * on the first seed, as one shard that writes no aggregate (no sweep verdicts either).
 */
public final class Estimator {
  private final ExperimentRegistry experiments;
  private final Path projectHome;
  private final ProgressReporter progress;

  public Estimator(ExperimentRegistry experiments, Path projectHome, ProgressReporter progress) {
    this.experiments = experiments;
    this.projectHome = projectHome;
    this.progress = progress;
  }

  /** Runs {@code configFile}'s slice; {@code name} is how the estimate names it. */
  public Estimate estimate(String name, Path configFile) throws ConfigException, IOException {
    ConfigLoader loader = new ConfigLoader(experiments);
    ResolvedConfig<?> planned = loader.load(configFile, List.of());
    List<String> overrides =
        List.of(
            "seeds=[" + planned.run().seeds().get(0) + "]",
            "backend=" + BackendSetup.ofThisBuild().yamlName());
    Slicing slicing = new Slicing();
    Path scratch = Files.createTempDirectory("examlab-estimate-");
    long started = System.nanoTime();
    String error;
    try {
      ExperimentRunner runner = new ExperimentRunner(scratch, projectHome, progress, slicing);
      error =
          planned.run().sweep() != null
              ? sweep(runner, scratch, configFile, overrides)
              : run(runner, loader.load(configFile, overrides));
    } finally {
      delete(scratch);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    List<Slicing.Sliced> sliced = slicing.trainings();
    double perSeed =
        seconds
            - sliced.stream().mapToDouble(Slicing.Sliced::measuredSeconds).sum()
            + sliced.stream().mapToDouble(Slicing.Sliced::estimatedSeconds).sum();
    int seeds = planned.run().seeds().size();
    int maxSeeds =
        planned.run().claims().stream()
            .filter(c -> c.seeds() != null)
            .mapToInt(c -> c.seeds().max())
            .max()
            .orElse(seeds);
    return new Estimate(
        name,
        planned.experiment().name(),
        seeds,
        Math.max(seeds, maxSeeds),
        sliced.size(),
        seconds,
        perSeed,
        error);
  }

  private static String run(ExperimentRunner runner, ResolvedConfig<?> config)
      throws ConfigException, IOException {
    ExperimentRunner.Outcome outcome = runner.run(config);
    return outcome.summary().status() == RunStatus.FAILED ? outcome.summary().error() : null;
  }

  private String sweep(
      ExperimentRunner runner, Path scratch, Path configFile, List<String> overrides)
      throws ConfigException, IOException {
    SweepRunner.Outcome outcome =
        new SweepRunner(experiments, runner, scratch)
            .run(configFile, overrides, List.of(), new SweepRunner.Shard(0, 1));
    long failed = outcome.points().stream().filter(p -> p.status() == RunStatus.FAILED).count();
    return failed == 0 ? null : failed + " of " + outcome.points().size() + " sweep points failed";
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
