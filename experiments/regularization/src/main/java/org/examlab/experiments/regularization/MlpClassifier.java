package org.examlab.experiments.regularization;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.examlab.architecture.ReluMlp;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The network every regularization strategy trains: {@code hiddenLayers} ReLU layers of {@code
 * width} units and a 2-class softmax. Public so the PyTorch side-by-side benchmark times this very
 * builder, not a copy of it.
 */
public final class MlpClassifier {
  private MlpClassifier() {}

  /**
   * @param l2 L2 penalty on the weights, 0 for none
   * @param retain dropout's probability of keeping a hidden unit, 1 for no dropout
   */
  public static MultiLayerNetwork build(
      int features,
      int hiddenLayers,
      int width,
      long seed,
      IUpdater updater,
      double l2,
      double retain) {
    NeuralNetConfiguration.Builder base =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .updater(updater)
            .weightInit(WeightInit.RELU)
            .l2(l2);
    return ReluMlp.build(base, features, hiddenLayers, width, retain);
  }
}
