package org.examlab.experiments.regularization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.examlab.datasets.tabular.TeacherTask;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class LabelNoiseTest {
  private final DataSet data = new TeacherTask(6, 8, 1L).generate(200, 3L);

  @Test
  void labelNoiseFlipsAboutTheRequestedShareAndNothingElse() {
    DataSet noisy = RegularizationExperiment.withFlippedLabels(data, 0.25, 7L);
    double flipped =
        noisy
                .getLabels()
                .neq(data.getLabels())
                .castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .sumNumber()
                .doubleValue()
            / 2
            / 200;
    assertTrue(flipped > 0.15 && flipped < 0.35, "flipped share " + flipped);
    assertEquals(data.getFeatures(), noisy.getFeatures());
    assertEquals(
        data.getLabels(), RegularizationExperiment.withFlippedLabels(data, 0.0, 7L).getLabels());
  }
}
