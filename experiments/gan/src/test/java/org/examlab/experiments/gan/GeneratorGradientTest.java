package org.examlab.experiments.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class GeneratorGradientTest {
  private static final GanSettings.Networks SIZES = new GanSettings.Networks(3, 16, 0.7);

  private static GanNetworks nets() {
    GanNetworks nets =
        new GanNetworks(
            SIZES,
            new GanSettings.Variant("v", 1, null, false, 0, null, null),
            1L,
            new Adam(0.01),
            2,
            Activation.IDENTITY);
    nets.syncDiscriminatorIntoStacked();
    return nets;
  }

  private static DataSet batch(int n, long seed) {
    Nd4j.getRandom().setSeed(seed);
    return new DataSet(Nd4j.randn(DataType.FLOAT, n, 3), Nd4j.ones(DataType.FLOAT, n, 1));
  }

  @Test
  void forOneSampleTheTwoLossesDifferByTheFactorDOverOneMinusD() {
    // d/dtheta log(1 - D) = -D'/(1 - D) and d/dtheta -log D = -D'/D: parallel, ratio D / (1 - D).
    GanNetworks nets = nets();
    DataSet one = batch(1, 3);
    double d = nets.discriminator.output(nets.generate(one.getFeatures()), false).getDouble(0);
    INDArray saturating =
        GeneratorGradient.of(nets.stackedWithLoss(GanSettings.GeneratorLoss.SATURATING), one);
    INDArray nonSaturating =
        GeneratorGradient.of(nets.stackedWithLoss(GanSettings.GeneratorLoss.NON_SATURATING), one);
    assertEquals(1.0, GeneratorGradient.cosine(saturating, nonSaturating), 1e-4);
    assertEquals(
        d / (1 - d),
        GeneratorGradient.norm(saturating) / GeneratorGradient.norm(nonSaturating),
        1e-3 * d / (1 - d));
  }

  @Test
  void onABatchWithUnequalScoresTheDirectionsDiffer() {
    GanNetworks nets = nets();
    // Push D far from 0.5 so that the weights D/(1 - D) differ between samples.
    nets.discriminator.getLayer(0).params().muli(8);
    nets.syncDiscriminatorIntoStacked();
    DataSet many = batch(64, 4);
    double cosine =
        GeneratorGradient.cosine(
            GeneratorGradient.of(nets.stackedWithLoss(GanSettings.GeneratorLoss.SATURATING), many),
            GeneratorGradient.of(
                nets.stackedWithLoss(GanSettings.GeneratorLoss.NON_SATURATING), many));
    assertTrue(cosine < 0.999, "cosine " + cosine);
  }

  @Test
  void theGradientIsTheRawOneNotTheUpdate() {
    // An Adam update has about the learning rate's size per parameter; the raw gradient scales
    // with the loss: scaling D's output layer by 0 (D = 0.5 everywhere, no slope) zeroes it.
    GanNetworks nets = nets();
    nets.discriminator.getLayer(2).params().assign(0);
    nets.syncDiscriminatorIntoStacked();
    assertEquals(
        0.0, GeneratorGradient.norm(GeneratorGradient.of(nets.stacked, batch(16, 5))), 1e-12);
  }

  @Test
  void pretrainingStopsWhenTheLossStopsFalling() {
    List<Double> falling = new ArrayList<>();
    for (int i = 0; i < 2 * GanExperiment.PRETRAIN_WINDOW; i++) {
      falling.add(1.0 - 0.002 * i); // 0.1 nats per window: still falling
    }
    assertFalse(GanExperiment.plateaued(falling));
    List<Double> flat =
        new ArrayList<>(Collections.nCopies(2 * GanExperiment.PRETRAIN_WINDOW, 0.05));
    assertTrue(GanExperiment.plateaued(flat));
    assertFalse(
        GanExperiment.plateaued(flat.subList(0, GanExperiment.PRETRAIN_WINDOW)),
        "one window is too few to judge");
  }
}
