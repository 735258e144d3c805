package org.examlab.experiments.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.examlab.harness.validation.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class AutoencoderSettingsTest {
  private static final AutoencoderSettings.Data DATA =
      new AutoencoderSettings.Data(16, 100, 20, 50, 20);
  private static final AutoencoderSettings.Bottleneck SIZES =
      new AutoencoderSettings.Bottleneck(List.of(32, 2, 8), 16, 8, 1, 8);

  private static AutoencoderSettings with(
      AutoencoderSettings.Data data, int samplingLatent, List<Integer> labels) {
    return new AutoencoderSettings(
        data,
        SIZES,
        new AutoencoderSettings.Conv(List.of(4, 8), 8),
        new AutoencoderSettings.Denoising(0.2),
        new AutoencoderSettings.Sampling(samplingLatent, 10),
        new AutoencoderSettings.Segmentation(labels, 10, null),
        new AutoencoderSettings.Sparse(1024, List.of(0.0, 1e-4), 1.25, 0.2, 1, 8));
  }

  @Test
  void validSettingsAreSortedAndInconsistentOnesNameTheirField() {
    AutoencoderSettings ok = with(DATA, 8, List.of(50, 10));
    assertEquals(List.of(2, 8, 32), ok.bottleneck().sizes());
    assertEquals(List.of(10, 50), ok.segmentation().labels());

    InvalidSettingException e =
        assertThrows(InvalidSettingException.class, () -> with(DATA, 4, List.of(10)));
    assertEquals("sampling.latent", e.field(), e.getMessage());
    e = assertThrows(InvalidSettingException.class, () -> with(DATA, 8, List.of(51)));
    assertEquals("segmentation.labels", e.field(), e.getMessage());
    e =
        assertThrows(
            InvalidSettingException.class,
            () -> with(new AutoencoderSettings.Data(18, 100, 20, 50, 20), 8, List.of(10)));
    assertEquals("data.side", e.field(), e.getMessage());
  }

  @Test
  void noiseIsClippedToThePixelRangeAndImageDistancesReadInPixels() {
    var images = Nd4j.rand(DataType.FLOAT, 4, 3, 4, 4);
    var noisy = AutoencoderExperiment.addNoise(images, 0.5, 1);
    assertTrue(noisy.minNumber().doubleValue() >= 0 && noisy.maxNumber().doubleValue() <= 1);
    var rows = CoinData.rows(images);
    assertEquals(0.0, ImageDistances.meanNearestDistance(rows, rows), 1e-3);
    assertEquals(
        0.5,
        ImageDistances.meanPairwiseDistance(
            Nd4j.vstack(Nd4j.zeros(1, 48), Nd4j.ones(1, 48).muli(0.5))),
        1e-6);
  }

  @Test
  void aDenseTaskNamesTheRolesOfItsSizeSoAClaimWaitsOnlyForTheNetworksItReads() {
    // SIZES: 2, 8, 32 with 8 adequate; the sampling latent is 8 here, 32 in the second case
    assertEquals("dense-z2/smallest", AutoencoderExperiment.denseTask(SIZES, 2, 8));
    assertEquals("dense-z8/adequate/sampling", AutoencoderExperiment.denseTask(SIZES, 8, 8));
    assertEquals("dense-z32/largest/sampling", AutoencoderExperiment.denseTask(SIZES, 32, 32));
    assertEquals("dense-z8/adequate", AutoencoderExperiment.denseTask(SIZES, 8, 32));
  }

  @Test
  void segmentationTrainsItsStepsAndAtLeastItsMinimumEpochs() {
    AutoencoderSettings.Segmentation seg =
        new AutoencoderSettings.Segmentation(List.of(10, 400), 120, 100);
    assertEquals(120, seg.epochs(10, 32)); // one batch per epoch: 120 steps
    assertEquals(
        100, seg.epochs(400, 32)); // 13 batches: 10 epochs would do 120 steps, the floor is 100
    assertEquals(10, new AutoencoderSettings.Segmentation(List.of(400), 120, null).epochs(400, 32));
  }
}
