package org.examlab.harness.claims;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.examlab.harness.run.RunDirectory;
import org.examlab.harness.verdict.ClaimOrigin;

/**
 * REPORT.md and REPORT.html (one file, styles inline, plots linked relatively into the runs) for
 * the claims of a catalog:
 * one row per verdict, with the exam's answer, the deciding numbers and links to the run.
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
        return result.verdict();
      }
      return entry.testable() ? "NOT DECIDED" : "UNTESTABLE";
    }

    /** A project-added claim (a control, a mechanism), reported apart from the exam's. */
    public boolean project() {
      return result != null ? result.origin() == ClaimOrigin.PROJECT : entry.origin() == ClaimOrigin.PROJECT;
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

  private ClaimsReport(ClaimCatalog catalog, List<Row> rows, String mode, double wallSeconds, String launcher) {
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
  public static ClaimsReport of(ClaimCatalog catalog, List<ClaimCatalog.Entry> entries, Map<String, DecidingRun> runs,
      boolean fullSize) {
    List<Row> rows = new ArrayList<>();
    List<Row> untestable = new ArrayList<>();
    for (ClaimCatalog.Entry e : entries) {
      if (!e.testable()) {
        untestable.add(new Row(e, null, null, "untestable: " + e.untestable()));
        continue;
      }
      if (e.pending(fullSize)) {
        rows.add(new Row(e, null, null, e.pending() ? "no config decides it yet" : "decided only in the " + (fullSize ? "quick" : "full") + " config"));
        continue;
      }
      DecidingRun run = runs.get(e.config(fullSize));
      if (run == null) {
        rows.add(new Row(e, null, null, "not run"));
      } else if (run.directory() == null) {
        rows.add(new Row(e, null, run, "could not run " + e.config(fullSize) + ": " + run.error()));
      } else {
        List<ClaimResult> decided = run.claims().stream().filter(c -> catalog.entryFor(c.id()).orElse(null) == e).toList();
        if (decided.isEmpty()) {
          String why = "failed".equals(run.status()) ? "the run failed: " + run.error() : "no rule in " + e.config(fullSize) + " decides it";
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

  static final List<String> VERDICTS = List.of("SUPPORTED", "REFUTED", "INCONCLUSIVE", "NOT DECIDED", "UNTESTABLE");
  static final List<String> KINDS = List.of("experiment", "computation", "demonstration");

  /** Verdict name to how many rows have it, over the rows {@code which} selects. */
  public Map<String, Integer> tally(java.util.function.Predicate<Row> which) {
    Map<String, Integer> tally = new LinkedHashMap<>();
    for (String v : VERDICTS) {
      tally.put(v, (int) rows.stream().filter(which).filter(r -> r.verdict().equals(v)).count());
    }
    return tally;
  }

  /** Exam claims that count as evidence (experiments and computations) whose verdict contradicts the exam. */
  public long disagreements() {
    return rows.stream().filter(Row::disagrees).count();
  }

  /**
   * The headline counts, kept apart: the exam's claims by kind, then the project's. A
   * demonstration is shown but is no evidence, so it never joins an experiment's or a
   * computation's count.
   */
  public List<String> countLines() {
    List<String> lines = new ArrayList<>();
    for (boolean project : List.of(false, true)) {
      for (String kind : KINDS) {
        Map<String, Integer> t = tally(r -> r.project() == project && r.kind().equals(kind) && r.result() != null);
        int total = t.values().stream().mapToInt(Integer::intValue).sum();
        if (total > 0) {
          List<String> parts = new ArrayList<>();
          t.forEach((v, n) -> {
            if (n > 0) {
              parts.add(n + " " + v);
            }
          });
          lines.add((project ? "project " : "exam ") + kind + (kind.equals("demonstration") ? " (illustrations, not evidence)" : "")
              + ": " + String.join(", ", parts));
        }
      }
    }
    long pending = rows.stream().filter(r -> r.verdict().equals("NOT DECIDED")).count();
    long untestable = rows.stream().filter(r -> r.verdict().equals("UNTESTABLE")).count();
    lines.add(pending + " not decided (no config yet, or the run failed), " + untestable + " untestable (listed last, with the reason)");
    lines.add(disagreements() + " exam verdicts disagree with the exam's stance (marked ⚠)");
    return lines;
  }

  /** Writes REPORT.md and REPORT.html into {@code dir} (each through a temporary file). */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    RunDirectory.writeAtomically(dir.resolve("REPORT.md"), markdown(dir));
    RunDirectory.writeAtomically(dir.resolve("REPORT.html"), html(dir));
  }

  String markdown(Path dir) {
    StringBuilder md = new StringBuilder();
    md.append("# Exam Lab claims report (").append(mode).append(")\n\n");
    countLines().forEach(l -> md.append("- ").append(l).append("\n"));
    md.append("\nA verdict is computed from the run's measurements by the rule in its config; the statement carries the exam's ")
        .append("own polarity. ⚠ marks a disagreement, computed from the exam's stance: it asserts and the verdict is REFUTED, ")
        .append("or it denies and the verdict is SUPPORTED.\n\n");
    md.append("| claim | kind | exam's stance | statement | verdict | deciding numbers | converged | run |\n");
    md.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (Row r : rows) {
      ClaimResult c = r.result();
      String run = r.run() == null || r.run().directory() == null ? ""
          : link(dir, r.run().directory(), r.run().config()) + (r.run().reused() ? " (reused)" : "");
      md.append("| ").append(r.id())
          .append(" | ").append(r.kind())
          .append(" | ").append(cell(r.stance()))
          .append(" | ").append(cell(c != null ? c.statement() : r.entry().topic()))
          .append(" | ").append(r.disagrees() ? "⚠ **" + r.verdict() + "**" : "**" + r.verdict() + "**")
          .append(" | ").append(cell(c != null ? c.evidence() : r.note()))
          .append(" | ").append(c != null && c.converged() != null ? c.converged() : "—")
          .append(" | ").append(run).append(" |\n");
    }
    md.append("\n## Runs\n\n").append(timeLine()).append("\n\n")
        .append("| config | run | status | run's wall s | s in this report | samples/s | peak memory | plots |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (DecidingRun run : runs()) {
      md.append("| ").append(run.config()).append(" | ").append(link(dir, run.directory(), run.directory().getFileName().toString()))
          .append(run.reused() ? " (reused)" : "").append(" | ").append(run.status())
          .append(" | ").append(number(run.wallSeconds())).append(" | ").append(number(run.secondsHere()))
          .append(" | ").append(number(run.samplesPerSecond())).append(" | ").append(memory(run.peakResidentBytes())).append(" | ");
      List<String> plots = run.plots().stream().map(p -> link(dir, p, p.getFileName().toString())).toList();
      md.append(String.join(", ", plots)).append(" |\n");
    }
    md.append("\n## The exams\n\n");
    catalog.exams().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> md.append("- **").append(e.getKey()).append("**: ").append(e.getValue()).append("\n"));
    return md.toString();
  }

  String html(Path dir) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Exam Lab claims report</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1400px}table{border-collapse:collapse;width:100%}")
        .append("td,th{border:1px solid #ccc;padding:4px 6px;vertical-align:top;font-size:13px}th{background:#eee}")
        .append(".SUPPORTED{background:#d8f5d0}.REFUTED{background:#f8d0d0}.INCONCLUSIVE{background:#f5f0c8}")
        .append(".NOT_DECIDED,.UNTESTABLE{background:#e4e4e4}.disagree{font-weight:bold;color:#a00}")
        .append("figure{display:inline-block;margin:6px}figure img{max-width:640px;border:1px solid #ccc}\n</style></head><body>\n");
    h.append("<h1>Exam Lab claims report (").append(mode).append(")</h1>\n<ul>");
    countLines().forEach(l -> h.append("<li>").append(escape(l)).append("</li>"));
    h.append("</ul>\n<p>A verdict is computed from the run's measurements by the rule in its config; the statement carries the ")
        .append("exam's own polarity. <span class=\"disagree\">⚠</span> marks a disagreement, computed from the exam's stance ")
        .append("(asserts and REFUTED, or denies and SUPPORTED).</p>\n");
    h.append("<table><tr><th>claim</th><th>kind</th><th>exam's stance</th><th>statement</th><th>verdict</th>")
        .append("<th>deciding numbers</th><th>converged</th><th>run</th></tr>\n");
    for (Row r : rows) {
      ClaimResult c = r.result();
      boolean disagree = r.disagrees();
      h.append("<tr><td title=\"").append(escape(catalog.exams().getOrDefault(r.entry().exam(), ""))).append("\">")
          .append(escape(r.id())).append("</td><td>").append(escape(r.kind())).append("</td><td title=\"")
          .append(escape(c != null && c.quote() != null ? c.quote() : "")).append("\">").append(escape(r.stance())).append("</td><td>")
          .append(escape(c != null ? c.statement() : r.entry().topic())).append("</td><td class=\"")
          .append(r.verdict().replace(' ', '_')).append("\">").append(disagree ? "<span class=\"disagree\">⚠ " : "<b>")
          .append(r.verdict()).append(disagree ? "</span>" : "</b>").append("</td><td>")
          .append(escape(c != null ? c.evidence() : r.note())).append("</td><td>")
          .append(escape(c != null && c.converged() != null ? c.converged() : "—")).append("</td><td>");
      if (r.run() != null && r.run().directory() != null) {
        h.append("<a href=\"").append(escape(relative(dir, r.run().directory()))).append("\">").append(escape(r.run().config()))
            .append("</a> · <a href=\"#").append(anchor(r.run())).append("\">plots</a>");
      }
      h.append("</td></tr>\n");
    }
    h.append("</table>\n<p>").append(escape(timeLine())).append("</p>\n");
    for (DecidingRun run : runs()) {
      h.append("<h2 id=\"").append(anchor(run)).append("\">").append(escape(run.config())).append(" — <a href=\"")
          .append(escape(relative(dir, run.directory()))).append("\">").append(escape(run.directory().getFileName().toString()))
          .append("</a></h2>\n<p>status ").append(escape(run.status())).append(run.reused() ? " (reused)" : "")
          .append(", wall ").append(number(run.wallSeconds())).append(" s (").append(number(run.secondsHere()))
          .append(" s in this report), ").append(number(run.samplesPerSecond()))
          .append(" samples/s, peak memory ").append(escape(memory(run.peakResidentBytes()))).append("</p>\n");
      for (Path plot : run.plots()) {
        // Linked relatively, not embedded: a full report's plots run to tens of megabytes.
        String src = escape(relative(dir, plot));
        h.append("<figure><a href=\"").append(src).append("\"><img loading=\"lazy\" alt=\"")
            .append(escape(plot.getFileName().toString())).append("\" src=\"").append(src).append("\"></a><figcaption>")
            .append(escape(plot.getFileName().toString())).append("</figcaption></figure>\n");
      }
    }
    h.append("</body></html>\n");
    return h.toString();
  }

  /**
   * The report's time: every config's time in it (run now or found), and, when the report was
   * timed, its wall time and launcher (with N workers the configs' times add up to more than it).
   */
  String timeLine() {
    double total = runs().stream().mapToDouble(DecidingRun::secondsHere).filter(Double::isFinite).sum();
    long ran = runs().stream().filter(r -> !r.reused()).count();
    String configs = String.format(Locale.ROOT, "%d configs, %d run now, %d reused", runs().size(), ran, runs().size() - ran);
    if (Double.isNaN(wallSeconds)) {
      return String.format(Locale.ROOT, "Total time %.0f s (%.1f min) for %s.", total, total / 60, configs);
    }
    return String.format(Locale.ROOT, "Wall time %.0f s (%.1f min) for %s, launcher %s; the configs' own times add up to %.0f s (%.1f min).",
        wallSeconds, wallSeconds / 60, configs, launcher, total, total / 60);
  }

  private List<DecidingRun> runs() {
    return rows.stream().map(Row::run).filter(r -> r != null && r.directory() != null).distinct().toList();
  }

  private static String anchor(DecidingRun run) {
    return "run-" + run.config().replaceAll("[^A-Za-z0-9]", "-");
  }

  private static String link(Path from, Path to, String text) {
    return "[" + text + "](" + relative(from, to).replace(" ", "%20") + ")";
  }

  private static String relative(Path from, Path to) {
    return from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }

  private static String number(double v) {
    return Double.isNaN(v) || v == 0 ? "—" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
  }

  /** Peak resident memory as "2.3 GB" (10^9 bytes), "—" if unknown. */
  static String memory(Long bytes) {
    return bytes == null ? "—" : String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
