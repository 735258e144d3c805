package org.examlab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.examlab.harness.cli.ExamLab;
import org.examlab.harness.experiment.ExperimentRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command-line contract, end to end, with the real experiments on the classpath. */
class ExamLabCliTest {
  /** Tests run in launcher; the project's configs are two levels up. */
  static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  static final Path RNN_CONFIG = HOME.resolve("configs/rnn-gradients.yaml");

  /** Shrinks the rnn-gradients quick config to a seconds-long run. */
  static final List<String> TINY_RNN =
      List.of(
          "seeds=[1]",
          "training.epochs=1",
          "task.lengths=[4,6]",
          "task.trainExamples=32",
          "task.testExamples=16",
          "model.hiddenSize=4",
          "transport.examples=4",
          "transport.length=7",
          "transport.lag=6",
          "exploding.length=5",
          "exploding.epochs=1",
          "exploding.trainExamples=32",
          "exploding.medianWindow=2",
          "exploding.recurrentGains=[1.0]",
          "exploding.learningRates=[0.1]",
          "exploding.seeds=1");

  static final Path FLOW_CONFIG = HOME.resolve("configs/gradient-flow.yaml");

  /** Shrinks the gradient-flow quick config: every variant and check, tiny. */
  static final List<String> TINY_FLOW =
      List.of(
          "seeds=[1]",
          "training.epochs=1",
          "network.depth=3",
          "network.width=8",
          "task.trainExamples=64",
          "task.testExamples=32",
          "task.probeExamples=16",
          "checks.samples=1000",
          "checks.xor.epochs=5",
          "checks.perceptron.epochs=3",
          "checks.clipping.epochs=1");

  @TempDir Path tmp;

  record Result(int status, String out, String err) {}

  static Result examlab(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int status = ExamLab.commandLine(ExperimentRegistry.fromClasspath(), HOME).execute(args);
      return new Result(
          status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  /**
   * Runs {@code command} on {@code config} with {@code overrides} into a fresh results folder;
   * returns the one folder it made.
   */
  private Path runInto(String command, Path config, List<String> overrides, String experiment)
      throws Exception {
    Path results = tmp.resolve("results");
    Result r = examlab(args(command, config, overrides, "--results", results.toString()));
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains(results.toString()), r.out());
    try (Stream<Path> made = Files.list(results.resolve(experiment))) {
      List<Path> dirs = made.toList();
      assertEquals(1, dirs.size(), dirs.toString());
      return dirs.get(0);
    }
  }

  private String[] args(String command, Path config, List<String> overrides, String... more) {
    List<String> a = new ArrayList<>(List.of(command, config.toString()));
    a.addAll(overrides);
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void aTinyRnnGradientsRunProducesEveryFileAndTheClaims() throws Exception {
    Path dir = runInto("run", RNN_CONFIG, TINY_RNN, "rnn-gradients");
    for (String f :
        List.of(
            "config.yaml",
            "environment.json",
            "metrics.csv",
            "summary.json",
            "run.log",
            "plots/state_transport_init.png",
            "plots/state_transport_trained.png",
            "plots/accuracy_vs_length.png",
            "plots/loss_curves.png",
            "plots/update_norms_clipping.png")) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f);
    }
    // Logback (through slf4j 2) writes the run's log lines, the examlab.progress ones among them,
    // into run.log.
    String log = Files.readString(dir.resolve("run.log"));
    assertTrue(log.contains(" examlab.progress - "), log);
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertEquals("completed", summary.get("status").asText());
    List<String> ids = new ArrayList<>();
    summary.get("claims").forEach(c -> ids.add(c.get("id").asText()));
    assertTrue(
        ids.containsAll(List.of("001-2/rnn", "001-2/lstm", "002-5", "000-6", "000-6+clipping")),
        ids.toString());
    // With one seed and rules that need three, every verdict must say so rather than guess.
    summary
        .get("claims")
        .forEach(c -> assertEquals("INCONCLUSIVE", c.get("verdict").asText(), c.toString()));
    assertTrue(summary.at("/measurements/lstm.accuracy.len6/mean").isNumber());
  }

  /**
   * Same seed, same CPU, same numbers: a second run of the same config measures exactly what the
   * first did (LSTM and RNN alike).
   */
  @Test
  void aRunRepeatedWithTheSameSeedMeasuresExactlyTheSame() throws Exception {
    List<String> tiny = new ArrayList<>(TINY_RNN);
    tiny.add("transport.initialisations=2");
    JsonNode first =
        new ObjectMapper()
            .readTree(
                runInto("run", RNN_CONFIG, tiny, "rnn-gradients").resolve("summary.json").toFile());
    Path again = tmp.resolve("again");
    Result r = examlab(args("run", RNN_CONFIG, tiny, "--results", again.toString()));
    assertEquals(0, r.status(), r.err());
    Path dir;
    try (Stream<Path> runs = Files.list(again.resolve("rnn-gradients"))) {
      dir = runs.findFirst().orElseThrow();
    }
    JsonNode second = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertTrue(
        first.get("measurements").size() > 20,
        "many measurements: " + first.get("measurements").size());
    List<String> differing = new ArrayList<>();
    first
        .get("measurements")
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!first
                  .get("measurements")
                  .get(name)
                  .equals(second.get("measurements").get(name))) {
                differing.add(
                    name
                        + ": "
                        + first.get("measurements").get(name)
                        + " then "
                        + second.get("measurements").get(name));
              }
            });
    assertEquals(List.of(), differing);
  }

  @Test
  void runsListsTwoRunsAndCompareNamesTheOverrideAndWhatMoved() throws Exception {
    Path results = tmp.resolve("results");
    for (String rate : List.of("0.1", "0.3")) {
      List<String> tiny = new ArrayList<>(TINY_RNN);
      tiny.addAll(
          List.of("transport.initialisations=2", "exploding.clipping.learningRate=" + rate));
      Result r = examlab(args("run", RNN_CONFIG, tiny, "--results", results.toString()));
      assertEquals(0, r.status(), r.err());
    }
    Result runs = examlab("runs", "rnn-gradients", "--results", results.toString());
    assertEquals(0, runs.status(), runs.err());
    List<String> rows = runs.out().lines().filter(l -> l.startsWith("rnn-gradients/")).toList();
    assertEquals(2, rows.size(), runs.out());
    assertTrue(rows.stream().allMatch(l -> l.contains(" completed ")), runs.out());
    String a = rows.get(0).split(" ")[0];
    String b = rows.get(1).split(" ")[0];
    Result compare = examlab("compare", a, b, "--results", results.toString());
    assertEquals(0, compare.status(), compare.err());
    assertTrue(
        compare.out().contains("config: 1 key differs")
            && compare.out().contains("exploding.clipping.learningRate: 0.1 -> 0.3"),
        compare.out());
    // the clipping comparison trained at another rate: its update norms moved, the transport at
    // initialisation did not
    assertTrue(compare.out().contains("rnn.unclipped.max_update_norm_log10 *"), compare.out());
    assertFalse(compare.out().contains("rnn.init.hidden_transport_log10 *"), compare.out());
    Result missing = examlab("compare", a, "rnn-gradients/nope", "--results", results.toString());
    assertEquals(2, missing.status());
    assertTrue(missing.err().contains("RUN_B"), missing.err());
  }

  @Test
  void aTinyGradientFlowRunMeasuresEveryVariantAndCheck() throws Exception {
    Path dir = runInto("run", FLOW_CONFIG, TINY_FLOW, "gradient-flow");
    for (String f :
        List.of(
            "plots/error_signal_per_layer.png",
            "plots/activation_histograms.png",
            "plots/overview.png",
            "plots/perceptron_errors.png",
            "plots/clipping_update_norms.png")) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f);
    }
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertEquals("completed", summary.get("status").asText());
    assertEquals(21, summary.get("claims").size()); // every claim of configs/gradient-flow.yaml
    summary.get("claims").forEach(c -> assertTrue(c.has("kind") && c.has("origin"), c.toString()));
    assertTrue(summary.at("/measurements/relu-he.init.signal_ratio_log10/mean").isNumber());
    assertTrue(summary.at("/measurements/perceptron.xor.min_errors/mean").isNumber());
  }

  @Test
  void aTinyRegularizationSweepAggregatesEveryStrategyAndResumes() throws Exception {
    List<String> tiny =
        List.of(
            "seeds=[1,2]",
            "training.epochs=2",
            "data.trainExamples=40",
            "data.testExamples=40",
            "model.width=8",
            "options.folds=2",
            "options.sourceExamples=40",
            "options.pretrainEpochs=1");
    Path sweep =
        runInto("sweep", HOME.resolve("configs/regularization.yaml"), tiny, "regularization");
    List<String> csv = Files.readAllLines(sweep.resolve("aggregate.csv"));
    assertEquals(1 + 11 * 5, csv.size(), "11 strategies x 5 metrics");
    assertTrue(Files.exists(sweep.resolve("plots/bar_test_accuracy.png")));
    assertTrue(Files.exists(sweep.resolve("plots/curve_test_accuracy.png")));
    assertTrue(Files.readString(sweep.resolve("aggregate.md")).contains("000-7/k-fold"));
    try (Stream<Path> runs = Files.list(sweep.resolve("runs"))) {
      assertEquals(22, runs.count(), "2 seeds x 11 strategies");
    }
    Result again =
        examlab(
            args(
                "sweep",
                HOME.resolve("configs/regularization.yaml"),
                tiny,
                "--results",
                tmp.resolve("results").toString()));
    assertTrue(again.out().contains("sweep: 22 runs, 0 run now, 22 reused"), again.out());
  }

  @Test
  void aSweepShardedOverTwoLocalWorkersWritesTheSameAggregateAsASequentialOne() throws Exception {
    List<String> tiny =
        List.of(
            "seeds=[1,2]",
            "training.epochs=2",
            "data.trainExamples=40",
            "data.testExamples=40",
            "model.width=8",
            "options.folds=2",
            "options.sourceExamples=40",
            "options.pretrainEpochs=1");
    Path config = HOME.resolve("configs/regularization.yaml");
    Path sequential = runInto("sweep", config, tiny, "regularization");
    Path parallelRoot = tmp.resolve("parallel");
    Result r =
        examlab(
            args(
                "sweep",
                config,
                tiny,
                "--results",
                parallelRoot.toString(),
                "--launcher",
                "local:2"));
    assertEquals(0, r.status(), r.err());
    assertTrue(
        r.out().contains("sweep: 22 runs, 0 run now, 22 reused"),
        "the workers ran them all: " + r.out());
    try (Stream<Path> made = Files.list(parallelRoot.resolve("regularization"))) {
      Path parallel = made.findFirst().orElseThrow();
      assertEquals(
          sequential.getFileName(), parallel.getFileName(), "same sweep, same folder name");
      assertEquals(
          Files.readString(sequential.resolve("aggregate.csv")),
          Files.readString(parallel.resolve("aggregate.csv")));
    }
  }

  @Test
  void aTinyGanRunScoresEveryVariantAndSavesGenerators() throws Exception {
    List<String> tiny =
        List.of(
            "seeds=[1]",
            "training.epochs=4",
            "training.batchSize=16",
            "networks.hidden=8",
            "images.rounds=2",
            "images.samples=20",
            "evaluation.samples=50",
            "evaluation.snapshots=2",
            "variants=[{name: k1, discriminatorSteps: 1}, {name: k3, discriminatorSteps: 3}, {name: k1-dropout, discriminatorSteps: 1, dropout: true},"
                + " {name: saturating, discriminatorSteps: 1, generatorLoss: saturating},"
                + " {name: d-first, discriminatorSteps: 1, pretrainDiscriminator: 3},"
                + " {name: saturating-d-first, discriminatorSteps: 1, generatorLoss: saturating, pretrainDiscriminator: 3}]");
    Path dir = runInto("run", HOME.resolve("configs/gan.yaml"), tiny, "gan");
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertEquals("completed", summary.get("status").asText());
    assertEquals(1.0, summary.at("/measurements/k1.saved_generator_matches/mean").asDouble());
    assertTrue(summary.at("/measurements/images.k1.mmd/mean").isNumber());
    for (String f :
        List.of(
            "generator_k1_seed1.zip",
            "plots/samples_k1.png",
            "plots/images_k1.png",
            "plots/generator_gradient_norm.png")) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f);
    }
  }

  static Stream<List<String>> badInputs() {
    return Stream.of(
        List.of("training.epochz=3"), // unknown key
        List.of("training.epochs=three"), // wrong type
        List.of("training.epochs=0"), // out of range
        List.of("model.hiddenSize=-4"),
        List.of("backend=tpu"),
        List.of("seeds=[1,1]"),
        List.of("noequals"));
  }

  @ParameterizedTest
  @MethodSource("badInputs")
  void badOverridesExitTwoNamingTheKeyAndCreateNothing(List<String> overrides) {
    Path results = tmp.resolve("results");
    Result r = examlab(args("run", RNN_CONFIG, overrides, "--results", results.toString()));
    assertEquals(2, r.status(), r.err());
    String key =
        overrides.get(0).contains("=")
            ? overrides.get(0).substring(0, overrides.get(0).indexOf('='))
            : "key=value";
    assertTrue(r.err().contains(key), r.err());
    assertFalse(Files.exists(results), "no results folder for a rejected config");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "  epochs:|  epochz: 12|training.epochz",
        "  epochs:|  epochs: twelve|training.epochs",
        "  hiddenSize:|  hiddenSize: 0|model.hiddenSize"
      })
  void badValuesInTheFileExitTwoNamingKeyAndLine(String edit) throws Exception {
    String[] p = edit.split("\\|");
    Path config = tmp.resolve("bad.yaml");
    // Replace the first line that starts with p[0] (training's epochs come before exploding's).
    List<String> lines = new ArrayList<>(Files.readAllLines(RNN_CONFIG));
    int index =
        lines.stream()
            .filter(l -> l.startsWith(p[0]))
            .findFirst()
            .map(lines::indexOf)
            .orElseThrow();
    lines.set(index, p[1]);
    int line = index + 1;
    Files.write(config, lines);
    Path results = tmp.resolve("results");
    Result r = examlab("run", config.toString(), "--results", results.toString());
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains("bad.yaml:" + line + ": " + p[2] + ":"), r.err());
    assertFalse(Files.exists(results));
  }

  @Test
  void everyShippedConfigValidates() throws Exception {
    try (Stream<Path> configs = Files.list(HOME.resolve("configs"))) {
      List<Path> files = configs.filter(f -> f.toString().endsWith(".yaml")).toList();
      assertFalse(files.isEmpty());
      for (Path f : files) {
        Result r = examlab("validate", f.toString());
        assertEquals(0, r.status(), f + ": " + r.err());
      }
    }
  }

  @Test
  void listShowsExperimentsClaimsAndConfigs() {
    Result r = examlab("list");
    assertEquals(0, r.status());
    assertTrue(r.out().contains("rnn-gradients"));
    assertTrue(r.out().contains("001-2"));
    assertTrue(r.out().contains("configs/rnn-gradients.yaml"));
    assertTrue(
        r.out().contains("configs/rnn-gradients-full.yaml"),
        "full configs name their experiment through extends");
  }
}
