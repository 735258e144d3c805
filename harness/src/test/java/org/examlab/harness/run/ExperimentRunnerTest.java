package org.examlab.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.examlab.harness.config.ConfigLoader;
import org.examlab.harness.config.ResolvedConfig;
import org.examlab.harness.experiment.ExperimentRegistry;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.toy.ToyConfigs;
import org.examlab.harness.toy.ToyExperiment;
import org.examlab.harness.training.ProgressReporter;
import org.examlab.harness.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRunnerTest {
  @TempDir Path tmp;
  private final ConfigLoader loader =
      new ConfigLoader(new ExperimentRegistry(List.of(new ToyExperiment())));
  private final ObjectMapper json = new ObjectMapper();

  private ExperimentRunner.Outcome run(String yaml, String... overrides) throws Exception {
    ResolvedConfig<?> config =
        loader.load(ToyConfigs.write(tmp, "toy.yaml", yaml), List.of(overrides));
    return new ExperimentRunner(tmp.resolve("results"), tmp, ProgressReporter.silent()).run(config);
  }

  @Test
  void aRunWritesEveryResultFile() throws Exception {
    ExperimentRunner.Outcome outcome = run(ToyConfigs.VALID);
    Path dir = outcome.directory().path();
    assertEquals(tmp.resolve("results").resolve("toy"), dir.getParent());
    for (String f :
        List.of("config.yaml", "environment.json", "metrics.csv", "summary.json", "run.log")) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f);
    }
    assertFalse(
        Files.exists(dir.resolve(RunDirectory.RUNNING_MARKER)), "marker removed on completion");
    try (Stream<Path> plots = Files.list(dir.resolve("plots"))) {
      List<String> names = plots.map(p -> p.getFileName().toString()).toList();
      assertTrue(names.contains("diagnostics_toy.png"), "diagnostics figure: " + names);
      assertTrue(names.contains("activation_histograms_toy.png"), "histogram figure: " + names);
    }
    try (Stream<Path> left = Files.walk(dir)) {
      assertTrue(left.noneMatch(p -> p.toString().endsWith(".tmp")), "no temporary files left");
    }

    JsonNode summary = json.readTree(dir.resolve("summary.json").toFile());
    assertEquals("toy", summary.get("experiment").asText());
    assertEquals("completed", summary.get("status").asText());
    assertTrue(summary.get("samplesPerSecond").asDouble() > 0);
    assertTrue(summary.get("wallSeconds").asDouble() > 0);
    JsonNode claim = summary.get("claims").get(0);
    assertEquals("toy-1", claim.get("id").asText());
    assertTrue(
        List.of("SUPPORTED", "REFUTED", "INCONCLUSIVE").contains(claim.get("verdict").asText()));
    assertTrue(claim.get("rule").asText().contains("toy.accuracy > toy.chance"));
    assertEquals(2, claim.at("/evidence/difference").size(), "evidence per seed");
    assertEquals(2, summary.at("/measurements/toy.accuracy/perSeed").size());

    JsonNode env = json.readTree(dir.resolve("environment.json").toFile());
    for (String key :
        List.of(
            "backend",
            "nativeBuild",
            "nativeLibrary",
            "oneDnn",
            "threads",
            "seeds",
            "gitCommit",
            "cpu")) {
      assertTrue(env.has(key), key);
    }
    String config = Files.readString(dir.resolve("config.yaml"));
    assertTrue(config.contains("updater: adam"), "defaults are written into the resolved config");

    List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
    assertEquals(MetricsRecorder.HEADER, csv.get(0));
    assertTrue(csv.stream().anyMatch(l -> l.contains(",toy,") && l.contains(",loss,")));
    assertTrue(
        csv.stream()
            .anyMatch(l -> l.contains(",diagnostics/toy,") && l.contains("layer0.grad_norm")));
    assertTrue(csv.stream().anyMatch(l -> l.contains(",measurement,0,toy.accuracy,")));
  }

  @Test
  void modelsAreSavedOnlyWhenAsked() throws Exception {
    Path plain = run(ToyConfigs.VALID).directory().path();
    assertFalse(Files.exists(plain.resolve("models")), "artifacts.models is off by default");
    Path kept = run(ToyConfigs.VALID, "artifacts.models=true").directory().path();
    for (long seed : List.of(1L, 2L)) {
      Path model =
          kept.resolve("models")
              .resolve(org.examlab.harness.training.ModelArtifacts.fileName("toy", seed));
      assertTrue(Files.size(model) > 0, model.toString());
      org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(
          model.toFile()); // DL4J reads it back
    }
  }

  @Test
  void uiStatsWithoutTheUiModuleStopsBeforeTheRunFolder() throws Exception {
    // The harness alone has no DL4J UI storage on its class path (dl4j-ui provides it).
    org.examlab.harness.validation.ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.examlab.harness.validation.ConfigException.class,
            () -> run(ToyConfigs.VALID, "artifacts.uiStats=true"));
    assertEquals("artifacts.uiStats", e.key());
    assertTrue(e.getMessage().contains("EXAMLAB_UI=on"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("results")), "nothing written");
  }

  @Test
  void runsNeverShareADirectory() throws Exception {
    Path first = run(ToyConfigs.VALID, "seeds=[1]", "training.epochs=1").directory().path();
    Path second = run(ToyConfigs.VALID, "seeds=[1]", "training.epochs=1").directory().path();
    assertNotEquals(first, second);
    assertTrue(Files.exists(first.resolve("summary.json")));
    assertTrue(Files.exists(second.resolve("summary.json")));
  }

  @Test
  void sameSeedGivesTheSameMetrics() throws Exception {
    var a = run(ToyConfigs.VALID, "seeds=[7]").summary().measurements();
    var b = run(ToyConfigs.VALID, "seeds=[7]").summary().measurements();
    assertEquals(a.get("toy.final_loss").perSeed(), b.get("toy.final_loss").perSeed());
    assertEquals(a.get("toy.accuracy").perSeed(), b.get("toy.accuracy").perSeed());
    var c = run(ToyConfigs.VALID, "seeds=[8]").summary().measurements();
    assertNotEquals(a.get("toy.final_loss").mean(), c.get("toy.final_loss").mean());
  }

  @Test
  void aFailingExperimentIsSummarisedAsFailedWithoutVerdicts() throws Exception {
    ExperimentRunner.Outcome outcome = run(ToyConfigs.VALID, "toy.failAfterTraining=true");
    assertEquals(RunStatus.FAILED, outcome.summary().status());
    assertTrue(outcome.summary().error().contains("toy failure"));
    assertTrue(outcome.summary().claims().isEmpty());
    JsonNode summary = json.readTree(outcome.directory().file("summary.json").toFile());
    assertEquals("failed", summary.get("status").asText());
  }

  @Test
  void aRunThatNeverRecordsADeclaredMeasurementFailsNamingIt() throws Exception {
    ExperimentRunner.Outcome outcome = run(ToyConfigs.VALID, "toy.declareUnmeasured=true");
    assertEquals(RunStatus.FAILED, outcome.summary().status());
    assertTrue(
        outcome.summary().error().contains("never recorded: [toy.never_recorded]"),
        outcome.summary().error());
    assertTrue(outcome.summary().claims().isEmpty());
  }

  @Test
  void claimsDecideFromTheMeasurements() throws Exception {
    RunSummary ok = run(ToyConfigs.VALID, "training.epochs=30").summary();
    assertEquals(
        Verdict.SUPPORTED, ok.claims().get(0).verdict(), ok.claims().get(0).evidence().text());
    // The same claim with an impossible margin must not pass.
    String impossible = ToyConfigs.VALID.replace("margin: 0.1", "margin: 0.6");
    assertEquals(
        Verdict.REFUTED, run(impossible, "training.epochs=30").summary().claims().get(0).verdict());
  }
}
