package org.examlab.experiments.regularization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.examlab.datasets.tabular.TeacherTask;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class RegularizationPiecesTest {
  private final DataSet data = new TeacherTask(6, 8, 1L).generate(200, 3L);
  private final RegularizationSettings settings = new RegularizationSettings(Strategy.NONE,
      new RegularizationSettings.Data(6, 8, 200, 100, 0.1), new RegularizationSettings.Model(1, 16),
      new RegularizationSettings.Options(0.5, 0.001, 0.2, 3, 2, 0.1, List.of(0.001, 0.1), 2));

  @Test
  void labelNoiseFlipsAboutTheRequestedShareAndNothingElse() {
    DataSet noisy = RegularizationExperiment.withFlippedLabels(data, 0.25, 7L);
    double flipped = noisy.getLabels().neq(data.getLabels()).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
        .sumNumber().doubleValue() / 2 / 200;
    assertTrue(flipped > 0.15 && flipped < 0.35, "flipped share " + flipped);
    assertEquals(data.getFeatures(), noisy.getFeatures());
    assertEquals(data.getLabels(), RegularizationExperiment.withFlippedLabels(data, 0.0, 7L).getLabels());
  }

  @Test
  void augmentationAddsJitteredCopiesWithTheSameLabels() {
    DataSet augmented = RegularizationExperiment.augmented(data, 3, 0.1, 1L);
    assertEquals(800, augmented.numExamples());
    assertEquals(data.getLabels(), augmented.getLabels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(600, 800),
        org.nd4j.linalg.indexing.NDArrayIndex.all()));
    assertNotEquals(data.getFeatures(), augmented.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(200, 400),
        org.nd4j.linalg.indexing.NDArrayIndex.all()));
  }

  @Test
  void strategiesParseByTheirConfigNames() {
    assertEquals(Strategy.L2_KFOLD, Strategy.parse("l2-kfold"));
    assertEquals("early-stopping", Strategy.EARLY_STOPPING.yamlName());
    assertThrows(IllegalArgumentException.class, () -> Strategy.parse("magic"));
  }
}
