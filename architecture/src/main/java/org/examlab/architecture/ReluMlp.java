package org.examlab.architecture;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The 2-class ReLU MLP that the optimization and regularization experiments train: {@code
 * hiddenLayers} ReLU layers of {@code width} units (with dropout when {@code retain < 1}) and a
 * softmax output, on top of a configuration that carries each experiment's own seed, updater,
 * initialisation and penalty.
 */
public final class ReluMlp {
  private ReluMlp() {}

  /**
   * @param retain dropout's probability of keeping a hidden unit, 1 for no dropout
   */
  public static MultiLayerNetwork build(
      NeuralNetConfiguration.Builder base,
      int features,
      int hiddenLayers,
      int width,
      double retain) {
    return build(base, features, hiddenLayers, width, retain, false);
  }

  /**
   * @param batchNorm batch normalization in every hidden layer, between the affine map and the ReLU
   *     (Ioffe and Szegedy's placement): dense (identity), batch norm, ReLU
   */
  public static MultiLayerNetwork build(
      NeuralNetConfiguration.Builder base,
      int features,
      int hiddenLayers,
      int width,
      double retain,
      boolean batchNorm) {
    NeuralNetConfiguration.ListBuilder list = base.list();
    int nIn = features;
    for (int i = 0; i < hiddenLayers; i++) {
      DenseLayer.Builder layer =
          new DenseLayer.Builder()
              .nIn(nIn)
              .nOut(width)
              .activation(batchNorm ? Activation.IDENTITY : Activation.RELU);
      if (retain < 1.0) {
        layer.dropOut(retain);
      }
      list.layer(layer.build());
      if (batchNorm) {
        list.layer(new BatchNormalization.Builder().nOut(width).build());
        list.layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
      }
      nIn = width;
    }
    list.layer(
        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nIn(nIn)
            .nOut(2)
            .activation(Activation.SOFTMAX)
            .build());
    MultiLayerNetwork net = new MultiLayerNetwork(list.build());
    net.init();
    return net;
  }
}
