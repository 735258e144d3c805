package org.examlab.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.examlab.harness.experiment.ExperimentRegistry;
import org.examlab.harness.run.ExperimentRunner;
import org.examlab.harness.run.RunDirectory;
import org.examlab.harness.toy.ToyConfigs;
import org.examlab.harness.toy.ToyExperiment;
import org.examlab.harness.training.ProgressReporter;
import org.examlab.harness.validation.ConfigException;
import org.examlab.harness.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepRunnerTest {
  @TempDir Path tmp;

  private static final String SWEPT =
      ToyConfigs.VALID.replace("diagnostics:\n  enabled: true", "diagnostics:\n  enabled: false")
          + """
      sweep:
        axes:
          toy.hidden: [2, 8]
        metrics: [toy.accuracy, toy.final_loss]
        claims:
          - id: toy-2
            statement: The wider toy is at least as accurate.
            kind: experiment
            exam: {stance: none, source: "toy exam Q2", quote: "Wider is better."}
            rule: {left: "8.toy.accuracy", op: ">", right: "2.toy.accuracy", minSeeds: 2}
      """;

  private SweepRunner.Outcome sweep(String yaml, String... axes) throws Exception {
    Path config = ToyConfigs.write(tmp, "toy-sweep.yaml", yaml);
    Path results = tmp.resolve("results");
    ExperimentRegistry registry = new ExperimentRegistry(List.of(new ToyExperiment()));
    ExperimentRunner runner = new ExperimentRunner(results, tmp, ProgressReporter.silent());
    return new SweepRunner(registry, runner, results).run(config, List.of(), List.of(axes));
  }

  @Test
  void everyVariantAndSeedRunsAndTheAggregateIsWritten() throws Exception {
    SweepRunner.Outcome outcome = sweep(SWEPT);
    assertEquals(4, outcome.points().size(), "2 variants x 2 seeds");
    assertEquals(4, outcome.executed());
    for (String f :
        List.of(
            "aggregate.csv",
            "aggregate.md",
            "summary.json",
            "plots/bar_toy.accuracy.png",
            "plots/bar_toy.final_loss.png")) {
      assertTrue(Files.exists(outcome.directory().resolve(f)), f);
    }
    List<String> csv = Files.readAllLines(outcome.directory().resolve("aggregate.csv"));
    assertEquals("variant,metric,seeds,mean,std,ci95_low,ci95_high", csv.get(0));
    assertEquals(5, csv.size(), "2 variants x 2 metrics");
    assertTrue(csv.get(1).startsWith("2,toy.accuracy,2,"), csv.get(1));
    assertEquals("toy-2", outcome.aggregate().claims().get(0).id());
    assertTrue(List.of(Verdict.values()).contains(outcome.aggregate().claims().get(0).verdict()));
    JsonNode summary =
        new ObjectMapper().readTree(outcome.directory().resolve("summary.json").toFile());
    assertEquals(4, summary.get("runs").size());
  }

  @Test
  void runningAgainRunsOnlyWhatIsMissing_andResumesTheKilledRun() throws Exception {
    SweepRunner.Outcome first = sweep(SWEPT);
    // Simulate a sweep killed during one run: its directory has no summary and keeps its RUNNING
    // marker.
    Path killed = first.points().get(3).directory();
    Files.delete(killed.resolve("summary.json"));
    Files.writeString(killed.resolve(RunDirectory.RUNNING_MARKER), "killed\n");

    SweepRunner.Outcome second = sweep(SWEPT);
    assertEquals(first.directory(), second.directory(), "the same sweep folder is found again");
    assertEquals(1, second.executed(), "only the missing run runs");
    assertEquals(
        killed,
        second.points().get(3).directory(),
        "the killed run is resumed in its own folder, not started over");
    assertEquals(RunDirectory.State.COMPLETED, RunDirectory.state(killed));
    assertEquals(0, sweep(SWEPT).executed(), "a complete sweep runs nothing");
  }

  @Test
  void badValuesStopBeforeAnyRun_andCommandLineAxesReplaceTheConfigs() throws Exception {
    ConfigException bad =
        assertThrows(ConfigException.class, () -> sweep(SWEPT.replace("[2, 8]", "[2, 0]")));
    assertEquals("toy.hidden", bad.key());
    assertFalse(Files.exists(tmp.resolve("results")), "nothing written for a rejected sweep");

    SweepRunner.Outcome outcome =
        sweep(
            SWEPT
                .replace("toy-2", "toy-2x")
                .replace("\"8.toy.accuracy\"", "\"5.toy.accuracy\"")
                .replace("\"2.toy.accuracy\"", "\"3.toy.accuracy\""),
            "toy.hidden=3,4,5");
    assertEquals(6, outcome.points().size());
    assertEquals(
        List.of("3", "4", "5"),
        outcome.points().stream().map(p -> p.variant().label()).distinct().toList());
    ConfigException unknownClaim =
        assertThrows(ConfigException.class, () -> sweep(SWEPT, "toy.hidden=3,4"));
    assertEquals(
        "sweep.claims[0]",
        unknownClaim.key(),
        "claims read variants 2 and 8, which this sweep no longer has");
  }

  @Test
  void labelsAndAxisArguments() {
    var mapper = org.examlab.harness.config.ConfigLoader.strictYamlMapper();
    SweepPlan plan =
        SweepPlan.of(
            new java.util.LinkedHashMap<>(
                Map.of(
                    "a.x",
                    List.of(
                        mapper.getNodeFactory().numberNode(1),
                        mapper.getNodeFactory().numberNode(2)))));
    assertEquals(
        List.of("1", "2"), plan.variants().stream().map(SweepPlan.Variant::label).toList());
    assertEquals(List.of("a.x=1"), plan.variants().get(0).overrides());
    SweepPlan.AxisArgument arg = SweepPlan.AxisArgument.parse("task.lengths=[1,2],[3,4],5");
    assertEquals("task.lengths", arg.key());
    assertEquals(List.of("[1,2]", "[3,4]", "5"), arg.values());
  }
}
