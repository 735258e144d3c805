package org.examlab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.examlab.harness.config.ConfigLoader;
import org.examlab.harness.config.ResolvedConfig;
import org.examlab.harness.experiment.ExperimentRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every shipped experiment keeps, checked end to end: its quick config, shrunk by the
 * overrides of {@code tiny-runs.yaml} to a run of seconds, goes through {@code examlab run} and
 * completes; every measurement the experiment declares is in summary.json; every plot is a
 * non-empty PNG; every claim of the config has a verdict with evidence. An experiment registered
 * without a tiny run fails {@link #everyExperimentHasATinyRun}.
 */
class ExperimentContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

  /**
   * Experiments that draw no figure of their own: hand calculations are computations checked
   * against the exam's numbers; a regularization run is one strategy, and its figures compare
   * strategies at the level of the sweep (aggregate.md, the claims report's evidence charts).
   */
  private static final Set<String> NO_FIGURES = Set.of("hand-calculations", "regularization");

  @TempDir Path tmp;

  static Map<String, List<String>> tinyRuns() throws IOException {
    try (InputStream in = ExperimentContractTest.class.getResourceAsStream("/tiny-runs.yaml")) {
      return new ObjectMapper(new YAMLFactory())
          .readValue(in, new TypeReference<LinkedHashMap<String, List<String>>>() {});
    }
  }

  static Stream<String> configs() throws IOException {
    return tinyRuns().keySet().stream();
  }

  @Test
  void everyExperimentHasATinyRun() throws Exception {
    ConfigLoader loader = new ConfigLoader(ExperimentRegistry.fromClasspath());
    Set<String> covered = new TreeSet<>();
    for (Map.Entry<String, List<String>> run : tinyRuns().entrySet()) {
      covered.add(
          loader
              .load(ExamLabCliTest.HOME.resolve("configs").resolve(run.getKey()), run.getValue())
              .experiment()
              .name());
    }
    assertEquals(new TreeSet<>(ExperimentRegistry.fromClasspath().names()), covered);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void runsEndToEndAndKeepsItsDeclarations(String config) throws Exception {
    Path file = ExamLabCliTest.HOME.resolve("configs").resolve(config);
    List<String> overrides = new ArrayList<>(tinyRuns().get(config));
    ResolvedConfig<?> resolved =
        new ConfigLoader(ExperimentRegistry.fromClasspath()).load(file, overrides);
    if (resolved.resolvedTree().path("data").has("cacheDir")) {
      overrides.add(
          "data.cacheDir=" + tmp.resolve("cache")); // generated datasets stay in the test's folder
    }
    Path results = tmp.resolve("results");
    List<String> args = new ArrayList<>(List.of("run", file.toString()));
    args.addAll(overrides);
    args.addAll(List.of("--results", results.toString()));
    ExamLabCliTest.Result r = ExamLabCliTest.examlab(args.toArray(String[]::new));
    assertEquals(0, r.status(), r.err());

    Path dir;
    try (Stream<Path> made = Files.list(results.resolve(resolved.experiment().name()))) {
      dir = made.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
    assertEquals("completed", summary.path("status").asText(), summary.path("error").asText());
    assertTrue(summary.path("samplesPerSecond").asDouble() >= 0, "samples/s is reported");

    Set<String> recorded = new TreeSet<>();
    summary.path("measurements").fieldNames().forEachRemaining(recorded::add);
    Set<String> missing = new TreeSet<>(declared(resolved));
    missing.removeAll(recorded);
    assertTrue(missing.isEmpty(), "declared but not recorded: " + missing);

    List<Path> plots = new ArrayList<>();
    if (Files.isDirectory(dir.resolve("plots"))) {
      try (Stream<Path> files = Files.walk(dir.resolve("plots"))) {
        files.filter(Files::isRegularFile).forEach(plots::add);
      }
    }
    assertEquals(
        NO_FIGURES.contains(resolved.experiment().name()),
        plots.isEmpty(),
        "plots of " + dir + ": " + plots);
    for (Path plot : plots) {
      byte[] head = Files.readAllBytes(plot);
      assertTrue(head.length > 100, plot + " is empty");
      if (plot.toString().endsWith(".png")) {
        assertEquals(
            new String(PNG, java.nio.charset.StandardCharsets.ISO_8859_1),
            new String(head, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1),
            plot + " is not a PNG");
      }
    }

    JsonNode claims = summary.path("claims");
    assertEquals(
        resolved.run().claims().size(), claims.size(), "a verdict for every claim of " + config);
    for (JsonNode claim : claims) {
      assertFalse(claim.path("verdict").asText().isBlank(), claim.toString());
      assertFalse(
          claim.path("evidence").path("text").asText().isBlank(),
          claim.path("id") + " has no evidence");
    }
  }

  private static <C> Set<String> declared(ResolvedConfig<C> config) {
    return config.experiment().measurements(config.settings(), config.run()).names();
  }
}
