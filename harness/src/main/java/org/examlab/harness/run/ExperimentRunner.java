package org.examlab.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.examlab.harness.backend.BackendInfo;
import org.examlab.harness.backend.BackendSetup;
import org.examlab.harness.config.ConfigLoader;
import org.examlab.harness.config.ResolvedConfig;
import org.examlab.harness.diagnostics.DiagnosticsPlots;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.gpu.GpuInfo;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.metrics.SeedStatistics;
import org.examlab.harness.settings.RunSettings;
import org.examlab.harness.training.ProgressReporter;
import org.examlab.harness.training.Slicing;
import org.examlab.harness.training.Trainer;
import org.examlab.harness.training.TrainingCheckpoint;
import org.examlab.harness.training.TrainingResult;
import org.examlab.harness.training.UiStatsStorage;
import org.examlab.harness.tuning.Tuner;
import org.examlab.harness.validation.ConfigException;
import org.examlab.harness.verdict.ArmConvergence;
import org.examlab.harness.verdict.ClaimVerdict;
import org.examlab.harness.verdict.VerdictEvaluator;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one validated config end to end: starts the backend, claims a fresh run directory, writes
 * the resolved config and environment, lets the experiment measure, then decides the claims and
 * writes the summary. A run that throws or is interrupted is still summarised, as failed, and its
 * RUNNING marker stays only if the process dies outright. A run whose folder cannot be written
 * stops: RUNNING becomes FAILED with the reason, where the folder allows.
 *
 * <p>In estimate mode (a runner made with a {@link Slicing}) every training runs only its measured
 * slice; everything else runs for real. Such a run decides nothing: no second seed stage, no check
 * of what was recorded and no claims (a verdict from a slice would mean nothing), and its directory
 * is never marked finished, so no one can reuse it as a run.
 */
public final class ExperimentRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);

  private final Path resultsRoot;
  private final Path projectHome;
  private final ProgressReporter progress;
  private final Slicing slicing;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ExperimentRunner(Path resultsRoot, Path projectHome, ProgressReporter progress) {
    this(resultsRoot, projectHome, progress, null);
  }

  /**
   * A runner in estimate mode when {@code slicing} is given (see the class comment); it collects
   * the slices.
   */
  public ExperimentRunner(
      Path resultsRoot, Path projectHome, ProgressReporter progress, Slicing slicing) {
    this.resultsRoot = resultsRoot;
    this.projectHome = projectHome;
    this.progress = progress;
    this.slicing = slicing;
  }

  /**
   * The project folder relative paths in a config are read against; the working directory if none
   * was given.
   */
  public Path home() {
    return projectHome != null ? projectHome : Path.of("").toAbsolutePath();
  }

  private boolean estimating() {
    return slicing != null;
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
    return run(
        config,
        () -> RunDirectory.create(resultsRoot, config.experiment().name(), LocalDateTime.now()));
  }

  /**
   * Resumes the killed run in {@code runDir} (its RUNNING marker left, its owner dead) into the
   * same folder: the experiment runs again from the start with the same config, and each training
   * takes up its checkpoint (a finished one is not trained again, one in progress goes on from its
   * last saved epoch), so the run ends with the measurements an uninterrupted run gets. metrics.csv
   * is written again from the start: the restored trainings put their rows back.
   *
   * @throws ConfigException if the folder holds no dead run, or one made by other code
   */
  public <C> Outcome resume(ResolvedConfig<C> config, Path runDir)
      throws ConfigException, IOException {
    String made = "";
    try {
      made =
          json.readTree(runDir.resolve("environment.json").toFile()).path("codeVersion").asText("");
    } catch (IOException e) {
      // killed before it wrote its environment: nothing trained yet, nothing to mismatch
    }
    if (!made.isEmpty() && !made.equals(CodeVersion.current())) {
      throw new ConfigException(
          "",
          runDir.toString(),
          "the run was made by code version "
              + made
              + ", this is "
              + CodeVersion.current()
              + ": its checkpoints would continue under other code; start a new run");
    }
    return run(
        config,
        () -> {
          try {
            return RunDirectory.takeOver(runDir);
          } catch (IllegalStateException notDead) {
            throw new ResumeRefused(notDead.getMessage());
          }
        });
  }

  /** A folder that holds no dead run to resume (the CLI says why, exit 2). */
  public static final class ResumeRefused extends IOException {
    ResumeRefused(String message) {
      super(message);
    }
  }

  /**
   * Runs into the directory {@code claim} creates (a sweep names its runs after their settings). If
   * the folder cannot be written (a full disk, a folder removed or made read-only), the run stops,
   * its folder is marked failed where it still can be, the stack trace goes to run.log only, and a
   * {@link java.nio.file.FileSystemException} naming the path is thrown (the CLI's one line, {@link
   * WriteFault#message()}).
   */
  public <C> Outcome run(ResolvedConfig<C> config, DirectoryClaim claim)
      throws ConfigException, IOException {
    // The backend starts before the run directory exists: asking for an unavailable backend is a
    // config error (exit 2) and leaves results/ untouched.
    BackendInfo backend = BackendSetup.start(config.run().backend());
    config.experiment().checkInputs(config.settings(), home());
    UiStatsStorage uiStats =
        config.run().artifacts().uiStats() && !estimating()
            ? UiStatsStorage.require(config.source().toString())
            : null;
    RunDirectory dir = claim.claim();
    try (MemoryPeak memory =
            MemoryPeak.start(
                BackendSetup.gpu() == null
                    ? null
                    : () ->
                        GpuInfo.deviceBytesInUse(
                            Nd4j.getExecutioner().getEnvironmentInformation()));
        RunDirectory.Heartbeat heartbeat = dir.heartbeat();
        RunLog log = new RunLog(dir.file("run.log"))) {
      try (MetricsRecorder metrics = MetricsRecorder.toCsv(dir.runId(), dir.file("metrics.csv"));
          UiStatsStorage.Recorder ui =
              uiStats == null ? null : uiStats.open(dir.file(UiStatsStorage.FILE))) {
        return measure(config, backend, dir, metrics, memory, ui);
      } catch (IOException e) {
        Optional<WriteFault> fault = WriteFault.in(e).flatMap(f -> f.of(dir.path()));
        String reason = fault.map(WriteFault::text).orElse(e.toString());
        RunLog.ONLY.error("run {} stopped: {}", dir.runId(), reason, e);
        dir.markFailed(reason);
        throw fault.isPresent() ? fault.get().exception(e) : e;
      }
    }
  }

  /**
   * The run itself, into {@code dir}; throws IOException only when the folder cannot be written.
   */
  private <C> Outcome measure(
      ResolvedConfig<C> config,
      BackendInfo backend,
      RunDirectory dir,
      MetricsRecorder metrics,
      MemoryPeak memory,
      UiStatsStorage.Recorder ui)
      throws IOException {
    long started = System.nanoTime();
    metrics.expect(config.experiment().measurements(config.settings(), config.run()));
    LOG.info(
        "run {} of {} ({}), results in {}",
        dir.runId(),
        config.experiment().name(),
        config.source(),
        dir.path());
    dir.writeText(
        "config.yaml", ConfigLoader.strictYamlMapper().writeValueAsString(config.resolvedTree()));
    dir.writeJson(
        "environment.json",
        EnvironmentReport.describe(backend, config.run().seeds(), projectHome),
        json);

    Trainer made =
        new Trainer(
            metrics, config.run().training(), config.run().diagnostics(), progress, slicing);
    // Every training saves its checkpoints in the run folder; a resumed run's trainings take them
    // up.
    // An estimate's slice trains nothing worth keeping or resuming.
    Trainer checkpointing =
        estimating() ? made : made.checkpointingTo(new TrainingCheckpoint.Store(dir.path()));
    Trainer saving =
        config.run().artifacts().models() && !estimating()
            ? checkpointing.savingModelsTo(dir.path().resolve("models"))
            : checkpointing;
    Trainer trainer = ui == null ? saving : saving.withEveryTraining(ui);
    Tuner tuner = new Tuner(config.run().tuning(), metrics);
    AtomicBoolean finished = new AtomicBoolean(false);
    AtomicReference<List<Long>> addedSeeds = new AtomicReference<>(List.of());
    Thread onInterrupt =
        new Thread(
            () -> {
              if (!finished.get()) {
                try {
                  writeSummary(
                      dir,
                      config,
                      metrics,
                      trainer,
                      tuner,
                      memory,
                      started,
                      RunStatus.FAILED,
                      "interrupted before the run finished",
                      addedSeeds.get());
                } catch (IOException e) {
                  RunLog.ONLY.error("could not write summary.json", e);
                }
              }
            });
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try {
      RunStatus status;
      String error = null;
      FileSystemException fault =
          null; // the folder could not be written: the run stops with it, after its summary
      List<Long> added = List.of();
      try {
        config
            .experiment()
            .run(
                config.settings(),
                new RunContext(config.run(), metrics, trainer, tuner, dir.plots(), home()));
        if (!estimating()) {
          added = secondStage(config, metrics, trainer, tuner, dir);
          checkRecorded(config, metrics, trainer);
        }
        status =
            trainer.results().stream().anyMatch(TrainingResult::divergedUnexpectedly)
                ? RunStatus.DIVERGED
                : RunStatus.COMPLETED;
        if (!estimating()) {
          logConvergence(trainer.results()); // a slice's convergence says nothing
        }
      } catch (Exception | LinkageError e) {
        status = RunStatus.FAILED;
        fault = folderFault(e, dir).orElse(null);
        if (fault == null) {
          LOG.error("the experiment failed", e);
          error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
      }
      addedSeeds.set(added);
      if (fault == null && dir.wasRemoved()) {
        fault =
            new NoSuchFileException(
                dir.path().toString(), null, "the run folder was removed while the run was going");
      }
      if (fault == null) { // drawing into a removed folder would make it anew
        try {
          DiagnosticsPlots.render(metrics, config.run().seeds().get(0), dir.plots());
        } catch (IOException | RuntimeException e) {
          fault = folderFault(e, dir).orElse(null);
          if (fault == null) {
            LOG.warn("could not draw the diagnostics plots: {}", e.toString());
          }
        }
      }
      try {
        metrics.flush();
      } catch (IOException e) {
        fault = fault != null ? fault : folderFault(e, dir).orElseThrow(() -> e);
      }
      if (fault
          != null) { // summarised where the folder still allows, then the run stops with the first
        // fault
        try {
          writeSummary(
              dir,
              config,
              metrics,
              trainer,
              tuner,
              memory,
              started,
              RunStatus.FAILED,
              WriteFault.in(fault).orElseThrow().text(),
              added);
        } catch (IOException alsoUnwritable) {
          fault.addSuppressed(alsoUnwritable);
        }
        throw fault;
      }
      RunSummary summary =
          writeSummary(dir, config, metrics, trainer, tuner, memory, started, status, error, added);
      LOG.info(
          "run {} {} in {} s",
          dir.runId(),
          status.jsonName(),
          String.format("%.1f", summary.wallSeconds()));
      if (!estimating()) {
        dir.markFinished();
      }
      return new Outcome(dir, summary);
    } finally {
      finished.set(true);
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running (the process was interrupted): it writes the summary
      }
    }
  }

  /**
   * {@code e} as the exception naming the path, if it is a fault of {@code dir}'s files (not, say,
   * an input that cannot be read).
   */
  private static Optional<FileSystemException> folderFault(Throwable e, RunDirectory dir) {
    return WriteFault.in(e).flatMap(f -> f.of(dir.path())).map(f -> f.exception(e));
  }

  /**
   * The second stage of two-stage seed plans: if a claim's pilot seeds show a spread that needs
   * more seeds, the experiment runs again on just the added seeds, into the same metrics (the
   * verdict then uses them all); their figures go to plots/stage-2/ so the pilot's stay as drawn.
   */
  private <C> List<Long> secondStage(
      ResolvedConfig<C> config,
      MetricsRecorder metrics,
      Trainer trainer,
      Tuner tuner,
      RunDirectory dir)
      throws Exception {
    VerdictEvaluator pilot = new VerdictEvaluator(metrics.measurements(), convergence(trainer));
    int wanted =
        config.run().claims().stream()
            .filter(c -> c.seeds() != null)
            .mapToInt(pilot::seedsWanted)
            .max()
            .orElse(0);
    List<Long> seeds = config.run().seeds();
    if (wanted <= seeds.size()) {
      return List.of();
    }
    List<Long> added = new ArrayList<>();
    for (long s = seeds.stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        seeds.size() + added.size() < wanted;
        s++) {
      added.add(s);
    }
    LOG.info(
        "two-stage seed plan: the pilot's spread needs {} seeds, running {} more: {}",
        wanted,
        added.size(),
        added);
    RunSettings second = config.run().withSeeds(added);
    java.nio.file.Path plots =
        java.nio.file.Files.createDirectories(dir.plots().resolve("stage-2"));
    config
        .experiment()
        .run(config.settings(), new RunContext(second, metrics, trainer, tuner, plots, home()));
    return List.copyOf(added);
  }

  /**
   * A run must record every measurement its experiment declares, and every training a claim names
   * must have happened: otherwise a verdict would silently read nothing.
   */
  private static <C> void checkRecorded(
      ResolvedConfig<C> config, MetricsRecorder metrics, Trainer trainer) {
    VerdictEvaluator evaluator = new VerdictEvaluator(metrics.measurements(), convergence(trainer));
    List<String> problems = new ArrayList<>();
    List<String> missing = missingMeasurements(config, metrics);
    if (!missing.isEmpty()) {
      problems.add(
          "the experiment declared "
              + missing.size()
              + " measurement(s) it never recorded: "
              + missing);
    }
    config
        .run()
        .claims()
        .forEach(
            c ->
                evaluator
                    .unknownArms(c)
                    .forEach(
                        a ->
                            problems.add(
                                "claim "
                                    + c.id()
                                    + " names training '"
                                    + a
                                    + "', which the run never trained (trained: "
                                    + new TreeSet<>(
                                        trainer.results().stream()
                                            .map(TrainingResult::task)
                                            .toList())
                                    + ")")));
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("; ", problems));
    }
  }

  static List<ArmConvergence> convergence(Trainer trainer) {
    return trainer.results().stream()
        .map(
            t -> new ArmConvergence(t.task(), t.seed(), t.epochs(), t.converged(), t.convergence()))
        .toList();
  }

  /**
   * Declared measurements (Experiment.measurements) the run did not record: a verdict rule may read
   * any of them, so a run missing one fails loudly instead of deciding on a gap.
   */
  static <C> List<String> missingMeasurements(ResolvedConfig<C> config, MetricsRecorder metrics) {
    Map<String, Map<Long, Double>> measured = metrics.measurements();
    return config.experiment().measurements(config.settings(), config.run()).names().stream()
        .filter(name -> !measured.containsKey(name))
        .sorted()
        .toList();
  }

  /** One line per training that did not converge: a reader of run.log sees which and why. */
  private static void logConvergence(List<TrainingResult> trainings) {
    long converged = trainings.stream().filter(TrainingResult::converged).count();
    LOG.info("{} of {} trainings converged", converged, trainings.size());
    trainings.stream()
        .filter(t -> !t.converged())
        .forEach(t -> LOG.info("  {} seed {}: {}", t.task(), t.seed(), t.convergence()));
  }

  private <C> RunSummary writeSummary(
      RunDirectory dir,
      ResolvedConfig<C> config,
      MetricsRecorder metrics,
      Trainer trainer,
      Tuner tuner,
      MemoryPeak memory,
      long started,
      RunStatus status,
      String error,
      List<Long> addedSeeds)
      throws IOException {
    Map<String, Map<Long, Double>> measured = metrics.measurements();
    Map<String, RunSummary.Measurement> measurements = new LinkedHashMap<>();
    measured.forEach(
        (name, perSeed) -> {
          SeedStatistics s = SeedStatistics.of(perSeed.values());
          measurements.put(
              name, new RunSummary.Measurement(s.mean(), s.std(), s.ciLow(), s.ciHigh(), perSeed));
        });
    // A failed run decides nothing: its measurements are incomplete; nor does an estimate's slice.
    VerdictEvaluator evaluator = new VerdictEvaluator(measured, convergence(trainer));
    List<ClaimVerdict> claims =
        status == RunStatus.FAILED || estimating()
            ? List.of()
            : config.run().claims().stream().map(evaluator::decide).toList();
    List<TrainingResult> trainings = trainer.results();
    double trainingSeconds = trainings.stream().mapToDouble(TrainingResult::seconds).sum();
    long samples = trainings.stream().mapToLong(TrainingResult::samples).sum();
    List<String> diverged =
        trainings.stream()
            .filter(TrainingResult::diverged)
            .map(
                t ->
                    t.task()
                        + " seed "
                        + t.seed()
                        + (t.divergenceIsMeasured() ? " (measured)" : ""))
            .toList();
    RunSummary summary =
        new RunSummary(
            config.experiment().name(),
            dir.runId(),
            status,
            error,
            config.run().seeds(),
            (System.nanoTime() - started) / 1e9,
            trainingSeconds,
            samples,
            trainingSeconds > 0 ? samples / trainingSeconds : 0.0,
            memory.residentPeakBytes(),
            memory.devicePeakBytes(),
            diverged,
            addedSeeds,
            convergence(trainer),
            tuner.choices(),
            measurements,
            claims);
    dir.writeJson(SummaryFile.NAME, summary, json);
    return summary;
  }
}
