package org.examlab.harness.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.settings.TuningSettings;
import org.examlab.harness.validation.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;
import org.nd4j.linalg.factory.Nd4j;

class TunerTest {
  private static final TuningSettings GRID =
      new TuningSettings(
          0.25,
          Map.of(
              "*", Map.of("learningRate", List.of(0.001, 0.01, 0.1)),
              "sgd", Map.of("learningRate", List.of(0.1, 1.0), "momentum", List.of(0.0, 0.9))));

  @Test
  void eachArmGetsItsOwnGridAsEveryCombination() {
    assertEquals(3, GRID.candidates("adam").size());
    assertEquals(4, GRID.candidates("sgd").size());
    assertTrue(GRID.candidates("sgd").contains(Map.of("learningRate", 1.0, "momentum", 0.0)));
    assertTrue(TuningSettings.NONE.candidates("adam").isEmpty());
    assertThrows(InvalidSettingException.class, () -> new TuningSettings(0.9, Map.of()));
  }

  @Test
  void theLowestFiniteValidationLossWinsAndIsRecorded() throws Exception {
    MetricsRecorder metrics = MetricsRecorder.inMemory("t");
    Tuner tuner = new Tuner(GRID, metrics);
    // A bowl around 0.01 on a log scale, with the largest rate diverging.
    Tuner.Choice choice =
        tuner.choose(
            "adam",
            7,
            c -> {
              double lr = c.get("learningRate");
              return lr >= 0.1 ? Double.NaN : Math.abs(Math.log10(lr) + 2);
            });
    assertEquals(Map.of("learningRate", 0.01), choice.chosen());
    assertEquals(0.01, metrics.measurements().get("adam.tuned.learningRate").get(7L));
    assertEquals(3, metrics.rows(Tuner.SERIES_PREFIX + "adam", "validation_loss").size());
    assertEquals(1, tuner.choices().size());
    assertThrows(
        IllegalStateException.class, () -> tuner.choose("adam", 8, c -> Double.POSITIVE_INFINITY));
  }

  @Test
  void theValidationSplitIsCarvedFromTheTrainingDataOnly() {
    DataSet training =
        new DataSet(
            Nd4j.arange(40).castTo(DataType.FLOAT).reshape(40, 1),
            Nd4j.zeros(DataType.FLOAT, 40, 1));
    SplitTestAndTrain split = new Tuner(GRID, MetricsRecorder.inMemory("t")).split(training, 3);
    assertEquals(30, split.getTrain().numExamples());
    assertEquals(10, split.getTest().numExamples());
    double total =
        split.getTrain().getFeatures().sumNumber().doubleValue()
            + split.getTest().getFeatures().sumNumber().doubleValue();
    assertEquals(39 * 40 / 2.0, total, 1e-6); // every example once, none invented or lost
  }
}
