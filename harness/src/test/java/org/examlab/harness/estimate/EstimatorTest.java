package org.examlab.harness.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.examlab.harness.experiment.ExperimentRegistry;
import org.examlab.harness.toy.ToyConfigs;
import org.examlab.harness.toy.ToyExperiment;
import org.examlab.harness.training.ProgressReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EstimatorTest {
  @TempDir Path home;
  private final Estimator estimator =
      new Estimator(
          new ExperimentRegistry(List.of(new ToyExperiment())), home, ProgressReporter.silent());

  private static final String SWEPT =
      ToyConfigs.VALID
          + """
      sweep:
        axes:
          toy.hidden: [2, 8]
        metrics: [toy.accuracy]
      """;

  @Test
  void anEstimateLeavesNoRunBehindAndGivesAPositiveTime() throws Exception {
    Files.createDirectories(home.resolve("results"));
    Set<Path> scratchBefore = scratchFolders();
    Estimate e =
        estimator.estimate("toy.yaml", ToyConfigs.write(home, "toy.yaml", ToyConfigs.VALID));

    assertNull(e.error());
    assertEquals("toy", e.experiment());
    assertEquals(2, e.seeds());
    assertEquals(1, e.trainings(), "the first seed only");
    assertTrue(e.perSeedSeconds() > 0, e.toString());
    assertEquals(2 * e.perSeedSeconds(), e.seconds(), 1e-9);
    try (Stream<Path> left = Files.list(home.resolve("results"))) {
      assertEquals(0, left.count(), "results/ untouched");
    }
    assertEquals(scratchBefore, scratchFolders(), "the scratch folder is deleted");
  }

  @Test
  void aSweepIsEstimatedOverEveryVariantOnTheFirstSeed() throws Exception {
    Estimate e =
        estimator.estimate("toy-sweep.yaml", ToyConfigs.write(home, "toy-sweep.yaml", SWEPT));
    assertNull(e.error());
    assertEquals(2, e.trainings(), "two variants, one seed each");
    assertTrue(e.seconds() > 0);
  }

  @Test
  void aFailingRunIsAFailedEstimateNotATime() throws Exception {
    String failing = ToyConfigs.VALID.replace("hidden: 4", "hidden: 4\n  failAfterTraining: true");
    Estimate e = estimator.estimate("toy.yaml", ToyConfigs.write(home, "toy.yaml", failing));
    assertTrue(e.failed());
    assertTrue(e.error().contains("toy failure requested"), e.error());
    List<String> table = EstimateTable.lines(List.of(e), "test");
    assertTrue(table.get(2).endsWith("| failed: " + e.error() + " |"), table.get(2));
    assertTrue(
        table.get(3).contains("**0 s**"), "a failure adds nothing to the total: " + table.get(3));
  }

  @Test
  void durationsAreAsPreciseAsAPlanNeeds() {
    assertEquals("42 s", Estimate.duration(42.4));
    assertEquals("17 min", Estimate.duration(17 * 60));
    assertEquals("3.5 h", Estimate.duration(3.5 * 3600));
    assertEquals("2.5 d", Estimate.duration(2.5 * 86400));
  }

  private static Set<Path> scratchFolders() throws IOException {
    try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return all.filter(p -> p.getFileName().toString().startsWith("examlab-estimate-"))
          .collect(Collectors.toSet());
    }
  }
}
