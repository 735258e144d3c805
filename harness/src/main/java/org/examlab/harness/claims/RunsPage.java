package org.examlab.harness.claims;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.examlab.harness.run.RunDirectory;
import org.examlab.harness.runs.RunComparison;
import org.examlab.harness.runs.RunRecord;
import org.examlab.harness.runs.RunText;

/**
 * {@code runs.html} beside the report, linked from it: the runs in the results folder as {@code
 * examlab runs} lists them, and, for each deciding run, {@code examlab compare} against the run of
 * the same experiment before it: the config keys that differ, the measurements that moved (the 95%
 * interval of the difference excludes 0, paired by seed) and the verdicts that changed. Run folders
 * outside the report are named, not linked, so the page travels with the report.
 */
final class RunsPage {
  static final String FILE = "runs.html";

  private RunsPage() {}

  record Page(String results, List<Line> runs, List<Comparison> comparisons) {}

  record Line(
      String run,
      String state,
      String wall,
      String samplesPerSecond,
      String verdicts,
      String code,
      String description) {}

  record Comparison(
      String config,
      String before,
      String after,
      List<RunComparison.ConfigChange> keys,
      List<Moved> moved,
      int measured,
      List<RunComparison.VerdictChange> verdicts) {}

  record Moved(
      String name, String before, String after, String difference, String interval, String seeds) {}

  static void write(Path reportDir, Path resultsRoot, List<DecidingRun> deciding)
      throws IOException {
    RunDirectory.writeAtomically(
        reportDir.resolve(FILE), ReportTemplates.runs(view(resultsRoot, deciding)));
  }

  static Page view(Path resultsRoot, List<DecidingRun> deciding) throws IOException {
    List<RunRecord> all = RunRecord.list(resultsRoot, null);
    List<Line> lines =
        all.stream()
            .map(
                r ->
                    new Line(
                        id(r),
                        RunText.state(r),
                        RunText.number(r.wallSeconds()),
                        RunText.number(r.samplesPerSecond()),
                        RunText.verdicts(r),
                        RunText.code(r),
                        r.config().getOrDefault("description", "")))
            .toList();
    List<Comparison> comparisons = new ArrayList<>();
    for (DecidingRun run : deciding) {
      RunRecord after = RunRecord.read(run.directory());
      Optional<RunRecord> before = previous(all, after);
      if (before.isEmpty()) {
        continue;
      }
      RunComparison c = RunComparison.of(before.get(), after);
      List<Moved> moved =
          c.moved().stream()
              .map(
                  m ->
                      new Moved(
                          m.name(),
                          RunText.g(m.before()),
                          RunText.g(m.after()),
                          RunText.g(m.difference()),
                          RunText.interval(m),
                          RunText.seeds(m)))
              .toList();
      comparisons.add(
          new Comparison(
              run.config(),
              id(before.get()),
              id(after),
              c.config(),
              moved,
              c.measurements().size(),
              c.verdicts()));
    }
    return new Page(resultsRoot.toAbsolutePath().normalize().toString(), lines, comparisons);
  }

  /**
   * The latest finished run of the same experiment before {@code run} (run ids sort by time), if
   * any.
   */
  static Optional<RunRecord> previous(List<RunRecord> all, RunRecord run) {
    return all.stream()
        .filter(
            r -> r.experiment().equals(run.experiment()) && r.runId().compareTo(run.runId()) < 0)
        .filter(
            r ->
                r.state() == RunDirectory.State.COMPLETED
                    || r.state() == RunDirectory.State.DIVERGED)
        .max(Comparator.comparing(RunRecord::runId));
  }

  private static String id(RunRecord r) {
    return r.experiment() + "/" + r.runId();
  }
}
