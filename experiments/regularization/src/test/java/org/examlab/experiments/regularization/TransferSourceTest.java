package org.examlab.experiments.regularization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.harness.metrics.Classification;
import org.examlab.harness.settings.TrainingSettings;
import org.examlab.harness.settings.UpdaterKind;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class TransferSourceTest {
  private final RegularizationSettings settings =
      new RegularizationSettings(
          Strategy.TRANSFER,
          new RegularizationSettings.Data(10, 8, 100, 100, 0.0, 2),
          new RegularizationSettings.Model(2, 8),
          new RegularizationSettings.Options(0.5, 0.001, 1.0, 3, 5, 100, 4, 2, null));

  private double agreement(Strategy strategy) {
    TransferSource source = TransferSource.of(settings, strategy);
    DataSet target = source.target().generate(4000, 11L);
    return Classification.accuracy(
        source.task().generate(4000, 11L).getLabels(), target.getLabels());
  }

  @Test
  void theRelatedSourceSharesTheTargetsLabelsFarMoreThanTheUnrelatedOne() {
    double related = agreement(Strategy.TRANSFER);
    double unrelated = agreement(Strategy.TRANSFER_UNRELATED);
    assertTrue(related > 0.65, "related agreement " + related);
    assertTrue(Math.abs(unrelated - 0.5) < 0.15, "unrelated agreement " + unrelated);
    assertTrue(related > unrelated + 0.1);
  }

  @Test
  void copyingTakesTheHiddenLayersAndLeavesTheOutputLayerFresh() {
    TrainingSettings training =
        new TrainingSettings(1, 16, 0.003, UpdaterKind.ADAM, null, null, null, null);
    MultiLayerNetwork from = RegularizationExperiment.network(settings, 1L, training, 0.0, 1.0);
    MultiLayerNetwork to = RegularizationExperiment.network(settings, 2L, training, 0.0, 1.0);
    TransferSource.copyHiddenLayers(from, to, 2);
    for (String p : List.of("0_W", "0_b", "1_W", "1_b")) {
      assertEquals(from.getParam(p), to.getParam(p), p);
    }
    assertNotEquals(from.getParam("2_W"), to.getParam("2_W"));
  }
}
