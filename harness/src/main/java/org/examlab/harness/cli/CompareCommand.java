package org.examlab.harness.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.examlab.harness.runs.RunComparison;
import org.examlab.harness.runs.RunRecord;
import org.examlab.harness.runs.RunText;
import org.examlab.harness.validation.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code examlab compare RUN_A RUN_B}: what differs between two runs: config keys, measurements
 * that moved (95% interval of the difference away from 0, paired by seed), verdicts.
 */
@Command(
    name = "compare",
    description =
        "Compare two runs (folders, or <experiment>/<run-id> under results/): the config keys that differ,"
            + " the measurements that moved (the 95% interval of B - A, paired by seed, excludes 0) and the verdicts that changed.")
final class CompareCommand implements Callable<Integer> {
  @ParentCommand ExamLab parent;

  @Parameters(index = "0", paramLabel = "RUN_A")
  String first;

  @Parameters(index = "1", paramLabel = "RUN_B")
  String second;

  @Option(
      names = "--all",
      description = "list every measurement both runs have, not only those that moved")
  boolean all;

  @Mixin ResultsOption results;

  @Override
  public Integer call() throws Exception {
    RunRecord a = RunRecord.read(locate(first, "RUN_A"));
    RunRecord b = RunRecord.read(locate(second, "RUN_B"));
    RunComparison c = RunComparison.of(a, b);
    System.out.println("A: " + a.experiment() + "/" + a.runId() + " (" + RunText.state(a) + ")");
    System.out.println("B: " + b.experiment() + "/" + b.runId() + " (" + RunText.state(b) + ")");
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "config: %d %s%n",
        c.config().size(),
        c.config().size() == 1 ? "key differs" : "keys differ");
    c.config()
        .forEach(
            k ->
                System.out.printf(
                    Locale.ROOT, "  %s: %s -> %s%n", k.key(), text(k.before()), text(k.after())));
    System.out.println();
    List<RunComparison.MeasurementChange> shown = all ? c.measurements() : c.moved();
    System.out.printf(
        Locale.ROOT,
        "measurements: %d of %d moved (the 95%% interval of B - A excludes 0; paired by seed)%n",
        c.moved().size(),
        c.measurements().size());
    if (!shown.isEmpty()) {
      String format = "  %-48s %12s %12s %12s  %-27s %s%n";
      System.out.printf(
          Locale.ROOT, format, "measurement", "A", "B", "B - A", "95% interval", "seeds");
      for (RunComparison.MeasurementChange m : shown) {
        System.out.printf(
            Locale.ROOT,
            format,
            m.name() + (m.moved() ? " *" : ""),
            RunText.g(m.before()),
            RunText.g(m.after()),
            RunText.g(m.difference()),
            RunText.interval(m),
            RunText.seeds(m));
      }
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "verdicts: %d changed%n", c.verdicts().size());
    c.verdicts()
        .forEach(
            v ->
                System.out.printf(
                    Locale.ROOT, "  %-24s %s -> %s%n", v.claim(), v.before(), v.after()));
    return ExamLab.EXIT_OK;
  }

  /** A run folder as given, or {@code <experiment>/<run-id>} under the results folder. */
  private Path locate(String run, String which) throws ConfigException {
    for (Path p : List.of(Path.of(run), results.root(parent.home).resolve(run))) {
      if (Files.isRegularFile(p.resolve("config.yaml"))) {
        return p.toAbsolutePath().normalize();
      }
    }
    throw new ConfigException(
        which,
        run,
        "no run folder '"
            + run
            + "' (a folder with config.yaml, or <experiment>/<run-id> under "
            + results.root(parent.home)
            + "); see examlab runs");
  }

  private static String text(String value) {
    return value == null ? "(absent)" : value;
  }
}
