package org.examlab.experiments.rnngradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.examlab.harness.config.InvalidSettingException;
import org.junit.jupiter.api.Test;

class RnnGradientsSettingsTest {
  @Test
  void longestLengthAndValidation() {
    assertEquals(40, new RnnGradientsSettings.Task(4, 4, List.of(5, 40, 10), 64, 32).longest());
    InvalidSettingException repeated = assertThrows(InvalidSettingException.class,
        () -> new RnnGradientsSettings.Task(4, 4, List.of(5, 5), 64, 32));
    assertEquals("lengths", repeated.field());
    InvalidSettingException gain = assertThrows(InvalidSettingException.class, () -> new RnnGradientsSettings.Clipping(1.0, 0.1, 1.0));
    assertEquals("recurrentGain", gain.field());
    InvalidSettingException lag = assertThrows(InvalidSettingException.class, () -> new RnnGradientsSettings.Transport(8, 10, 10));
    assertEquals("lag", lag.field());
  }

  @Test
  void dataSeedsDifferByLengthAndPurpose() {
    assertEquals(RnnGradientsExperiment.dataSeed(1, 10, 0), RnnGradientsExperiment.dataSeed(1, 10, 0));
    List<Long> seeds = List.of(RnnGradientsExperiment.dataSeed(1, 10, 0), RnnGradientsExperiment.dataSeed(1, 10, 1),
        RnnGradientsExperiment.dataSeed(1, 20, 0), RnnGradientsExperiment.dataSeed(2, 10, 0));
    assertEquals(seeds.size(), seeds.stream().distinct().count());
  }
}
