package org.examlab.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.examlab.harness.backend.BackendInfo;
import org.examlab.harness.backend.BackendSetup;
import org.examlab.harness.config.ConfigException;
import org.examlab.harness.config.ConfigLoader;
import org.examlab.harness.config.ResolvedConfig;
import org.examlab.harness.diagnostics.DiagnosticsPlots;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.metrics.SeedStatistics;
import org.examlab.harness.training.ProgressReporter;
import org.examlab.harness.training.Trainer;
import org.examlab.harness.training.TrainingResult;
import org.examlab.harness.verdict.ClaimSpec;
import org.examlab.harness.verdict.ClaimVerdict;
import org.examlab.harness.verdict.VerdictEvaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one validated config end to end: starts the backend, claims a fresh run directory,
 * writes the resolved config and environment, lets the experiment measure, then decides the
 * claims and writes the summary. A run that throws or is interrupted is still summarised, as
 * failed, and its RUNNING marker stays only if the process dies outright.
 */
public final class ExperimentRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);

  private final Path resultsRoot;
  private final Path projectHome;
  private final ProgressReporter progress;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ExperimentRunner(Path resultsRoot, Path projectHome, ProgressReporter progress) {
    this.resultsRoot = resultsRoot;
    this.projectHome = projectHome;
    this.progress = progress;
  }

  /** The run directory and what went into summary.json. */
  public record Outcome(RunDirectory directory, RunSummary summary) {}

  /** Claims a new directory for a run; called only once the backend has started. */
  @FunctionalInterface
  public interface DirectoryClaim {
    RunDirectory claim() throws IOException;
  }

  /** Runs into a new {@code results/<experiment>/<run-id>/}. */
  public <C> Outcome run(ResolvedConfig<C> config) throws ConfigException, IOException {
    return run(config, () -> RunDirectory.create(resultsRoot, config.experiment().name(), LocalDateTime.now()));
  }

  /** Runs into the directory {@code claim} creates (a sweep names its runs after their settings). */
  public <C> Outcome run(ResolvedConfig<C> config, DirectoryClaim claim) throws ConfigException, IOException {
    // The backend starts before the run directory exists: asking for an unavailable backend is a
    // config error (exit 2) and leaves results/ untouched.
    BackendInfo backend = BackendSetup.start(config.run().backend());
    config.experiment().checkInputs(config.settings());
    String experiment = config.experiment().name();
    RunDirectory dir = claim.claim();
    long started = System.nanoTime();
    try (RunLog log = new RunLog(dir.file("run.log"));
         MetricsRecorder metrics = MetricsRecorder.toCsv(dir.runId(), dir.file("metrics.csv"))) {
      LOG.info("run {} of {} ({}), results in {}", dir.runId(), experiment, config.source(), dir.path());
      dir.writeText("config.yaml", ConfigLoader.strictYamlMapper().writeValueAsString(config.resolvedTree()));
      dir.writeJson("environment.json", EnvironmentReport.describe(backend, config.run().seeds(), projectHome), json);

      Trainer trainer = new Trainer(metrics, config.run().training(), config.run().diagnostics(), progress);
      AtomicBoolean finished = new AtomicBoolean(false);
      Thread onInterrupt = new Thread(() -> {
        if (!finished.get()) {
          writeSummary(dir, config, metrics, trainer, started, RunStatus.FAILED, "interrupted before the run finished");
        }
      });
      Runtime.getRuntime().addShutdownHook(onInterrupt);

      RunStatus status;
      String error = null;
      try {
        config.experiment().run(config.settings(), new RunContext(config.run(), metrics, trainer, dir.plots()));
        List<String> missing = missingMeasurements(config, metrics);
        if (!missing.isEmpty()) {
          throw new IllegalStateException("the experiment declared " + missing.size() + " measurement(s) it never recorded: " + missing);
        }
        status = trainer.results().stream().anyMatch(TrainingResult::divergedUnexpectedly) ? RunStatus.DIVERGED : RunStatus.COMPLETED;
        logConvergence(trainer.results());
      } catch (Exception | LinkageError e) {
        LOG.error("the experiment failed", e);
        status = RunStatus.FAILED;
        error = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      try {
        DiagnosticsPlots.render(metrics, config.run().seeds().get(0), dir.plots());
      } catch (IOException | RuntimeException e) {
        LOG.warn("could not draw the diagnostics plots: {}", e.toString());
      }
      metrics.flush();
      RunSummary summary = writeSummary(dir, config, metrics, trainer, started, status, error);
      finished.set(true);
      Runtime.getRuntime().removeShutdownHook(onInterrupt);
      LOG.info("run {} {} in {} s", dir.runId(), status.jsonName(), String.format("%.1f", summary.wallSeconds()));
      dir.markFinished();
      return new Outcome(dir, summary);
    }
  }

  /**
   * Declared measurements (Experiment.measurementNames) the run did not record: a verdict rule
   * may read any of them, so a run missing one fails loudly instead of deciding on a gap.
   */
  static <C> List<String> missingMeasurements(ResolvedConfig<C> config, MetricsRecorder metrics) {
    Map<String, Map<Long, Double>> measured = metrics.measurements();
    return config.experiment().measurementNames(config.settings(), config.run()).stream()
        .filter(name -> !measured.containsKey(name)).sorted().toList();
  }

  /** One line per training that did not converge: a reader of run.log sees which and why. */
  private static void logConvergence(List<TrainingResult> trainings) {
    long converged = trainings.stream().filter(TrainingResult::converged).count();
    LOG.info("{} of {} trainings converged", converged, trainings.size());
    trainings.stream().filter(t -> !t.converged())
        .forEach(t -> LOG.info("  {} seed {}: {}", t.task(), t.seed(), t.convergence()));
  }

  private <C> RunSummary writeSummary(RunDirectory dir, ResolvedConfig<C> config, MetricsRecorder metrics, Trainer trainer,
      long started, RunStatus status, String error) {
    Map<String, Map<Long, Double>> measured = metrics.measurements();
    Map<String, RunSummary.Measurement> measurements = new LinkedHashMap<>();
    measured.forEach((name, perSeed) -> {
      SeedStatistics s = SeedStatistics.of(perSeed.values());
      measurements.put(name, new RunSummary.Measurement(s.mean(), s.std(), s.ciLow(), s.ciHigh(), perSeed));
    });
    // A failed run decides nothing: its measurements are incomplete.
    VerdictEvaluator evaluator = new VerdictEvaluator(measured);
    List<ClaimVerdict> claims = status == RunStatus.FAILED ? List.of()
        : config.run().claims().stream().map(evaluator::decide).toList();
    List<TrainingResult> trainings = trainer.results();
    double trainingSeconds = trainings.stream().mapToDouble(TrainingResult::seconds).sum();
    long samples = trainings.stream().mapToLong(TrainingResult::samples).sum();
    List<String> diverged = trainings.stream().filter(TrainingResult::diverged)
        .map(t -> t.task() + " seed " + t.seed() + (t.divergenceIsMeasured() ? " (measured)" : "")).toList();
    RunSummary summary = new RunSummary(config.experiment().name(), dir.runId(), status, error, config.run().seeds(),
        (System.nanoTime() - started) / 1e9, trainingSeconds, samples, trainingSeconds > 0 ? samples / trainingSeconds : 0.0,
        diverged, measurements, claims);
    try {
      dir.writeJson("summary.json", summary, json);
    } catch (IOException e) {
      LOG.error("could not write summary.json", e);
    }
    return summary;
  }
}
