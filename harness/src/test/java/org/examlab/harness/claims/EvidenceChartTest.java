package org.examlab.harness.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.examlab.harness.config.ClaimCatalog;
import org.examlab.harness.run.RunStatus;
import org.examlab.harness.run.SummaryFile;
import org.examlab.harness.verdict.ClaimKind;
import org.examlab.harness.verdict.ClaimOrigin;
import org.examlab.harness.verdict.ClaimSpec;
import org.examlab.harness.verdict.ClaimVerdict;
import org.examlab.harness.verdict.Comparison;
import org.examlab.harness.verdict.ExamPosition;
import org.examlab.harness.verdict.Stance;
import org.examlab.harness.verdict.Verdict;
import org.examlab.harness.verdict.VerdictEvaluator;
import org.examlab.harness.verdict.VerdictRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceChartTest {
  private static Map<Long, Double> seeds(double... values) {
    Map<Long, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      m.put((long) i + 1, values[i]);
    }
    return m;
  }

  private static final VerdictEvaluator EVALUATOR =
      new VerdictEvaluator(Map.of("high", seeds(10.0, 10.5, 9.8), "low", seeds(1.0, 1.2, 0.9)));

  private static VerdictRule.Compare compare(String left, String op, String right, double margin) {
    return new VerdictRule.Compare(left, Comparison.parse(op), right, null, margin, 3);
  }

  /**
   * The claim decided, written to JSON as summary.json holds it, and read back as the report reads
   * it.
   */
  private static ClaimResult decidedAndReadBack(VerdictRule rule) throws IOException {
    ClaimSpec claim =
        new ClaimSpec(
            "000-9",
            "high beats low",
            ClaimKind.EXPERIMENT,
            ClaimOrigin.EXAM,
            new ExamPosition(Stance.ASSERTS, "test Q1", "q", null),
            List.of(),
            null,
            null,
            List.of(),
            rule,
            null);
    ClaimVerdict verdict = EVALUATOR.decide(claim);
    Path dir = Files.createTempDirectory("evidence-chart");
    Path file = dir.resolve(SummaryFile.NAME);
    ObjectMapper json = new ObjectMapper();
    json.writeValue(
        file.toFile(),
        json.createObjectNode()
            .set("claims", json.createArrayNode().add(json.valueToTree(verdict))));
    try {
      return ClaimResult.of(SummaryFile.read(dir).claims().get(0));
    } finally {
      Files.delete(file);
      Files.delete(dir);
    }
  }

  @Test
  void theReportReadsBackTheDifferenceThatDecided() throws IOException {
    VerdictRule.Compare rule = compare("high", ">", "low", 5.0);
    var evidence = EVALUATOR.evaluate(rule);
    DecidingDifference d = decidedAndReadBack(rule).deciding();
    assertEquals(evidence.difference(), d.perSeed());
    assertEquals(evidence.meanDifference(), d.mean());
    assertEquals(evidence.ciLow(), d.low());
    assertEquals(evidence.ciHigh(), d.high());
    assertEquals("d = high - low", d.definition());
    assertEquals(5.0, d.margin());
    assertFalse(d.equivalence());
    assertEquals(Verdict.SUPPORTED, d.verdict());
  }

  @Test
  void aCompoundVerdictChartsThePartThatDecidedIt() throws IOException {
    VerdictRule all =
        new VerdictRule.All(
            List.of(compare("high", ">", "low", 5.0), compare("high", "<", "low", 0.0)));
    ClaimResult result = decidedAndReadBack(all);
    assertEquals(Verdict.REFUTED, result.verdict());
    assertEquals("d = low - high", result.deciding().definition());
    assertEquals(Verdict.REFUTED, result.deciding().verdict());
  }

  @Test
  void manySeedsAndAnEquivalenceDrawInTime(@TempDir Path tmp) {
    Map<Long, Double> d = new java.util.TreeMap<>();
    for (long seed = 1; seed <= 40; seed++) {
      d.put(seed, Math.sin(seed) * 0.01);
    }
    DecidingDifference many =
        new DecidingDifference(
            Verdict.INCONCLUSIVE, "d = a - b", true, d, 0.001, -0.004, 0.006, 0.90, 0.005);
    Path file =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(20),
            () -> EvidenceChart.save("000-1", many, tmp.resolve("many.png")));
    assertTrue(Files.isRegularFile(file));
  }

  @Test
  void theChartIsWrittenBesideTheReportInTheVerdictsColour(@TempDir Path tmp) throws Exception {
    ClaimResult result = decidedAndReadBack(compare("high", ">", "low", 5.0));
    ClaimCatalog catalog =
        new ClaimCatalog(
            Map.of(),
            List.of(
                new ClaimCatalog.Entry(
                    "000-9",
                    "high and low",
                    "experiment",
                    Stance.ASSERTS,
                    "r.yaml",
                    "r.yaml",
                    null)),
            List.of());
    Path runDir = Files.createDirectories(tmp.resolve("results/x/1"));
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
            List.of(result),
            List.of(),
            1);
    Path report = tmp.resolve("report");
    ClaimsReport.of(catalog, catalog.entries(), Map.of("r.yaml", run), false).write(report);

    String html = Files.readString(report.resolve("REPORT.html"));
    assertTrue(
        html.contains(
            "<img class=\"evidence\" loading=\"lazy\" alt=\"the deciding difference of 000-9: d &#61; high - low\" src=\"evidence/000-9.png\">"),
        html);
    BufferedImage chart = ImageIO.read(report.resolve("evidence/000-9.png").toFile());
    assertEquals(EvidenceChart.WIDTH, chart.getWidth());
    assertEquals(EvidenceChart.HEIGHT, chart.getHeight());
    int supported = EvidenceChart.colour(Verdict.SUPPORTED).getRGB();
    int refuted = EvidenceChart.colour(Verdict.REFUTED).getRGB();
    int green = 0;
    int red = 0;
    for (int y = 0; y < chart.getHeight(); y++) {
      for (int x = 0; x < chart.getWidth(); x++) {
        green += chart.getRGB(x, y) == supported ? 1 : 0;
        red += chart.getRGB(x, y) == refuted ? 1 : 0;
      }
    }
    assertTrue(green > 20, "the mean and its interval in SUPPORTED's colour: " + green + " pixels");
    assertEquals(0, red, "nothing in REFUTED's colour");
  }
}
