package org.examlab.harness.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.examlab.harness.run.RunDirectory;
import org.examlab.harness.verdict.Verdict;
import org.junit.jupiter.api.Test;

class RunComparisonTest {
  private static RunRecord run(
      Map<String, String> config,
      Map<String, Map<Long, Double>> measurements,
      Map<String, Verdict> verdicts) {
    return new RunRecord(
        Path.of("x"),
        "e",
        "r",
        RunDirectory.State.COMPLETED,
        "c",
        1,
        1,
        config,
        measurements,
        verdicts);
  }

  @Test
  void namesTheChangedKeysTheMovedMeasurementsAndTheChangedVerdicts() {
    RunRecord a =
        run(
            Map.of("training.learningRate", "0.01", "seeds", "[1,2,3]", "only.a", "1"),
            Map.of(
                "acc",
                Map.of(1L, 0.80, 2L, 0.70, 3L, 0.90),
                "loss",
                Map.of(1L, 0.30, 2L, 0.50, 3L, 0.40)),
            Map.of("000-7", Verdict.SUPPORTED, "000-8", Verdict.REFUTED));
    RunRecord b =
        run(
            Map.of("training.learningRate", "0.03", "seeds", "[1,2,3]"),
            // acc: +0.05 on every seed but with a little spread: paired, it moved, though the
            // seeds' own spread (0.1) is larger
            Map.of(
                "acc",
                Map.of(1L, 0.85, 2L, 0.76, 3L, 0.94),
                "loss",
                Map.of(1L, 0.35, 2L, 0.42, 3L, 0.45)),
            Map.of("000-7", Verdict.INCONCLUSIVE, "000-8", Verdict.REFUTED));
    RunComparison c = RunComparison.of(a, b);
    assertEquals(2, c.config().size());
    assertEquals(new RunComparison.ConfigChange("only.a", "1", null), c.config().get(0));
    assertEquals(
        new RunComparison.ConfigChange("training.learningRate", "0.01", "0.03"), c.config().get(1));
    assertEquals(1, c.moved().size(), c.measurements().toString());
    RunComparison.MeasurementChange acc = c.moved().get(0);
    assertEquals("acc", acc.name());
    assertEquals(3, acc.pairedSeeds());
    assertTrue(acc.low() > 0 && acc.high() < 0.1, acc.toString());
    assertFalse(
        c.measurements().stream()
            .filter(m -> m.name().equals("loss"))
            .findFirst()
            .orElseThrow()
            .moved(),
        "differences -0.05..+0.05");
    assertEquals(
        java.util.List.of(new RunComparison.VerdictChange("000-7", "SUPPORTED", "INCONCLUSIVE")),
        c.verdicts());
  }

  @Test
  void withoutSharedSeedsTheMeansAreComparedByWelchAndOneSeedHasNoInterval() {
    var unpaired =
        RunComparison.compare(
            "m", Map.of(1L, 1.0, 2L, 1.2, 3L, 1.1), Map.of(4L, 2.0, 5L, 2.1, 6L, 1.9));
    assertEquals(0, unpaired.pairedSeeds());
    assertTrue(
        unpaired.moved() && unpaired.low() > 0.5 && unpaired.high() < 1.3, unpaired.toString());
    var single = RunComparison.compare("m", Map.of(1L, 1.0), Map.of(1L, 1.0));
    assertFalse(single.moved());
    assertTrue(Double.isNaN(single.low()));
    assertTrue(RunComparison.compare("m", Map.of(1L, 1.0), Map.of(1L, 1.5)).moved());
  }
}
