package org.examlab.experiments.datasplits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class DayNightTest {
  private final DataSplitsSettings settings =
      new DataSplitsSettings(
          new DataSplitsSettings.Data(6, 8, 400, 100),
          new DataSplitsSettings.Night(0.5, -10.0),
          new DataSplitsSettings.Model(1, 8));

  /** Share of class 1 among the rows of {@code data}. */
  private static double classOneShare(DataSet data) {
    return data.getLabels().getColumn(1).meanNumber().doubleValue();
  }

  /**
   * Share of rows whose features look like night: here the night transform puts the feature mean
   * near -10, days near 0.
   */
  private static double nightShare(DataSet data) {
    return data.getFeatures()
        .mean(1)
        .lt(-5.0)
        .castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
        .meanNumber()
        .doubleValue();
  }

  @Test
  void theExamsSplitSeparatesDayFromNightAndTheShuffledOneMixesThem() {
    DayNight pictures = DayNight.generate(settings, 1L);
    DataSet[] exam = pictures.dayNightSplit();
    assertEquals(0.0, nightShare(exam[0]), 1e-12);
    assertEquals(1.0, nightShare(exam[1]), 1e-12);
    DataSet[] shuffled = pictures.shuffledSplit(1L);
    assertEquals(200, shuffled[0].numExamples());
    assertEquals(200, shuffled[1].numExamples());
    assertTrue(
        Math.abs(nightShare(shuffled[0]) - 0.5) < 0.1,
        "shuffled training half: " + nightShare(shuffled[0]));
  }

  @Test
  void nightChangesTheLookNotTheClass() {
    DayNight pictures = DayNight.generate(settings, 2L);
    // The labels are the teacher's on the scenes: day and night halves have the same class balance
    // up to sampling.
    assertTrue(
        Math.abs(classOneShare(pictures.day()) - classOneShare(pictures.night())) < 0.12,
        classOneShare(pictures.day()) + " vs " + classOneShare(pictures.night()));
    DataSet scene = DataSet.merge(java.util.List.of(pictures.day()));
    DataSet night = DayNight.atNight(scene, settings.night());
    assertEquals(
        0.5 * scene.getFeatures().getDouble(0, 0) - 10.0,
        night.getFeatures().getDouble(0, 0),
        1e-6);
    assertEquals(scene.getLabels(), night.getLabels());
  }
}
