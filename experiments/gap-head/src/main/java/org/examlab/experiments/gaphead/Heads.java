package org.examlab.experiments.gaphead;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * One conv trunk (3x3 ReLU conv, 2x2 max pool, 3x3 ReLU conv; "same" padding) under two heads:
 * {@link Head#GAP}, the map's channels averaged over every position then a softmax layer, and
 * {@link Head#FC}, the map flattened into a ReLU layer of {@code fcHidden} units then the softmax
 * layer. Layers 0-2 are the trunk; the head starts at layer 3.
 */
final class Heads {
  static final int CLASSES = org.examlab.datasets.images.RenderedDigits.CLASSES;
  static final int FIRST_HEAD_LAYER = 3;

  enum Head {
    GAP,
    FC;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private Heads() {}

  static MultiLayerNetwork build(Head head, GapHeadSettings settings, long seed, IUpdater updater) {
    GapHeadSettings.Trunk t = settings.trunk();
    NeuralNetConfiguration.ListBuilder layers =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .updater(updater)
            .weightInit(WeightInit.RELU)
            .convolutionMode(ConvolutionMode.Same)
            .list()
            .layer(
                new ConvolutionLayer.Builder(3, 3)
                    .nOut(t.channels1())
                    .activation(Activation.RELU)
                    .build())
            .layer(
                new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
            .layer(
                new ConvolutionLayer.Builder(3, 3)
                    .nOut(t.channels2())
                    .activation(Activation.RELU)
                    .build());
    if (head == Head.GAP) {
      layers.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
    } else {
      layers.layer(
          new DenseLayer.Builder().nOut(settings.fcHidden()).activation(Activation.RELU).build());
    }
    layers.layer(
        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nOut(CLASSES)
            .activation(Activation.SOFTMAX)
            .weightInit(WeightInit.XAVIER)
            .build());
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            layers
                .setInputType(
                    InputType.convolutionalFlat(settings.data().size(), settings.data().size(), 1))
                .build());
    net.init();
    return net;
  }

  /** The parameters of the head's layers alone (the trunk's are the same for both). */
  static long headParameters(MultiLayerNetwork net) {
    long n = 0;
    for (int i = FIRST_HEAD_LAYER; i < net.getnLayers(); i++) {
      n += net.getLayer(i).numParams();
    }
    return n;
  }
}
