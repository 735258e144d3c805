package org.examlab.experiments.autoencoder;

import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The networks of the experiment. The convolutional autoencoder and the segmentation network share
 * their first layers (conv, pool, conv, pool) at the same indices, so the encoder's parameters can
 * be copied layer by layer from one into the other.
 */
final class CoinNetworks {
  /**
   * Layers holding the encoder's parameters, identical in the conv autoencoder and the segmentation
   * network.
   */
  static final List<Integer> ENCODER_LAYERS = List.of(0, 2);

  /** The last encoder layer: everything up to it is frozen when the encoder is not fine-tuned. */
  static final int LAST_ENCODER_LAYER = 3;

  private CoinNetworks() {}

  /**
   * Dense autoencoder trained with the L2 loss: pixels, hidden, bottleneck (linear), hidden, pixels
   * (sigmoid). The hidden layers are at least as wide as the bottleneck.
   */
  static MultiLayerNetwork dense(
      int pixels, int hidden, int bottleneck, long seed, IUpdater updater) {
    int width = Math.max(hidden, bottleneck);
    MultiLayerConfiguration conf =
        base(seed, updater)
            .list()
            .layer(
                new DenseLayer.Builder()
                    .nIn(pixels)
                    .nOut(width)
                    .activation(Activation.RELU)
                    .build())
            .layer(
                new DenseLayer.Builder().nOut(bottleneck).activation(Activation.IDENTITY).build())
            .layer(new DenseLayer.Builder().nOut(width).activation(Activation.RELU).build())
            .layer(
                new OutputLayer.Builder(LossFunction.MSE)
                    .nOut(pixels)
                    .activation(Activation.SIGMOID)
                    .build())
            .build();
    return init(conf);
  }

  /** The dense autoencoder's bottleneck layer: the latent code is its activation. */
  static final int DENSE_BOTTLENECK = 1;

  /**
   * Convolutional autoencoder: two conv + max-pool stages, a dense bottleneck of {@code latent},
   * then dense, two upsampling + conv stages back to RGB (sigmoid), L2 loss per pixel.
   */
  static MultiLayerNetwork convAutoencoder(
      int side, List<Integer> channels, int latent, long seed, IUpdater updater) {
    int quarter = side / 4;
    int c1 = channels.get(0);
    int c2 = channels.get(1);
    NeuralNetConfiguration.ListBuilder list =
        encoder(base(seed, updater).list(), c1, c2)
            .layer(new DenseLayer.Builder().nOut(latent).activation(Activation.IDENTITY).build())
            .layer(
                new DenseLayer.Builder()
                    .nOut(c2 * quarter * quarter)
                    .activation(Activation.RELU)
                    .build())
            .layer(new Upsampling2D.Builder(2).build())
            .inputPreProcessor(6, new FeedForwardToCnnPreProcessor(quarter, quarter, c2));
    return init(
        decoder(list, c1, 3)
            .layer(
                new CnnLossLayer.Builder(LossFunction.MSE).activation(Activation.SIGMOID).build())
            .setInputType(InputType.convolutional(side, side, 3))
            .build());
  }

  /**
   * Segmentation network: the same encoder, then upsampling + conv back to full size and a
   * per-pixel softmax over background / coin (cross-entropy per pixel).
   */
  static MultiLayerNetwork segmentation(
      int side, List<Integer> channels, long seed, IUpdater updater) {
    NeuralNetConfiguration.ListBuilder list =
        encoder(base(seed, updater).list(), channels.get(0), channels.get(1))
            .layer(new Upsampling2D.Builder(2).build());
    return init(
        decoder(list, channels.get(0), 2)
            .layer(
                new CnnLossLayer.Builder(LossFunction.MCXENT)
                    .activation(Activation.SOFTMAX)
                    .build())
            .setInputType(InputType.convolutional(side, side, 3))
            .build());
  }

  /**
   * Copies the encoder's parameters from the trained autoencoder into {@code segmentation}; with
   * {@code freeze} the encoder layers are then frozen (DL4J's TransferLearning feature extractor)
   * and only the decoder trains.
   */
  static MultiLayerNetwork transferEncoder(
      MultiLayerNetwork autoencoder, MultiLayerNetwork segmentation, boolean freeze) {
    for (int layer : ENCODER_LAYERS) {
      autoencoder
          .getLayer(layer)
          .paramTable()
          .forEach((name, value) -> segmentation.setParam(layer + "_" + name, value.dup()));
    }
    return freeze
        ? new TransferLearning.Builder(segmentation).setFeatureExtractor(LAST_ENCODER_LAYER).build()
        : segmentation;
  }

  /** A VAE on flattened pixels: Gaussian latent of {@code latent}, Bernoulli (sigmoid) pixels. */
  static MultiLayerNetwork variational(
      int pixels, int hidden, int latent, long seed, IUpdater updater) {
    MultiLayerConfiguration conf =
        base(seed, updater)
            .list()
            .layer(
                new VariationalAutoencoder.Builder()
                    .nIn(pixels)
                    .nOut(latent)
                    .encoderLayerSizes(hidden)
                    .decoderLayerSizes(hidden)
                    .activation(Activation.RELU)
                    .pzxActivationFunction(Activation.IDENTITY)
                    .reconstructionDistribution(
                        new BernoulliReconstructionDistribution(Activation.SIGMOID))
                    .build())
            .build();
    return init(conf);
  }

  private static NeuralNetConfiguration.Builder base(long seed, IUpdater updater) {
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(updater)
        .weightInit(WeightInit.RELU)
        .convolutionMode(ConvolutionMode.Same);
  }

  private static NeuralNetConfiguration.ListBuilder encoder(
      NeuralNetConfiguration.ListBuilder list, int c1, int c2) {
    return list.layer(
            new ConvolutionLayer.Builder(3, 3).nOut(c1).activation(Activation.RELU).build())
        .layer(
            new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                .kernelSize(2, 2)
                .stride(2, 2)
                .build())
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(c2).activation(Activation.RELU).build())
        .layer(
            new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                .kernelSize(2, 2)
                .stride(2, 2)
                .build());
  }

  /**
   * From a quarter-size map (the first upsampling already added): conv, upsample, conv to {@code
   * outputs} channels.
   */
  private static NeuralNetConfiguration.ListBuilder decoder(
      NeuralNetConfiguration.ListBuilder list, int c1, int outputs) {
    return list.layer(
            new ConvolutionLayer.Builder(3, 3).nOut(c1).activation(Activation.RELU).build())
        .layer(new Upsampling2D.Builder(2).build())
        .layer(
            new ConvolutionLayer.Builder(3, 3)
                .nOut(outputs)
                .activation(Activation.IDENTITY)
                .build());
  }

  private static MultiLayerNetwork init(MultiLayerConfiguration conf) {
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }
}
