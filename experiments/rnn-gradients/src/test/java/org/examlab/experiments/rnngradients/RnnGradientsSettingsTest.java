package org.examlab.experiments.rnngradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.examlab.harness.validation.InvalidSettingException;
import org.junit.jupiter.api.Test;

class RnnGradientsSettingsTest {
  @Test
  void longestLengthAndValidation() {
    assertEquals(40, new RnnGradientsSettings.Task(4, 4, List.of(5, 40, 10), 64, 32).longest());
    InvalidSettingException repeated =
        assertThrows(
            InvalidSettingException.class,
            () -> new RnnGradientsSettings.Task(4, 4, List.of(5, 5), 64, 32));
    assertEquals("lengths", repeated.field());
    InvalidSettingException gain =
        assertThrows(
            InvalidSettingException.class,
            () -> new RnnGradientsSettings.Clipping(1.0, 0.1, 1.0, null, null));
    assertEquals("recurrentGain", gain.field());
    InvalidSettingException lag =
        assertThrows(
            InvalidSettingException.class,
            () -> new RnnGradientsSettings.Transport(8, 10, 10, null));
    assertEquals("lag", lag.field());
    assertEquals(
        1,
        new RnnGradientsSettings.Transport(8, 10, 9, null).initialisations(),
        "one initialisation unless the config asks for more");
    InvalidSettingException none =
        assertThrows(
            InvalidSettingException.class, () -> new RnnGradientsSettings.Transport(8, 10, 9, 0));
    assertEquals("initialisations", none.field());
  }

  /**
   * The clipping comparison keeps its own length and budget when it has them, else takes the
   * grid's.
   */
  @Test
  void clippingLengthAndBudgetDefaultToTheGrids() {
    RnnGradientsSettings.Exploding inherits =
        new RnnGradientsSettings.Exploding(
            80,
            64,
            6,
            List.of(0.3),
            List.of(1.0),
            10,
            20,
            new RnnGradientsSettings.Clipping(3.0, 0.1, 1.0, null, null),
            null);
    assertEquals(80, inherits.clippingLength());
    assertEquals(6, inherits.clippingEpochs());
    RnnGradientsSettings.Exploding own =
        new RnnGradientsSettings.Exploding(
            80,
            64,
            6,
            List.of(0.3),
            List.of(1.0),
            10,
            20,
            new RnnGradientsSettings.Clipping(3.0, 0.1, 1.0, 40, 3),
            null);
    assertEquals(40, own.clippingLength());
    assertEquals(3, own.clippingEpochs());
    assertEquals(
        List.of(1L, 2L, 3L), own.seedsOf(List.of(1L, 2L, 3L)), "no seeds setting: the run's");
    RnnGradientsSettings.Exploding more =
        new RnnGradientsSettings.Exploding(
            80,
            64,
            6,
            List.of(0.3),
            List.of(1.0),
            10,
            20,
            new RnnGradientsSettings.Clipping(3.0, 0.1, 1.0, 40, 3),
            5);
    assertEquals(
        List.of(7L, 2L, 8L, 9L, 10L),
        more.seedsOf(List.of(7L, 2L)),
        "the run's seeds first, then the next after the largest");
    assertEquals(
        List.of(1L, 2L, 3L, 4L, 5L, 6L),
        more.seedsOf(List.of(1L, 2L, 3L, 4L, 5L, 6L)),
        "never fewer than the run's");
    InvalidSettingException epochs =
        assertThrows(
            InvalidSettingException.class,
            () -> new RnnGradientsSettings.Clipping(3.0, 0.1, 1.0, 40, 0));
    assertEquals("epochs", epochs.field());
  }

  @Test
  void dataSeedsDifferByLengthAndPurpose() {
    assertEquals(
        RnnGradientsExperiment.dataSeed(1, 10, 0), RnnGradientsExperiment.dataSeed(1, 10, 0));
    List<Long> seeds =
        List.of(
            RnnGradientsExperiment.dataSeed(1, 10, 0),
            RnnGradientsExperiment.dataSeed(1, 10, 1),
            RnnGradientsExperiment.dataSeed(1, 20, 0),
            RnnGradientsExperiment.dataSeed(2, 10, 0));
    assertEquals(seeds.size(), seeds.stream().distinct().count());
  }
}
