package org.examlab.experiments.regularization;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The network every regularization strategy trains: {@code hiddenLayers} ReLU layers of
 * {@code width} units and a 2-class softmax. Public so the PyTorch side-by-side benchmark times
 * this very builder, not a copy of it.
 */
public final class MlpClassifier {
  private MlpClassifier() {}

  /**
   * @param l2 L2 penalty on the weights, 0 for none
   * @param retain dropout's probability of keeping a hidden unit, 1 for no dropout
   */
  public static MultiLayerNetwork build(int features, int hiddenLayers, int width, long seed, IUpdater updater,
      double l2, double retain) {
    NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(updater)
        .weightInit(WeightInit.RELU)
        .l2(l2)
        .list();
    int nIn = features;
    for (int i = 0; i < hiddenLayers; i++) {
      DenseLayer.Builder layer = new DenseLayer.Builder().nIn(nIn).nOut(width).activation(Activation.RELU);
      if (retain < 1.0) {
        layer.dropOut(retain);
      }
      list.layer(layer.build());
      nIn = width;
    }
    list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(nIn).nOut(2).activation(Activation.SOFTMAX).build());
    MultiLayerNetwork net = new MultiLayerNetwork(list.build());
    net.init();
    return net;
  }
}
