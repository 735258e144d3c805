package org.examlab.harness.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.examlab.harness.launch.ClusterLauncher;
import org.examlab.harness.launch.Launcher;
import org.examlab.harness.run.ExperimentRunner;
import org.examlab.harness.run.RunStatus;
import org.examlab.harness.sweep.SweepRunner;
import org.examlab.harness.training.ProgressReporter;
import org.examlab.harness.validation.ConfigException;
import org.examlab.harness.verdict.ClaimVerdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code examlab sweep CONFIG [key=v1,v2,... | key=value ...] [--results DIR]}: an argument with a
 * top-level comma is an axis; one without is an ordinary override.
 */
@Command(
    name = "sweep",
    description =
        "Run every combination of the swept values (and every seed) as its own run, then aggregate:"
            + " aggregate.csv, aggregate.md, plots/ and the sweep's verdicts. Re-running finishes only what is missing.")
final class SweepCommand implements Callable<Integer> {
  private static final String SPARK = "spark";

  @ParentCommand ExamLab parent;

  @Parameters(
      index = "0",
      paramLabel = "CONFIG",
      description = "the experiment's YAML config (its sweep.axes, if any, are swept)")
  Path config;

  @Parameters(
      index = "1..*",
      paramLabel = "KEY=V1,V2,...",
      description = "axes to sweep (or KEY=VALUE overrides), e.g. training.learningRate=0.1,0.01")
  List<String> arguments = new ArrayList<>();

  @Option(
      names = "--results",
      paramLabel = "DIR",
      description = "results folder (default: results/ in the project)")
  Path results;

  @Option(
      names = "--launcher",
      paramLabel = "HOW",
      defaultValue = "sequential",
      description =
          "sequential (default), local:N: N worker processes share the runs (local: one per core), or spark: every point"
              + " one Spark task (see --master); same runs, same aggregate")
  String launcher;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "with --launcher spark: local[N] (default: embedded, one slot per core),"
              + " local[N,F] (F attempts per point), spark://host:7077 or any master spark-submit accepts")
  String master;

  /**
   * Set by --launcher local:N on the worker processes it starts: run only this share, no aggregate.
   */
  @Option(names = "--shard", paramLabel = "I/N", hidden = true)
  String shard;

  @Override
  public Integer call() throws Exception {
    List<String> overrides = new ArrayList<>();
    List<String> axes = new ArrayList<>();
    for (String a : arguments) {
      (isAxis(a) ? axes : overrides).add(a);
    }
    Path root = results != null ? results : parent.home.resolve("results");
    boolean spark = launcher.trim().equals(SPARK);
    if (master != null && !spark) {
      System.err.println("error: --master is for --launcher spark");
      return ExamLab.EXIT_BAD_INPUT;
    }
    Launcher how;
    SweepRunner.Shard share;
    try {
      how = spark ? Launcher.SEQUENTIAL : Launcher.parse(launcher);
      share = shard == null ? null : SweepRunner.Shard.parse(shard);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return ExamLab.EXIT_BAD_INPUT;
    }
    SweepRunner.Outcome outcome;
    try {
      ExperimentRunner runner =
          new ExperimentRunner(root, parent.home, ProgressReporter.forConsole());
      SweepRunner sweep = new SweepRunner(parent.experiments, runner, root);
      if (share != null) {
        outcome = sweep.run(config, overrides, axes, share);
        System.out.printf(Locale.ROOT, "sweep worker %s: %d runs%n", shard, outcome.executed());
        return outcome.points().stream().anyMatch(p -> p.status() == RunStatus.FAILED)
            ? ExamLab.EXIT_RUN_FAILED
            : ExamLab.EXIT_OK;
      }
      List<String> workerArguments = new ArrayList<>();
      workerArguments.add(config.toAbsolutePath().toString());
      workerArguments.addAll(arguments);
      workerArguments.add("--results");
      workerArguments.add(root.toAbsolutePath().toString());
      if (spark) {
        Integer bad = onCluster(sweep.schedule(config, overrides, axes), workerArguments);
        if (bad != null) {
          return bad;
        }
      }
      if (how.workers() > 1) {
        Path logs = root.resolve("sweep-workers");
        List<Integer> failed =
            how.run(
                i -> {
                  List<String> worker = new ArrayList<>(List.of("sweep"));
                  worker.addAll(workerArguments);
                  worker.addAll(List.of("--shard", i + "/" + how.workers()));
                  return worker;
                },
                logs);
        if (!failed.isEmpty()) {
          System.err.println(
              "sweep: workers "
                  + failed
                  + " failed (logs in "
                  + logs
                  + "); their missing runs run here now");
        }
      }
      // Sequential, or after the workers: every finished run is reused, what is missing runs
      // here, and the aggregate is written from the runs' folders either way.
      outcome = sweep.run(config, overrides, axes);
    } catch (ConfigException e) {
      System.err.println("error: " + e.getMessage());
      return ExamLab.EXIT_BAD_INPUT;
    }
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "sweep: %d runs, %d run now, %d reused%n",
        outcome.points().size(),
        outcome.executed(),
        outcome.points().size() - outcome.executed());
    System.out.println(java.nio.file.Files.readString(outcome.directory().resolve("aggregate.md")));
    for (ClaimVerdict c : outcome.aggregate().claims()) {
      System.out.printf(Locale.ROOT, "  %-8s %-12s %s%n", c.id(), c.verdict(), c.statement());
    }
    System.out.println("  results: " + outcome.directory());
    boolean anyFailed = outcome.points().stream().anyMatch(p -> p.status() == RunStatus.FAILED);
    return anyFailed ? ExamLab.EXIT_RUN_FAILED : ExamLab.EXIT_OK;
  }

  /**
   * Every missing point as one job of the cluster launcher: a worker process that runs that point
   * alone (the shard {@code position/total}), claiming its run folder as every run does. Returns an
   * exit status to stop with, or null to go on to the aggregate.
   */
  private Integer onCluster(SweepRunner.Schedule schedule, List<String> workerArguments)
      throws Exception {
    Optional<ClusterLauncher> cluster = ClusterLauncher.named(SPARK);
    if (cluster.isEmpty()) {
      System.err.println(
          "error: the spark launcher is not on the class path; scripts/examlab adds it (spark-launcher)"
              + " when it is given --launcher spark");
      return ExamLab.EXIT_BAD_INPUT;
    }
    List<ClusterLauncher.Job> jobs = new ArrayList<>();
    for (SweepRunner.Missing m : schedule.missing()) {
      List<String> worker = new ArrayList<>(List.of("sweep"));
      worker.addAll(workerArguments);
      worker.addAll(List.of("--shard", m.position() + "/" + schedule.total()));
      jobs.add(new ClusterLauncher.Job(m.name(), worker));
    }
    System.out.printf(
        Locale.ROOT,
        "sweep: %d points, %d finished before, %d to run on spark%n",
        schedule.total(),
        schedule.total() - jobs.size(),
        jobs.size());
    Path logs = schedule.directory().resolve("spark-tasks");
    List<String> lost =
        jobs.isEmpty()
            ? List.of()
            : cluster.get().run(master, "examlab sweep " + config.getFileName(), jobs, logs);
    if (!lost.isEmpty()) {
      System.err.println(
          "sweep: points "
              + lost
              + " did not finish on spark (logs in "
              + logs
              + "); they run here now");
    }
    return null;
  }

  /** key=a,b: a comma outside brackets makes it an axis. */
  static boolean isAxis(String argument) {
    int eq = argument.indexOf('=');
    if (eq <= 0) {
      return false;
    }
    int depth = 0;
    for (char c : argument.substring(eq + 1).toCharArray()) {
      depth += c == '[' || c == '{' ? 1 : c == ']' || c == '}' ? -1 : 0;
      if (c == ',' && depth == 0) {
        return true;
      }
    }
    return false;
  }
}
