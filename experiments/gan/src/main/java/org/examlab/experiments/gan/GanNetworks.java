package org.examlab.experiments.gan;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

/**
 * The three networks of GAN training in DL4J M2.1. The discriminator D (data -> hidden -> hidden ->
 * 1, sigmoid) trains on real and generated points. The stacked network S is the generator's layers
 * followed by D's layers wrapped in {@code FrozenLayerWithBackprop}: a generator step fits S, so
 * gradients flow back through D into the generator while D's weights stay put. Before each
 * generator step D's current weights are copied into S. The generator alone, G = S's first {@link
 * #GENERATOR_LAYERS} layers, is extracted only to save and sample. For a non-adversarial variant
 * (objective mmd) S is the generator's layers and the MMD loss, and D is not trained.
 */
final class GanNetworks {
  static final int GENERATOR_LAYERS = 3;
  static final int DISCRIMINATOR_LAYERS = 3;

  final MultiLayerNetwork discriminator;
  final MultiLayerNetwork stacked;
  private final GanSettings.Networks sizes;
  private final long seed;
  private final int dataDim;
  private final Activation output;
  private final double retain;

  /**
   * @param dataDim size of one data point (2 for the ring, pixels for images)
   * @param output the generator's output activation (identity for points, sigmoid for [0, 1]
   *     pixels)
   */
  GanNetworks(
      GanSettings.Networks sizes,
      GanSettings.Variant variant,
      long seed,
      IUpdater updater,
      int dataDim,
      Activation output) {
    this.sizes = sizes;
    this.seed = seed;
    this.dataDim = dataDim;
    this.output = output;
    double retain = variant.dropout() ? sizes.dropoutRetain() : 1.0;
    List<Layer> d = discriminatorLayers(dataDim, sizes.hidden(), retain);
    discriminator =
        build(
            seed,
            updater,
            concat(
                d,
                List.of(
                    new LossLayer.Builder(LossFunctions.LossFunction.XENT)
                        .activation(Activation.IDENTITY)
                        .build())));
    this.retain = retain;
    stacked =
        variant.adversarial()
            ? buildStacked(variant.generatorLoss(), updater)
            : build(
                seed,
                updater,
                concat(
                    generatorLayers(sizes, dataDim, output),
                    List.of(
                        new LossLayer.Builder()
                            .lossFunction(new MmdLoss(variant.bandwidths()))
                            .activation(Activation.IDENTITY)
                            .build())));
  }

  /** Generator layers, then D's layers frozen, then the generator loss. */
  private MultiLayerNetwork buildStacked(GanSettings.GeneratorLoss loss, IUpdater updater) {
    ILossFunction generatorLoss =
        loss == GanSettings.GeneratorLoss.SATURATING
            ? new SaturatingGeneratorLoss()
            : new LossBinaryXENT();
    List<Layer> frozen =
        discriminatorLayers(dataDim, sizes.hidden(), retain).stream()
            .map(l -> (Layer) new FrozenLayerWithBackprop(l))
            .toList();
    return build(
        seed,
        updater,
        concat(
            concat(generatorLayers(sizes, dataDim, output), frozen),
            List.of(
                new LossLayer.Builder()
                    .lossFunction(generatorLoss)
                    .activation(Activation.IDENTITY)
                    .build())));
  }

  /**
   * A copy of the stacked network, current weights included, whose generator loss is {@code loss}:
   * to compare the generator's gradient under both losses at the same point (004-GAN/objective).
   */
  MultiLayerNetwork stackedWithLoss(GanSettings.GeneratorLoss loss) {
    MultiLayerNetwork copy = buildStacked(loss, new org.nd4j.linalg.learning.config.Sgd(0.0));
    copy.setParams(stacked.params());
    return copy;
  }

  /** Copies the discriminator's current weights into the stacked network's frozen copy. */
  void syncDiscriminatorIntoStacked() {
    for (int i = 0; i < DISCRIMINATOR_LAYERS; i++) {
      stacked.getLayer(GENERATOR_LAYERS + i).params().assign(discriminator.getLayer(i).params());
    }
  }

  /** G(z), computed by the generator part of the stacked network. */
  INDArray generate(INDArray z) {
    return stacked
        .feedForwardToLayer(GENERATOR_LAYERS - 1, z, false)
        .get(GENERATOR_LAYERS)
        .detach();
  }

  /**
   * A standalone generator with the current generator weights: all sampling needs after training.
   */
  MultiLayerNetwork extractGenerator() {
    MultiLayerNetwork generator =
        build(
            seed,
            new org.nd4j.linalg.learning.config.Sgd(0.0),
            generatorLayers(sizes, dataDim, output));
    for (int i = 0; i < GENERATOR_LAYERS; i++) {
      generator.getLayer(i).params().assign(stacked.getLayer(i).params());
    }
    return generator;
  }

  /** The stacked network's generator parameters, flattened (a view). */
  INDArray generatorParams() {
    List<INDArray> parts = new ArrayList<>();
    for (int i = 0; i < GENERATOR_LAYERS; i++) {
      parts.add(stacked.getLayer(i).params());
    }
    return org.nd4j.linalg.factory.Nd4j.concat(
        1, parts.stream().map(p -> p.reshape(1, -1)).toArray(INDArray[]::new));
  }

  static List<Layer> generatorLayers(GanSettings.Networks sizes, int dataDim, Activation output) {
    return List.of(
        new DenseLayer.Builder()
            .nIn(sizes.latent())
            .nOut(sizes.hidden())
            .activation(Activation.RELU)
            .build(),
        new DenseLayer.Builder()
            .nIn(sizes.hidden())
            .nOut(sizes.hidden())
            .activation(Activation.RELU)
            .build(),
        new DenseLayer.Builder().nIn(sizes.hidden()).nOut(dataDim).activation(output).build());
  }

  static List<Layer> discriminatorLayers(int dataDim, int hidden, double retain) {
    DenseLayer.Builder first =
        new DenseLayer.Builder().nIn(dataDim).nOut(hidden).activation(Activation.LEAKYRELU);
    DenseLayer.Builder second =
        new DenseLayer.Builder().nIn(hidden).nOut(hidden).activation(Activation.LEAKYRELU);
    if (retain < 1.0) {
      first.dropOut(retain);
      second.dropOut(retain);
    }
    return List.of(
        first.build(),
        second.build(),
        new DenseLayer.Builder().nIn(hidden).nOut(1).activation(Activation.SIGMOID).build());
  }

  private static MultiLayerNetwork build(long seed, IUpdater updater, List<Layer> layers) {
    NeuralNetConfiguration.ListBuilder list =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .updater(updater)
            .weightInit(WeightInit.XAVIER)
            .list();
    layers.forEach(list::layer);
    MultiLayerNetwork net = new MultiLayerNetwork(list.build());
    net.init();
    return net;
  }

  private static <T> List<T> concat(List<? extends T> a, List<? extends T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
