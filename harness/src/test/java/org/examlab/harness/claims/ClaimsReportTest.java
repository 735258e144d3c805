package org.examlab.harness.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.examlab.harness.config.ClaimCatalog;
import org.examlab.harness.plots.Charts;
import org.examlab.harness.run.RunStatus;
import org.examlab.harness.verdict.ClaimKind;
import org.examlab.harness.verdict.ClaimOrigin;
import org.examlab.harness.verdict.Stance;
import org.examlab.harness.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimsReportTest {
  private static ClaimResult result(String id, Stance stance, Verdict verdict) {
    return result(id, stance, verdict, ClaimKind.EXPERIMENT);
  }

  private static ClaimResult result(String id, Stance stance, Verdict verdict, ClaimKind kind) {
    ClaimOrigin origin = id.contains("+") ? ClaimOrigin.PROJECT : ClaimOrigin.EXAM;
    return new ClaimResult(
        id,
        "statement of " + id,
        kind,
        origin,
        stance,
        "000 item 7",
        "quote",
        null,
        verdict,
        "rule",
        "evidence of " + id,
        null);
  }

  @Test
  void aVerdictDisagreesOnlyWhereTheExamTookTheOtherSide() {
    assertTrue(result("a", Stance.ASSERTS, Verdict.REFUTED).disagreesWithExam());
    assertTrue(result("a", Stance.DENIES, Verdict.SUPPORTED).disagreesWithExam());
    assertFalse(result("a", Stance.ASSERTS, Verdict.SUPPORTED).disagreesWithExam());
    assertFalse(result("a", Stance.ASSERTS, Verdict.INCONCLUSIVE).disagreesWithExam());
    assertFalse(result("a", Stance.NONE, Verdict.SUPPORTED).disagreesWithExam());
    assertFalse(result("a", Stance.NONE, Verdict.REFUTED).disagreesWithExam());
    assertFalse(result("a+b", Stance.NONE, Verdict.REFUTED).disagreesWithExam());
  }

  @Test
  void everyPartOfAClaimGetsARowAndClaimsWithoutAVerdictSayWhy() {
    ClaimCatalog catalog =
        new ClaimCatalog(
            Map.of(),
            List.of(
                new ClaimCatalog.Entry(
                    "000-7",
                    "regularization",
                    "experiment",
                    Stance.ASSERTS,
                    "r.yaml",
                    "r.yaml",
                    null),
                new ClaimCatalog.Entry(
                    "000-9a",
                    "normalization",
                    "experiment",
                    Stance.ASSERTS,
                    "b.yaml",
                    "b.yaml",
                    null),
                new ClaimCatalog.Entry(
                    "000-3/history",
                    "why BN was introduced",
                    "untestable",
                    Stance.DENIES,
                    null,
                    null,
                    "history"),
                new ClaimCatalog.Entry(
                    "003-6a",
                    "RNN parameters",
                    "computation",
                    Stance.ASSERTS,
                    "h.yaml",
                    "h.yaml",
                    null),
                new ClaimCatalog.Entry(
                    "002-6", "distillation", "experiment", Stance.ASSERTS, null, null, null)),
            List.of(
                new ClaimCatalog.Entry(
                    "000-7+gap",
                    "dropout + L2 narrows the gap",
                    "experiment",
                    null,
                    "r.yaml",
                    "r.yaml",
                    null)));
    Path run = Path.of("/results/x/1");
    DecidingRun regularization =
        new DecidingRun(
            "r.yaml",
            run,
            true,
            RunStatus.COMPLETED,
            null,
            1,
            2,
            3L << 30,
            List.of(
                result("000-7/dropout", Stance.ASSERTS, Verdict.SUPPORTED),
                result("000-7/k-fold", Stance.ASSERTS, Verdict.REFUTED),
                result(
                    "000-7/round-trip", Stance.ASSERTS, Verdict.REFUTED, ClaimKind.DEMONSTRATION),
                result("000-70", Stance.NONE, Verdict.SUPPORTED),
                result("000-7+gap", Stance.NONE, Verdict.REFUTED)),
            List.of(),
            12.4);
    Map<String, DecidingRun> runs =
        Map.of("r.yaml", regularization, "h.yaml", DecidingRun.failed("h.yaml", "boom"));

    ClaimsReport report = ClaimsReport.of(catalog, catalog.entries(), runs, false);

    assertEquals(
        List.of(
            "000-7/dropout",
            "000-7/k-fold",
            "000-7/round-trip",
            "000-9a",
            "003-6a",
            "002-6",
            "000-7+gap",
            "000-3/history"),
        report.rows().stream().map(ClaimsReport.Row::id).toList());
    assertEquals("NOT DECIDED", report.rows().get(3).verdict());
    assertEquals("not run", report.rows().get(3).note());
    assertTrue(report.rows().get(4).note().contains("boom"), report.rows().get(4).note());
    assertEquals("no config decides it yet", report.rows().get(5).note());
    assertTrue(report.rows().get(6).project());
    assertEquals("UNTESTABLE", report.rows().get(7).verdict());
    // The demonstration's REFUTED contradicts the stance but is no evidence; the project claim has
    // no stance.
    assertEquals(1, report.disagreements());
    List<String> counts = report.countLines();
    assertTrue(counts.contains("exam experiment: 1 SUPPORTED, 1 REFUTED"), counts.toString());
    assertTrue(
        counts.contains("exam demonstration (illustrations, not evidence): 1 REFUTED"),
        counts.toString());
    assertTrue(counts.contains("project experiment: 1 REFUTED"), counts.toString());
    String md = report.markdown(Path.of("/results/claims/r1"));
    assertTrue(md.contains("⚠ **REFUTED**") && md.contains("](runs/r-yaml/)"), md);
    assertTrue(md.contains("| asserts — 000 item 7 |"), md);
    assertTrue(md.contains("Total time 12 s (0.2 min) for 1 configs, 0 run now, 1 reused."), md);
  }

  @Test
  void claimTextIsEscapedInTheHtmlAndTheMarkdown() {
    String hostile = "<script>alert('x')</script> dropout & L2 | &amp; \"quoted\"";
    ClaimCatalog catalog =
        new ClaimCatalog(
            Map.of("000", "exam <b>zero</b>"),
            List.of(
                new ClaimCatalog.Entry(
                    "000-7",
                    "regularization",
                    "experiment",
                    Stance.ASSERTS,
                    "r.yaml",
                    "r.yaml",
                    null)),
            List.of());
    ClaimResult claim =
        new ClaimResult(
            "000-7",
            hostile,
            ClaimKind.EXPERIMENT,
            ClaimOrigin.EXAM,
            Stance.ASSERTS,
            "000 item 7",
            "quote with \"quotes\" & <tags>",
            null,
            Verdict.SUPPORTED,
            "rule",
            "d = a - b & more <i>",
            null);
    DecidingRun run =
        new DecidingRun(
            "r.yaml",
            Path.of("/results/x/1"),
            false,
            RunStatus.COMPLETED,
            null,
            1,
            2,
            null,
            List.of(claim),
            List.of(),
            1);
    ClaimsReport report = ClaimsReport.of(catalog, catalog.entries(), Map.of("r.yaml", run), false);

    String html = report.html(Path.of("/results/claims/r1"));
    assertFalse(html.contains("<script>"), html);
    assertFalse(html.contains("<i>") || html.contains("<tags>") || html.contains("<b>zero"), html);
    assertTrue(
        html.contains("&lt;script&gt;alert(")
            && html.contains("dropout &amp; L2")
            && html.contains("&amp;amp;"),
        html);
    assertTrue(html.contains("title=\"quote with &quot;quotes&quot; &amp; &lt;tags&gt;\""), html);

    String md = report.markdown(Path.of("/results/claims/r1"));
    assertFalse(md.contains("<script>") || md.contains("<i>"), md);
    // A pipe would end the table cell early; an entity-looking &amp; would render as '&'.
    assertTrue(
        md.contains(
            "&lt;script&gt;alert('x')&lt;/script&gt; dropout & L2 \\| &amp;amp; \"quoted\""),
        md);
  }

  @Test
  void theReportFolderShowsItsImagesAfterItIsMoved(@TempDir Path tmp) throws Exception {
    Path runDir = Files.createDirectories(tmp.resolve("results/x/20261202-000000"));
    Files.writeString(runDir.resolve("summary.json"), "{}");
    Files.writeString(runDir.resolve("config.yaml"), "experiment: x\n");
    var chart = Charts.lines("a plot", "epoch", "loss", false);
    Charts.addSeries(chart, "loss", new double[] {1, 2, 3}, new double[] {3, 2, 1}, null);
    Path plot = Charts.save(chart, runDir.resolve("plots/loss curve.png"));
    int plotWidth = ImageIO.read(plot.toFile()).getWidth();
    ClaimCatalog catalog =
        new ClaimCatalog(
            Map.of(),
            List.of(
                new ClaimCatalog.Entry(
                    "000-7",
                    "regularization",
                    "experiment",
                    Stance.ASSERTS,
                    "r.yaml",
                    "r.yaml",
                    null)),
            List.of());
    DecidingRun run =
        new DecidingRun(
            "r.yaml",
            runDir,
            false,
            RunStatus.COMPLETED,
            null,
            1,
            2,
            null,
            List.of(result("000-7", Stance.ASSERTS, Verdict.SUPPORTED)),
            List.of(plot),
            1);
    Path report = tmp.resolve("results/claims/r1");
    ClaimsReport.of(catalog, catalog.entries(), Map.of("r.yaml", run), false).write(report);

    Path moved =
        Files.move(report, Files.createDirectories(tmp.resolve("elsewhere")).resolve("r1"));
    deleteTree(tmp.resolve("results")); // nothing outside the folder is left to point at
    String html = Files.readString(moved.resolve("REPORT.html"));
    List<String> links = new ArrayList<>();
    Matcher m = Pattern.compile("(?:src|href)=\"([^\"#][^\"]*)\"").matcher(html);
    while (m.find()) {
      links.add(m.group(1));
    }
    assertTrue(
        links.contains("plots/r-yaml/loss%20curve.png")
            && links.contains("thumbs/r-yaml/loss%20curve.png"),
        links.toString());
    for (String link : links) {
      Path target = moved.resolve(URLDecoder.decode(link, StandardCharsets.UTF_8));
      assertTrue(Files.exists(target), link + " does not resolve inside the moved folder");
    }
    BufferedImage thumb = ImageIO.read(moved.resolve("thumbs/r-yaml/loss curve.png").toFile());
    assertEquals(ReportFolder.THUMB_WIDTH, thumb.getWidth());
    assertEquals(
        plotWidth, ImageIO.read(moved.resolve("plots/r-yaml/loss curve.png").toFile()).getWidth());
    assertTrue(Files.isRegularFile(moved.resolve("runs/r-yaml/summary.json")));
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * A finished run folder of experiment x: its config's epochs, a measurement per seed and one
   * verdict.
   */
  private static Path finishedRun(
      Path results, String id, int epochs, double[] accuracy, double[] loss, String verdict)
      throws Exception {
    Path dir = Files.createDirectories(results.resolve("x").resolve(id));
    Files.writeString(
        dir.resolve("config.yaml"),
        "experiment: x\ndescription: a toy\ntraining:\n  epochs: " + epochs + "\n");
    StringBuilder perSeedAccuracy = new StringBuilder();
    StringBuilder perSeedLoss = new StringBuilder();
    for (int s = 0; s < accuracy.length; s++) {
      perSeedAccuracy
          .append(s == 0 ? "" : ",")
          .append("\"")
          .append(s + 1)
          .append("\":")
          .append(accuracy[s]);
      perSeedLoss
          .append(s == 0 ? "" : ",")
          .append("\"")
          .append(s + 1)
          .append("\":")
          .append(loss[s]);
    }
    Files.writeString(
        dir.resolve("summary.json"),
        "{\"status\":\"completed\",\"wallSeconds\":12.5,\"samplesPerSecond\":3000,"
            + "\"measurements\":{\"x.accuracy\":{\"perSeed\":{"
            + perSeedAccuracy
            + "}},\"x.loss\":{\"perSeed\":{"
            + perSeedLoss
            + "}}},"
            + "\"claims\":[{\"id\":\"000-7\",\"verdict\":\""
            + verdict
            + "\"}]}");
    return dir;
  }

  @Test
  void theRunsPageListsTheRunsAndWhatMovedSinceTheRunBefore(@TempDir Path tmp) throws Exception {
    Path results = tmp.resolve("results");
    finishedRun(
        results,
        "20261201-090000",
        5,
        new double[] {0.70, 0.72, 0.69},
        new double[] {0.50, 0.40, 0.45},
        "INCONCLUSIVE");
    Path after =
        finishedRun(
            results,
            "20261202-090000",
            20,
            new double[] {0.80, 0.83, 0.78},
            new double[] {0.52, 0.38, 0.46},
            "SUPPORTED");
    ClaimCatalog catalog =
        new ClaimCatalog(
            Map.of(),
            List.of(
                new ClaimCatalog.Entry(
                    "000-7",
                    "regularization",
                    "experiment",
                    Stance.ASSERTS,
                    "r.yaml",
                    "r.yaml",
                    null)),
            List.of());
    DecidingRun run =
        new DecidingRun(
            "r.yaml",
            after,
            false,
            RunStatus.COMPLETED,
            null,
            1,
            2,
            null,
            List.of(result("000-7", Stance.ASSERTS, Verdict.SUPPORTED)),
            List.of(),
            1);
    Path report = tmp.resolve("results/claims/r1");
    ClaimsReport.of(catalog, catalog.entries(), Map.of("r.yaml", run), false)
        .write(report, results);

    assertTrue(
        Files.readString(report.resolve("REPORT.html")).contains("href=\"runs.html\""),
        "the report links its runs page");
    String page = Files.readString(report.resolve(RunsPage.FILE));
    assertTrue(
        page.contains("x/20261201-090000") && page.contains("x/20261202-090000"),
        "both runs listed");
    assertFalse(page.contains("claims/r1"), "a report is not a run");
    assertTrue(
        page.contains("x/20261201-090000 → x/20261202-090000"),
        "the deciding run against the one before it");
    assertTrue(
        page.contains("<td>training.epochs</td><td>5</td><td>20</td>"),
        "the override that differs");
    // accuracy rose on every seed (paired interval above 0); the loss went both ways (interval
    // spans 0)
    assertTrue(page.contains("<td>x.accuracy</td>"), page);
    assertFalse(page.contains("<td>x.loss</td>"), "an unmoved measurement is not listed as moved");
    assertTrue(page.contains("1 of 2 measurements moved"), page);
    assertTrue(page.contains("000-7: INCONCLUSIVE → SUPPORTED"), page);
  }
}
