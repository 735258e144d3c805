package org.examlab.experiments.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.harness.validation.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class MmdLossTest {
  private static final MmdLoss LOSS = new MmdLoss(List.of(0.3, 1.0));

  @Test
  void theGradientIsTheFiniteDifferenceOfMmdSquared() {
    Nd4j.getRandom().setSeed(3);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 6, 2);
    INDArray y = Nd4j.randn(DataType.DOUBLE, 6, 2).addi(0.5);
    INDArray analytic = LOSS.gradient(x, y);
    double h = 1e-6;
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 2; j++) {
        INDArray up = x.dup();
        up.putScalar(i, j, x.getDouble(i, j) + h);
        INDArray down = x.dup();
        down.putScalar(i, j, x.getDouble(i, j) - h);
        double numeric = (LOSS.mmd2(up, y) - LOSS.mmd2(down, y)) / (2 * h);
        assertEquals(numeric, analytic.getDouble(i, j), 1e-7, "dMMD^2/dx[" + i + "," + j + "]");
      }
    }
  }

  @Test
  void theLossLayerGradientIsScaledForDl4jsMinibatchAverage() {
    Nd4j.getRandom().setSeed(4);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 5, 2);
    INDArray y = Nd4j.randn(DataType.DOUBLE, 5, 2);
    INDArray layerGradient = LOSS.computeGradient(y, x, new ActivationIdentity(), null);
    assertEquals(
        0.0, layerGradient.div(5).sub(LOSS.gradient(x, y)).amaxNumber().doubleValue(), 1e-12);
    assertEquals(
        LOSS.mmd2(x, y), LOSS.computeScore(y, x, new ActivationIdentity(), null, true), 1e-15);
  }

  @Test
  void mmdIsZeroBetweenASetAndItselfAndPositiveOtherwise() {
    INDArray x = Nd4j.createFromArray(new double[][] {{0, 0}, {1, 0}, {0, 2}});
    assertEquals(0.0, LOSS.mmd2(x, x), 1e-12);
    // by hand, one bandwidth s = 1, points 0 and 1 on a line: k(0,1) = exp(-1/2)
    MmdLoss one = new MmdLoss(List.of(1.0));
    INDArray a = Nd4j.createFromArray(new double[][] {{0}});
    INDArray b = Nd4j.createFromArray(new double[][] {{1}});
    assertEquals(2 - 2 * Math.exp(-0.5), one.mmd2(a, b), 1e-12);
    assertTrue(LOSS.mmd2(x, x.add(1)) > 0);
  }

  @Test
  void aGeneratorWithTheLossSurvivesDl4jsJsonAndTrainsTowardsTheData() {
    GanSettings.Networks sizes = new GanSettings.Networks(2, 16, 1.0);
    GanSettings.Variant mmd =
        new GanSettings.Variant(
            "mmd", null, null, null, null, GanSettings.Objective.MMD, List.of(0.5, 2.0));
    GanNetworks nets =
        new GanNetworks(
            sizes, mmd, 1, new Adam(0.01), 2, org.nd4j.linalg.activations.Activation.IDENTITY);
    MultiLayerConfiguration conf = nets.stacked.getLayerWiseConfigurations();
    MultiLayerConfiguration read = MultiLayerConfiguration.fromJson(conf.toJson());
    MmdLoss readLoss =
        (MmdLoss)
            ((org.deeplearning4j.nn.conf.layers.LossLayer)
                    read.getConf(GanNetworks.GENERATOR_LAYERS).getLayer())
                .getLossFn();
    assertEquals(
        List.of(0.5, 2.0), java.util.Arrays.stream(readLoss.getBandwidths()).boxed().toList());
    MultiLayerNetwork copy = new MultiLayerNetwork(read);
    copy.init();
    assertEquals(nets.stacked.numParams(), copy.numParams());
    Nd4j.getRandom().setSeed(5);
    INDArray real = Nd4j.randn(DataType.FLOAT, 64, 2).muli(0.1).addi(3.0);
    INDArray z = Nd4j.randn(DataType.FLOAT, 64, 2);
    double before = LOSS.mmd2(nets.generate(z), real);
    for (int i = 0; i < 200; i++) {
      nets.stacked.fit(new org.nd4j.linalg.dataset.DataSet(z, real));
    }
    double after = LOSS.mmd2(nets.generate(z), real);
    assertTrue(after < before / 10, "MMD^2 " + before + " -> " + after);
  }

  @Test
  void anMmdGeneratorTakesNoDiscriminatorSetting() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () ->
                new GanSettings.Variant(
                    "mmd", 1, null, null, null, GanSettings.Objective.MMD, List.of(1.0)));
    assertEquals("objective", e.field());
    assertThrows(
        InvalidSettingException.class,
        () -> new GanSettings.Variant("k1", 1, null, null, null, null, List.of(1.0)));
  }
}
