package org.examlab.harness.claims;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.examlab.harness.config.ClaimCatalog;
import org.examlab.harness.run.RunDirectory;
import org.examlab.harness.run.RunStatus;
import org.examlab.harness.verdict.ClaimOrigin;

/**
 * REPORT.md and REPORT.html for the claims of a catalog, written by the Mustache templates {@code
 * report.md.mustache} and {@code report.html.mustache} (escaping by default): one row per verdict,
 * with the exam's answer, the deciding numbers and links to the run.
 */
public final class ClaimsReport {

  /**
   * One line of the report.
   *
   * @param result the verdict, or null where none exists (untestable, run failed, no rule)
   * @param run the run that decided it, or null
   * @param note why there is no verdict, or null
   */
  public record Row(ClaimCatalog.Entry entry, ClaimResult result, DecidingRun run, String note) {
    public String id() {
      return result != null ? result.id() : entry.id();
    }

    public String verdict() {
      if (result != null) {
        return result.verdict().name();
      }
      return entry.testable() ? "NOT DECIDED" : "UNTESTABLE";
    }

    /** A project-added claim (a control, a mechanism), reported apart from the exam's. */
    public boolean project() {
      return result != null
          ? result.origin() == ClaimOrigin.PROJECT
          : entry.origin() == ClaimOrigin.PROJECT;
    }

    /** The claim's kind as the run states it, else the catalog's. */
    public String kind() {
      if (result != null && result.kind() != null) {
        return result.kind().jsonName();
      }
      return entry.kind() != null ? entry.kind() : entry.testable() ? "" : "untestable";
    }

    /** The exam's stance and its source, or "project claim". */
    public String stance() {
      if (result != null) {
        return result.stanceText();
      }
      return project() ? "project claim" : entry.stance() != null ? entry.stance().jsonName() : "";
    }

    public boolean disagrees() {
      return result != null && result.disagreesWithExam() && result.countsAsEvidence();
    }
  }

  private final ClaimCatalog catalog;
  private final List<Row> rows;
  private final String mode;
  private final double wallSeconds;
  private final String launcher;

  private ClaimsReport(
      ClaimCatalog catalog, List<Row> rows, String mode, double wallSeconds, String launcher) {
    this.catalog = catalog;
    this.rows = List.copyOf(rows);
    this.mode = mode;
    this.wallSeconds = wallSeconds;
    this.launcher = launcher;
  }

  /** The same report, timed: the command's wall time and the launcher that ran its configs. */
  public ClaimsReport timed(double seconds, String launcherName) {
    return new ClaimsReport(catalog, rows, mode, seconds, launcherName);
  }

  /** Rows for {@code entries}, from the deciding run of each entry's config (null: not run). */
  public static ClaimsReport of(
      ClaimCatalog catalog,
      List<ClaimCatalog.Entry> entries,
      Map<String, DecidingRun> runs,
      boolean fullSize) {
    List<Row> rows = new ArrayList<>();
    List<Row> untestable = new ArrayList<>();
    for (ClaimCatalog.Entry e : entries) {
      if (!e.testable()) {
        untestable.add(new Row(e, null, null, "untestable: " + e.untestable()));
        continue;
      }
      if (e.pending(fullSize)) {
        rows.add(
            new Row(
                e,
                null,
                null,
                e.pending()
                    ? "no config decides it yet"
                    : "decided only in the " + (fullSize ? "quick" : "full") + " config"));
        continue;
      }
      DecidingRun run = runs.get(e.config(fullSize));
      if (run == null) {
        rows.add(new Row(e, null, null, "not run"));
      } else if (run.directory() == null) {
        rows.add(new Row(e, null, run, "could not run " + e.config(fullSize) + ": " + run.error()));
      } else {
        List<ClaimResult> decided =
            run.claims().stream().filter(c -> catalog.entryFor(c.id()).orElse(null) == e).toList();
        if (decided.isEmpty()) {
          String why =
              run.status() == RunStatus.FAILED
                  ? "the run failed: " + run.error()
                  : "no rule in " + e.config(fullSize) + " decides it";
          rows.add(new Row(e, null, run, why));
        }
        decided.forEach(c -> rows.add(new Row(e, c, run, null)));
      }
    }
    // Exam claims first, then the project's; untestable ones last, so nothing is skipped silently.
    List<Row> ordered = new ArrayList<>(rows.stream().filter(r -> !r.project()).toList());
    ordered.addAll(rows.stream().filter(Row::project).toList());
    ordered.addAll(untestable);
    return new ClaimsReport(catalog, ordered, fullSize ? "full" : "quick", Double.NaN, null);
  }

  public List<Row> rows() {
    return rows;
  }

  static final List<String> VERDICTS =
      List.of("SUPPORTED", "REFUTED", "INCONCLUSIVE", "NOT DECIDED", "UNTESTABLE");
  static final List<String> KINDS = List.of("experiment", "computation", "demonstration");

  /** Verdict name to how many rows have it, over the rows {@code which} selects. */
  public Map<String, Integer> tally(java.util.function.Predicate<Row> which) {
    Map<String, Integer> tally = new LinkedHashMap<>();
    for (String v : VERDICTS) {
      tally.put(v, (int) rows.stream().filter(which).filter(r -> r.verdict().equals(v)).count());
    }
    return tally;
  }

  /**
   * Exam claims that count as evidence (experiments and computations) whose verdict contradicts the
   * exam.
   */
  public long disagreements() {
    return rows.stream().filter(Row::disagrees).count();
  }

  /**
   * The headline counts, kept apart: the exam's claims by kind, then the project's. A demonstration
   * is shown but is no evidence, so it never joins an experiment's or a computation's count.
   */
  public List<String> countLines() {
    List<String> lines = new ArrayList<>();
    for (boolean project : List.of(false, true)) {
      for (String kind : KINDS) {
        Map<String, Integer> t =
            tally(r -> r.project() == project && r.kind().equals(kind) && r.result() != null);
        int total = t.values().stream().mapToInt(Integer::intValue).sum();
        if (total > 0) {
          List<String> parts = new ArrayList<>();
          t.forEach(
              (v, n) -> {
                if (n > 0) {
                  parts.add(n + " " + v);
                }
              });
          lines.add(
              (project ? "project " : "exam ")
                  + kind
                  + (kind.equals("demonstration") ? " (illustrations, not evidence)" : "")
                  + ": "
                  + String.join(", ", parts));
        }
      }
    }
    long pending = rows.stream().filter(r -> r.verdict().equals("NOT DECIDED")).count();
    long untestable = rows.stream().filter(r -> r.verdict().equals("UNTESTABLE")).count();
    lines.add(
        pending
            + " not decided (no config yet, or the run failed), "
            + untestable
            + " untestable (listed last, with the reason)");
    lines.add(disagreements() + " exam verdicts disagree with the exam's stance (marked ⚠)");
    return lines;
  }

  /**
   * Writes REPORT.md and REPORT.html into {@code dir} (each through a temporary file), with copies
   * of everything they show beside them ({@link ReportFolder}): the folder travels.
   */
  public void write(Path dir) throws IOException {
    write(dir, null);
  }

  /**
   * The same, and the runs page of {@code resultsRoot} beside them ({@link RunsPage}), when it is
   * given.
   */
  public void write(Path dir, Path resultsRoot) throws IOException {
    Files.createDirectories(dir);
    for (DecidingRun run : runs()) {
      ReportFolder.copy(dir, run);
    }
    for (Row r : rows) {
      if (r.result() != null && r.result().deciding() != null) {
        EvidenceChart.save(
            r.id(), r.result().deciding(), dir.resolve(ReportFolder.evidence(r.id())));
      }
    }
    if (resultsRoot != null) {
      RunsPage.write(dir, resultsRoot, runs());
    }
    RunDirectory.writeAtomically(dir.resolve("REPORT.md"), markdown(dir));
    RunDirectory.writeAtomically(dir.resolve("REPORT.html"), html(dir));
  }

  String markdown(Path dir) {
    return ReportTemplates.markdown(view(dir));
  }

  String html(Path dir) {
    return ReportTemplates.html(view(dir));
  }

  /**
   * Everything the templates show. Every link points inside the report's folder {@code dir}, at the
   * copies {@link #write} makes; where a run came from is shown as text, relative to {@code dir}.
   */
  ReportView.Page view(Path dir) {
    List<ReportView.Row> table = new ArrayList<>();
    for (Row r : rows) {
      ClaimResult c = r.result();
      DecidingRun run = r.run() != null && r.run().directory() != null ? r.run() : null;
      table.add(
          new ReportView.Row(
              r.id(),
              catalog.exams().getOrDefault(r.entry().exam(), ""),
              r.kind(),
              r.stance(),
              c != null && c.quote() != null ? c.quote() : "",
              c != null ? c.statement() : r.entry().topic(),
              r.verdict(),
              r.verdict().replace(' ', '_'),
              r.disagrees(),
              c != null ? c.evidence() : r.note(),
              chart(r),
              c != null && c.converged() != null ? c.converged() : "—",
              run == null
                  ? null
                  : new ReportView.RunLink(
                      ReportFolder.url(ReportFolder.runFolder(run)),
                      run.config(),
                      run.reused(),
                      anchor(run))));
    }
    List<ReportView.Run> sections = new ArrayList<>();
    for (DecidingRun run : runs()) {
      List<ReportView.Image> plots =
          run.plots().stream()
              .map(
                  p ->
                      new ReportView.Image(
                          p.getFileName().toString(),
                          p.getFileName().toString(),
                          ReportFolder.url(ReportFolder.plot(run, p)),
                          ReportFolder.url(ReportFolder.thumb(run, p))))
              .toList();
      sections.add(
          new ReportView.Run(
              anchor(run),
              run.config(),
              ReportFolder.url(ReportFolder.runFolder(run)),
              run.directory().getFileName().toString(),
              run.status().jsonName(),
              run.reused(),
              number(run.wallSeconds()),
              number(run.secondsHere()),
              number(run.samplesPerSecond()),
              memory(run.peakResidentBytes()),
              relative(dir, run.directory()),
              plots));
    }
    List<ReportView.Exam> exams =
        catalog.exams().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> new ReportView.Exam(e.getKey(), e.getValue()))
            .toList();
    return new ReportView.Page(
        mode,
        countLines(),
        table.stream().anyMatch(t -> t.chart() != null),
        table,
        timeLine(),
        sections,
        exams,
        Files.isRegularFile(dir.resolve(RunsPage.FILE)) ? RunsPage.FILE : null);
  }

  /**
   * The report's time: every config's time in it (run now or found), and, when the report was
   * timed, its wall time and launcher (with N workers the configs' times add up to more than it).
   */
  String timeLine() {
    double total =
        runs().stream().mapToDouble(DecidingRun::secondsHere).filter(Double::isFinite).sum();
    long ran = runs().stream().filter(r -> !r.reused()).count();
    String configs =
        String.format(
            Locale.ROOT,
            "%d configs, %d run now, %d reused",
            runs().size(),
            ran,
            runs().size() - ran);
    if (Double.isNaN(wallSeconds)) {
      return String.format(
          Locale.ROOT, "Total time %.0f s (%.1f min) for %s.", total, total / 60, configs);
    }
    return String.format(
        Locale.ROOT,
        "Wall time %.0f s (%.1f min) for %s, launcher %s; the configs' own times add up to %.0f s (%.1f min).",
        wallSeconds,
        wallSeconds / 60,
        configs,
        launcher,
        total,
        total / 60);
  }

  private List<DecidingRun> runs() {
    return rows.stream()
        .map(Row::run)
        .filter(r -> r != null && r.directory() != null)
        .distinct()
        .toList();
  }

  /** The row's chart of its deciding difference, shown small and linked at full size (one file). */
  private static ReportView.Image chart(Row r) {
    if (r.result() == null || r.result().deciding() == null) {
      return null;
    }
    String src = ReportFolder.url(ReportFolder.evidence(r.id()));
    return new ReportView.Image(
        EvidenceChart.fileName(r.id()),
        "the deciding difference of " + r.id() + ": " + r.result().deciding().definition(),
        src,
        src);
  }

  private static String anchor(DecidingRun run) {
    return "run-" + run.config().replaceAll("[^A-Za-z0-9]", "-");
  }

  private static String relative(Path from, Path to) {
    return from.toAbsolutePath()
        .normalize()
        .relativize(to.toAbsolutePath().normalize())
        .toString()
        .replace('\\', '/');
  }

  private static String number(double v) {
    return Double.isNaN(v) || v == 0
        ? "—"
        : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
  }

  /** Peak resident memory as "2.3 GB" (10^9 bytes), "—" if unknown. */
  static String memory(Long bytes) {
    return bytes == null ? "—" : String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
  }
}
