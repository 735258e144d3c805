package org.examlab.harness.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.examlab.harness.runs.RunRecord;
import org.examlab.harness.runs.RunText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code examlab runs [EXPERIMENT]}: every run folder, oldest first, with its state and outcome.
 */
@Command(
    name = "runs",
    description =
        "List the runs in results/ (of one experiment, if given): id, state (running, dead, completed, ...),"
            + " wall time, samples/s, verdict counts, code version and the config's description.")
final class RunsCommand implements Callable<Integer> {
  @ParentCommand ExamLab parent;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "EXPERIMENT",
      description = "only this experiment's runs")
  String experiment;

  @Mixin ResultsOption results;

  @Override
  public Integer call() throws Exception {
    List<RunRecord> runs = RunRecord.list(results.root(parent.home), experiment);
    if (runs.isEmpty()) {
      System.out.println(
          "no runs in "
              + results.root(parent.home)
              + (experiment != null ? " for " + experiment : ""));
      return ExamLab.EXIT_OK;
    }
    String format = "%-32s %-10s %9s %11s %-14s %-12s %s%n";
    System.out.printf(
        Locale.ROOT, format, "run", "state", "wall s", "samples/s", "S / R / I", "code", "config");
    for (RunRecord r : runs) {
      System.out.printf(
          Locale.ROOT,
          format,
          r.experiment() + "/" + r.runId(),
          RunText.state(r),
          RunText.number(r.wallSeconds()),
          RunText.number(r.samplesPerSecond()),
          RunText.verdicts(r),
          RunText.code(r),
          r.config().getOrDefault("description", ""));
    }
    if (runs.stream().anyMatch(r -> r.state() == org.examlab.harness.run.RunDirectory.State.DEAD)) {
      System.out.println(
          "dead: killed before it finished (its owner is gone); continue it with: examlab resume RUN_DIR");
    }
    return ExamLab.EXIT_OK;
  }
}
