package org.examlab.harness.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.examlab.harness.config.ResolvedConfig;
import org.examlab.harness.run.ExperimentRunner;
import org.examlab.harness.run.RunStatus;
import org.examlab.harness.run.RunSummary;
import org.examlab.harness.training.ProgressReporter;
import org.examlab.harness.verdict.ClaimVerdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code examlab run CONFIG [key=value ...] [--results DIR] [--resume]}. */
@Command(
    name = "run",
    description =
        "Run one experiment; writes results/<experiment>/<run-id>/ and prints the verdicts.")
final class RunCommand implements Callable<Integer> {
  @ParentCommand ExamLab parent;

  @Mixin ConfigArguments arguments;

  @Mixin ResultsOption results;

  @Option(
      names = "--resume",
      description =
          "continue the newest killed run of this same config (and code) from its checkpoints, "
              + "in its folder; a new run if there is none")
  boolean resume;

  @Override
  public Integer call() throws Exception {
    ResolvedConfig<?> resolved = arguments.load(parent.experiments);
    Path root = results.root(parent.home);
    ExperimentRunner runner =
        new ExperimentRunner(root, parent.home, ProgressReporter.forConsole());
    java.util.Optional<Path> dead =
        resume ? ResumeCommand.deadRunOf(resolved, root) : java.util.Optional.empty();
    if (resume && dead.isEmpty()) {
      System.out.println(
          "no killed run of this config to resume under "
              + root.resolve(resolved.experiment().name())
              + ": a new run");
    }
    dead.ifPresent(d -> System.out.println("resuming " + d));
    return report(dead.isPresent() ? runner.resume(resolved, dead.get()) : runner.run(resolved));
  }

  /** Prints a finished run's verdicts and folder; the exit status. */
  static int report(ExperimentRunner.Outcome outcome) {
    RunSummary summary = outcome.summary();
    Path dir = outcome.directory().path();
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%s %s: %s in %.1f s, %.0f samples/s%n",
        summary.experiment(),
        summary.runId(),
        summary.status().jsonName(),
        summary.wallSeconds(),
        summary.samplesPerSecond());
    if (summary.error() != null) {
      System.out.println("  error: " + summary.error());
    }
    for (ClaimVerdict c : summary.claims()) {
      System.out.printf(
          Locale.ROOT,
          "  %-14s %-12s %s%n                 %s%n",
          c.id(),
          c.verdict(),
          c.statement(),
          c.evidence().text());
    }
    System.out.println("  results: " + dir);
    return summary.status() == RunStatus.FAILED ? ExamLab.EXIT_RUN_FAILED : ExamLab.EXIT_OK;
  }
}
