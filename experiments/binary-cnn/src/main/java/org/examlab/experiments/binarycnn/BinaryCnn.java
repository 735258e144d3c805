package org.examlab.experiments.binarycnn;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.examlab.harness.settings.TrainingSettings;
import org.nd4j.linalg.activations.Activation;

/**
 * The small CNN that reads a number: {@code blocks} x (3x3 convolution, batch normalization if
 * asked, ReLU, 2x2 max-pool), the filters doubling per block, then a dense ReLU layer and the
 * {@link Head}. Batch normalization (per variant: claim 000-9a compares with and without it, as it
 * cancels the input scale the claim is about) shortens the plateau before the network starts to
 * read the digits, which otherwise varies a lot from seed to seed. NCHW, as DataVec's loader
 * delivers images, and ConvolutionMode.Same so any input size works.
 */
final class BinaryCnn {
  private BinaryCnn() {}

  static MultiLayerNetwork build(
      BinaryCnnSettings settings,
      Head head,
      boolean batchNorm,
      TrainingSettings training,
      long seed) {
    BinaryCnnSettings.Network n = settings.network();
    BinaryCnnSettings.Data d = settings.data();
    NeuralNetConfiguration.ListBuilder list =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .updater(training.newUpdater())
            .weightInit(WeightInit.RELU)
            .l2(training.l2())
            .convolutionMode(ConvolutionMode.Same)
            .list();
    for (int b = 0; b < n.blocks(); b++) {
      if (batchNorm) {
        list.layer(
            new ConvolutionLayer.Builder(3, 3)
                .nOut((long) n.channels() << b)
                .activation(Activation.IDENTITY)
                .build());
        list.layer(new BatchNormalization.Builder().activation(Activation.RELU).build());
      } else {
        list.layer(
            new ConvolutionLayer.Builder(3, 3)
                .nOut((long) n.channels() << b)
                .activation(Activation.RELU)
                .build());
      }
      list.layer(
          new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
    }
    list.layer(new DenseLayer.Builder().nOut(n.dense()).activation(Activation.RELU).build());
    list.layer(head.outputLayer(n.dense(), d.bits()));
    list.setInputType(InputType.convolutional(d.height(), d.width(), 1));
    MultiLayerNetwork net = new MultiLayerNetwork(list.build());
    net.init();
    return net;
  }
}
