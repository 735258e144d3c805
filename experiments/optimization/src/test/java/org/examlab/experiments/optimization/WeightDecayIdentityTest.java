package org.examlab.experiments.optimization;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.examlab.datasets.tabular.TeacherTask;
import org.examlab.harness.settings.UpdaterKind;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class WeightDecayIdentityTest {
  private final OptimizationSettings settings = OptimizationSettingsTest.SMALL;

  @Test
  void l2IsWeightDecayForSgdButNotForAdam() {
    DataSet data = new TeacherTask(6, 8, 1L).generate(64, 2L);
    double sgd = WeightDecayIdentity.discrepancy(UpdaterKind.SGD, settings, 1L, data);
    double adam = WeightDecayIdentity.discrepancy(UpdaterKind.ADAM, settings, 1L, data);
    assertTrue(sgd < 1e-3, "SGD + L2 vs (1 - eta*lambda) w - eta*grad: " + sgd);
    assertTrue(adam > 0.1, "Adam + L2 is not weight decay: " + adam);
  }
}
