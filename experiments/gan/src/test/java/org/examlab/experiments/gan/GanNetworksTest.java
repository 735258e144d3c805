package org.examlab.experiments.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.examlab.datasets.points.RingOfGaussians;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class GanNetworksTest {
  private static final GanSettings.Networks SIZES = new GanSettings.Networks(3, 16, 0.7);
  @TempDir Path tmp;

  private static GanNetworks nets(GanSettings.GeneratorLoss loss) {
    return new GanNetworks(
        SIZES,
        new GanSettings.Variant("v", 1, loss, false, 0, null, null),
        1L,
        new Adam(0.01),
        2,
        org.nd4j.linalg.activations.Activation.IDENTITY);
  }

  private static DataSet generatorBatch() {
    Nd4j.getRandom().setSeed(5);
    return new DataSet(Nd4j.randn(DataType.FLOAT, 32, 3), Nd4j.ones(DataType.FLOAT, 32, 1));
  }

  @Test
  void aGeneratorStepChangesTheGeneratorButNotTheFrozenDiscriminator() {
    for (GanSettings.GeneratorLoss loss : GanSettings.GeneratorLoss.values()) {
      GanNetworks nets = nets(loss);
      nets.syncDiscriminatorIntoStacked();
      INDArray frozenBefore =
          Nd4j.concat(
              1,
              nets.stacked.getLayer(3).params().reshape(1, -1).dup(),
              nets.stacked.getLayer(5).params().reshape(1, -1).dup());
      INDArray generatorBefore = nets.generatorParams().dup();
      nets.stacked.fit(generatorBatch());
      INDArray frozenAfter =
          Nd4j.concat(
              1,
              nets.stacked.getLayer(3).params().reshape(1, -1),
              nets.stacked.getLayer(5).params().reshape(1, -1));
      assertEquals(
          frozenBefore,
          frozenAfter,
          loss + ": the discriminator must not move in a generator step");
      assertNotEquals(generatorBefore, nets.generatorParams(), loss + ": the generator must move");
      // ... and the stacked copy still equals the real discriminator.
      assertEquals(nets.discriminator.getLayer(0).params(), nets.stacked.getLayer(3).params());
    }
  }

  @Test
  void theSavedGeneratorSamplesOnItsOwn() throws Exception {
    GanNetworks nets = nets(GanSettings.GeneratorLoss.NON_SATURATING);
    nets.syncDiscriminatorIntoStacked();
    nets.stacked.fit(generatorBatch());
    File file = tmp.resolve("generator.zip").toFile();
    ModelSerializer.writeModel(nets.extractGenerator(), file, false);
    MultiLayerNetwork generator = ModelSerializer.restoreMultiLayerNetwork(file, false);
    assertEquals(
        GanNetworks.GENERATOR_LAYERS,
        generator.getnLayers(),
        "no discriminator layer in the saved model");
    INDArray z = Nd4j.randn(DataType.FLOAT, 10, 3);
    INDArray samples = generator.output(z);
    assertEquals(2, samples.size(1));
    assertTrue(samples.sub(nets.generate(z)).amaxNumber().doubleValue() < 1e-5);
  }

  @Test
  void saturatingLossGradientVanishesWhenTheDiscriminatorRejectsTheFakes_nonSaturatingDoesNot() {
    var sigmoid = new org.nd4j.linalg.activations.impl.ActivationSigmoid();
    INDArray rejected =
        Nd4j.createFromArray(new float[][] {{-7f}}); // D(G(z)) = sigmoid(-7) ~ 0.0009
    INDArray real = Nd4j.ones(DataType.FLOAT, 1, 1);
    double saturating =
        new SaturatingGeneratorLoss().computeGradient(real, rejected, sigmoid, null).getDouble(0);
    double nonSaturating =
        new org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT()
            .computeGradient(real, rejected, sigmoid, null)
            .getDouble(0);
    // d/dz log(1 - sigmoid(z)) = -sigmoid(z): vanishes; d/dz -log sigmoid(z) = -(1 - sigmoid(z)):
    // about -1.
    assertEquals(-1 / (1 + Math.exp(7)), saturating, 1e-5);
    assertEquals(-1.0, nonSaturating, 1e-2);
    var identity = new org.nd4j.linalg.activations.impl.ActivationIdentity();
    assertEquals(
        Math.log(0.5),
        new SaturatingGeneratorLoss()
            .computeScore(null, Nd4j.createFromArray(new float[][] {{0.5f}}), identity, null, true),
        1e-5);
  }

  @Test
  void mmdIsSmallForTheSameDistributionAndLargeForAnother() {
    RingOfGaussians ring = new RingOfGaussians(8, 2.0, 0.1);
    double same = Mmd.rbf(ring.sample(400, 1L), ring.sample(400, 2L), 0.5);
    double other = Mmd.rbf(ring.sample(400, 1L), Nd4j.zeros(DataType.FLOAT, 400, 2), 0.5);
    assertTrue(same < 0.02, "same distribution: " + same);
    assertTrue(other > 10 * same, "a collapsed generator: " + other);
    assertEquals(
        0.0,
        Mmd.meanPairwiseDistance(Nd4j.ones(DataType.FLOAT, 5, 3)),
        1e-9,
        "identical rows: collapse");
    assertEquals(
        5.0, Mmd.meanPairwiseDistance(Nd4j.createFromArray(new float[][] {{0, 0}, {3, 4}})), 1e-6);
  }
}
