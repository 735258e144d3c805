package org.examlab.launcher;

import static org.examlab.launcher.ExamLabCliTest.HOME;
import static org.examlab.launcher.ExamLabCliTest.examlab;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.examlab.harness.config.ClaimCatalog;
import org.examlab.harness.config.ConfigLoader;
import org.examlab.harness.config.ResolvedConfig;
import org.examlab.harness.experiment.ExperimentRegistry;
import org.examlab.harness.verdict.ClaimSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examlab claims}: runs what a claim needs once, reuses it after, and reports every claim.
 */
class ClaimsCommandTest {
  @TempDir Path tmp;

  private static List<Path> list(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void decidesOnceThenReusesTheRunAndWritesBothReports() throws Exception {
    Path catalog = tmp.resolve("catalog.yaml");
    Files.writeString(
        catalog,
        """
        exams: {"003": "the IN2346 endterm"}
        claims:
          - {id: "003-6a", topic: "RNN cell parameter count", quick: hand-calculations.yaml, full: hand-calculations.yaml}
          - {id: "003-9z", topic: "a claim about history", untestable: "not a measurable statement"}
        """);
    Path results = tmp.resolve("results");
    String[] args = {
      "claims", "--quick", "--catalog", catalog.toString(), "--results", results.toString()
    };

    ExamLabCliTest.Result first = examlab(args);
    assertEquals(0, first.status(), first.out() + first.err());
    assertEquals(1, list(results.resolve("hand-calculations")).size());
    Path report = list(results.resolve("claims")).get(0);
    String md = Files.readString(report.resolve("REPORT.md"));
    assertTrue(
        md.contains("| 003-6a |") && md.contains("| 003-9z |") && md.contains("UNTESTABLE"), md);
    // The report is a folder that travels: links point at the copies beside it, not into the run.
    assertTrue(
        md.contains("](runs/hand-calculations-yaml/)") && !md.contains("](../"),
        "links inside the report folder: " + md);
    assertTrue(
        Files.isRegularFile(report.resolve("runs/hand-calculations-yaml/summary.json")),
        "the run's summary copied beside the report");
    String html = Files.readString(report.resolve("REPORT.html"));
    assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("003-6a"), html);
    // The config ran in a process of its own, whose peak memory is the config's alone and is
    // reported.
    assertTrue(first.out().contains("each in a process of its own, 1 at a time"), first.out());
    assertTrue(
        Files.readString(report.resolve("workers/worker-0.log")).contains("hand-calculations.yaml"),
        "the worker's log");
    assertTrue(
        md.lines()
            .anyMatch(
                l ->
                    l.startsWith("| hand-calculations.yaml |")
                        && l.matches(".*\\| [0-9.]+ GB \\|.*")),
        "the config's peak memory in the report: " + md);

    ExamLabCliTest.Result second = examlab(args);
    assertEquals(0, second.status(), second.err());
    assertTrue(second.out().contains("reused hand-calculations.yaml"), second.out());
    assertEquals(1, list(results.resolve("hand-calculations")).size(), "no second run");
    assertEquals(2, list(results.resolve("claims")).size(), "a new report, the old one kept");

    ExamLabCliTest.Result listed =
        examlab(
            "claims", "--list", "--catalog", catalog.toString(), "--results", results.toString());
    assertEquals(0, listed.status(), listed.err());
    assertTrue(
        listed.out().contains("003-6a") && listed.out().contains("untestable"), listed.out());
  }

  @Test
  void twoLocalWorkersWriteTheSameVerdictsAsTheSequentialReport() throws Exception {
    Path catalog = tmp.resolve("catalog.yaml");
    Files.writeString(
        catalog,
        """
        exams: {"001": "the mock exam", "003": "the IN2346 endterm"}
        claims:
          - {id: "003-6a", topic: "RNN cell parameter count", quick: hand-calculations.yaml, full: hand-calculations.yaml}
          - {id: "001-5", topic: "Inception module", quick: convolution.yaml, full: convolution.yaml}
        """);
    List<String> sequential = verdictRows(report(catalog, tmp.resolve("sequential"), "sequential"));
    Path parallel = report(catalog, tmp.resolve("parallel"), "local:2");
    assertEquals(sequential, verdictRows(parallel));
    assertEquals(2, sequential.size(), "a row from each config: " + sequential);
    assertEquals(2, list(parallel.resolve("workers")).size(), "one log per worker");
    String md = Files.readString(parallel.resolve("REPORT.md"));
    assertTrue(md.contains("launcher local:2") && md.contains("2 run now"), md);
  }

  private static Path report(Path catalog, Path results, String launcher) throws Exception {
    ExamLabCliTest.Result r =
        examlab(
            "claims",
            "--quick",
            "--catalog",
            catalog.toString(),
            "--results",
            results.toString(),
            "--launcher",
            launcher);
    assertEquals(0, r.status(), r.out() + r.err());
    return list(results.resolve("claims")).get(0);
  }

  /**
   * The report's verdict rows without their last cell, the link to the run (whose folder name has
   * its start time).
   */
  private static List<String> verdictRows(Path report) throws Exception {
    return Files.readAllLines(report.resolve("REPORT.md")).stream()
        .filter(l -> l.matches("\\| 00[13]-.*"))
        .map(l -> l.substring(0, l.lastIndexOf(" | ")))
        .toList();
  }

  @Test
  void anUnknownClaimOrABadCatalogStopsWithExit2AndRunsNothing() throws Exception {
    Path results = tmp.resolve("results");
    ExamLabCliTest.Result unknown =
        examlab("claims", "--only", "999-1", "--results", results.toString());
    assertEquals(2, unknown.status());
    assertTrue(unknown.err().contains("999-1"), unknown.err());

    Path catalog = tmp.resolve("bad.yaml");
    Files.writeString(catalog, "claims:\n  - {id: \"003-6a\", topic: \"x\", kind: guess}\n");
    ExamLabCliTest.Result bad =
        examlab("claims", "--catalog", catalog.toString(), "--results", results.toString());
    assertEquals(2, bad.status());
    assertTrue(bad.err().contains("claims[0].kind"), bad.err());
    assertTrue(list(results).isEmpty());
  }

  /**
   * The shipped catalog and the shipped configs agree: every config exists and is valid, every
   * claim a config decides is catalogued.
   */
  @Test
  void theCatalogCoversEveryConfigsClaims() throws Exception {
    ClaimCatalog catalog = ClaimCatalog.load(HOME.resolve(ClaimCatalog.DEFAULT_LOCATION));
    ConfigLoader loader = new ConfigLoader(ExperimentRegistry.fromClasspath());
    List<String> configs = new ArrayList<>();
    Set<String> quick = new java.util.HashSet<>();
    for (ClaimCatalog.Entry e : catalog.entries()) {
      if (e.quick() != null) {
        configs.add(e.quick());
        quick.add(e.quick());
      }
      if (e.full() != null) {
        configs.add(e.full());
      }
    }
    for (Path file : list(HOME.resolve("configs"))) {
      if (file.toString().endsWith(".yaml")) {
        ResolvedConfig<?> config = loader.load(file, List.of());
        List<ClaimSpec> claims =
            new ArrayList<>(config.run().claims() == null ? List.of() : config.run().claims());
        if (config.run().sweep() != null) {
          claims.addAll(config.run().sweep().claims());
        }
        for (ClaimSpec c : claims) {
          assertNull(catalog.mismatch(c), file + " decides " + c.id());
        }
      }
    }
    for (String c : configs) {
      assertTrue(
          Files.isRegularFile(HOME.resolve("configs").resolve(c)),
          "catalog names a missing config " + c);
      loader.load(HOME.resolve("configs").resolve(c), List.of());
    }
    for (String c : catalog.quickSeconds().keySet()) {
      assertTrue(quick.contains(c), "quickSeconds times " + c + ", which decides no claim");
    }
  }

  /**
   * A config claim must name its kind and the exam's stance and source, with an ID of the catalog.
   */
  @Test
  void aClaimWithoutStanceKindOrACatalogIdIsRefusedBeforeAnyRun() throws Exception {
    Path configs = Files.createDirectories(tmp.resolve("configs").resolve("claims"));
    Files.copy(HOME.resolve(ClaimCatalog.DEFAULT_LOCATION), configs.resolve("catalog.yaml"));
    String shipped = Files.readString(HOME.resolve("configs/rnn-gradients.yaml"));
    assertTrue(shipped.contains("id: \"002-5\""));
    Map<String, String> broken =
        Map.of(
            "claims[3].id", shipped.replace("id: \"002-5\"", "id: \"002-99\""),
            "claims[3].kind",
                shipped.replaceFirst("(id: \"002-5\"[\\s\\S]*?)\\n\\s+kind: experiment", "$1"),
            "claims[3].exam.stance",
                shipped.replaceFirst(
                    "(id: \"002-5\"[\\s\\S]*?)stance: asserts", "$1stance: denies"));
    for (Map.Entry<String, String> b : broken.entrySet()) {
      Path file = tmp.resolve("configs").resolve("bad.yaml");
      Files.writeString(file, b.getValue());
      ExamLabCliTest.Result r = examlab("validate", file.toString());
      assertEquals(2, r.status(), b.getKey() + ": " + r.err());
      assertTrue(
          r.err().contains(b.getKey().replaceFirst("\\.(kind|exam\\.stance)$", "")),
          b.getKey() + ": " + r.err());
    }
  }
}
