package org.examlab.experiments.regularization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.examlab.harness.settings.TrainingSettings;
import org.examlab.harness.settings.UpdaterKind;
import org.junit.jupiter.api.Test;

class ArmParametersTest {
  private final RegularizationSettings.Options options =
      new RegularizationSettings.Options(0.5, 0.001, 1.0, 3, 5, 100, 4, 2, null);

  @Test
  void theArmParametersKeepNoneUnregularizedWhateverTheGridSays() {
    TrainingSettings training =
        new TrainingSettings(5, 16, 0.003, UpdaterKind.ADAM, null, null, null, null);
    Map<String, Double> grid = Map.of("learningRate", 0.01, "dropoutRetain", 0.7, "l2", 0.1);
    ArmParameters none = ArmParameters.of(Strategy.NONE, grid, options, training);
    assertEquals(new ArmParameters(0.01, 1.0, 0.0, 0.0), none);
    assertEquals(
        new ArmParameters(0.01, 0.7, 0.1, 0.0),
        ArmParameters.of(Strategy.DROPOUT_L2, grid, options, training));
    assertEquals(
        new ArmParameters(0.003, 0.5, 0.0, 0.0),
        ArmParameters.of(Strategy.DROPOUT, Map.of(), options, training));
    assertEquals(0.01, none.training(training, 7).learningRate());
    assertEquals(7, none.training(training, 7).epochs());
    assertThrows(
        IllegalArgumentException.class,
        () -> ArmParameters.of(Strategy.L2, Map.of("lamda", 0.1), options, training));
  }
}
