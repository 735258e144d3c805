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
  }

  private final ClaimCatalog catalog;
  private final List<Row> rows;
  private final String mode;

  private ClaimsReport(ClaimCatalog catalog, List<Row> rows, String mode) {
    this.catalog = catalog;
    this.rows = List.copyOf(rows);
    this.mode = mode;
  }

  /** Rows for {@code entries}, from the deciding run of each entry's config (null: not run). */
  public static ClaimsReport of(ClaimCatalog catalog, List<ClaimCatalog.Entry> entries, Map<String, DecidingRun> runs,
      boolean fullSize) {
    List<Row> rows = new ArrayList<>();
    for (ClaimCatalog.Entry e : entries) {
      if (!e.testable()) {
        rows.add(new Row(e, null, null, "untestable: " + e.untestable()));
        continue;
      }
      DecidingRun run = runs.get(e.config(fullSize));
      if (run == null) {
        rows.add(new Row(e, null, null, "not run"));
      } else if (run.directory() == null) {
        rows.add(new Row(e, null, run, "could not run " + e.config(fullSize) + ": " + run.error()));
      } else {
        List<ClaimResult> decided = run.claims().stream().filter(c -> e.decidedBy(c.id())).toList();
        if (decided.isEmpty()) {
          String why = "failed".equals(run.status()) ? "the run failed: " + run.error() : "no rule in " + e.config(fullSize) + " decides it";
          rows.add(new Row(e, null, run, why));
        }
        decided.forEach(c -> rows.add(new Row(e, c, run, null)));
      }
    }
    return new ClaimsReport(catalog, rows, fullSize ? "full" : "quick");
  }

  public List<Row> rows() {
    return rows;
  }

  /** Verdict name to how many rows have it. */
  public Map<String, Integer> tally() {
    Map<String, Integer> tally = new LinkedHashMap<>();
    for (String v : List.of("SUPPORTED", "REFUTED", "INCONCLUSIVE", "NOT DECIDED", "UNTESTABLE")) {
      tally.put(v, (int) rows.stream().filter(r -> r.verdict().equals(v)).count());
    }
    return tally;
  }

  public long disagreements() {
    return rows.stream().filter(r -> r.result() != null && r.result().disagreesWithExam()).count();
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
    md.append(summaryLine()).append("\n\n");
    md.append("A verdict is computed from the run's measurements by the rule in its config. ⚠ marks a verdict that ")
        .append("disagrees with the exam's own answer; the evidence column explains it.\n\n");
    md.append("| claim | exam | statement | exam's answer | verdict | deciding numbers | run |\n");
    md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
    for (Row r : rows) {
      ClaimResult c = r.result();
      String run = r.run() == null || r.run().directory() == null ? ""
          : link(dir, r.run().directory(), r.run().config()) + (r.run().reused() ? " (reused)" : "");
      md.append("| ").append(r.id())
          .append(" | ").append(r.entry().exam())
          .append(" | ").append(cell(c != null ? c.statement() : r.entry().topic()))
          .append(" | ").append(cell(c != null && c.examAnswer() != null ? c.examAnswer() : "—"))
          .append(" | ").append(c != null && c.disagreesWithExam() ? "⚠ **" + r.verdict() + "**" : "**" + r.verdict() + "**")
          .append(" | ").append(cell(c != null ? c.evidence() : r.note()))
          .append(" | ").append(run).append(" |\n");
    }
    md.append("\n## Runs\n\n| config | run | status | wall s | samples/s | plots |\n| --- | --- | --- | --- | --- | --- |\n");
    for (DecidingRun run : runs()) {
      md.append("| ").append(run.config()).append(" | ").append(link(dir, run.directory(), run.directory().getFileName().toString()))
          .append(run.reused() ? " (reused)" : "").append(" | ").append(run.status())
          .append(" | ").append(number(run.wallSeconds())).append(" | ").append(number(run.samplesPerSecond())).append(" | ");
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
    h.append("<h1>Exam Lab claims report (").append(mode).append(")</h1>\n<p>").append(escape(summaryLine())).append("</p>\n");
    h.append("<p>A verdict is computed from the run's measurements by the rule in its config. ")
        .append("<span class=\"disagree\">⚠</span> marks a verdict that disagrees with the exam's own answer; the evidence explains it.</p>\n");
    h.append("<table><tr><th>claim</th><th>exam</th><th>statement</th><th>exam's answer</th><th>verdict</th>")
        .append("<th>deciding numbers</th><th>run</th></tr>\n");
    for (Row r : rows) {
      ClaimResult c = r.result();
      boolean disagree = c != null && c.disagreesWithExam();
      h.append("<tr><td>").append(escape(r.id())).append("</td><td title=\"")
          .append(escape(catalog.exams().getOrDefault(r.entry().exam(), ""))).append("\">").append(r.entry().exam()).append("</td><td>")
          .append(escape(c != null ? c.statement() : r.entry().topic())).append("</td><td>")
          .append(escape(c != null && c.examAnswer() != null ? c.examAnswer() : "—")).append("</td><td class=\"")
          .append(r.verdict().replace(' ', '_')).append("\">").append(disagree ? "<span class=\"disagree\">⚠ " : "<b>")
          .append(r.verdict()).append(disagree ? "</span>" : "</b>").append("</td><td>")
          .append(escape(c != null ? c.evidence() : r.note())).append("</td><td>");
      if (r.run() != null && r.run().directory() != null) {
        h.append("<a href=\"").append(escape(relative(dir, r.run().directory()))).append("\">").append(escape(r.run().config()))
            .append("</a> · <a href=\"#").append(anchor(r.run())).append("\">plots</a>");
      }
      h.append("</td></tr>\n");
    }
    h.append("</table>\n");
    for (DecidingRun run : runs()) {
      h.append("<h2 id=\"").append(anchor(run)).append("\">").append(escape(run.config())).append(" — <a href=\"")
          .append(escape(relative(dir, run.directory()))).append("\">").append(escape(run.directory().getFileName().toString()))
          .append("</a></h2>\n<p>status ").append(escape(run.status())).append(run.reused() ? " (reused)" : "")
          .append(", wall ").append(number(run.wallSeconds())).append(" s, ").append(number(run.samplesPerSecond()))
          .append(" samples/s</p>\n");
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

  private String summaryLine() {
    StringBuilder s = new StringBuilder();
    s.append(rows.size()).append(" verdicts on ").append(rows.stream().map(r -> r.entry().id()).distinct().count()).append(" claims: ");
    List<String> parts = new ArrayList<>();
    tally().forEach((v, n) -> {
      if (n > 0) {
        parts.add(n + " " + v);
      }
    });
    s.append(String.join(", ", parts)).append("; ").append(disagreements()).append(" disagree with the exam's answer.");
    return s.toString();
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

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
