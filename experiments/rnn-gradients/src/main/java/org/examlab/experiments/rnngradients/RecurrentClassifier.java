package org.examlab.experiments.rnngradients;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.examlab.harness.backend.FusedLstm;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * One recurrent layer read at its last time step, then a softmax classifier: the smallest network
 * where the loss depends on early inputs only through the recurrence.
 */
public final class RecurrentClassifier {
  private RecurrentClassifier() {}

  /**
   * The experiment's LSTM classifier with default initialisation and no clipping, as its length
   * runs train it. Public so the PyTorch side-by-side benchmark times this builder.
   */
  public static MultiLayerNetwork lstm(
      int nIn, int hidden, double forgetGateBias, int classes, long seed, IUpdater updater) {
    return build(
        RecurrentCell.LSTM,
        nIn,
        new RnnGradientsSettings.Model(hidden, forgetGateBias),
        classes,
        seed,
        updater,
        0,
        0);
  }

  /**
   * The experiment's vanilla-RNN classifier (default initialisation, no clipping), for the
   * benchmark like {@link #lstm}.
   */
  public static MultiLayerNetwork rnn(
      int nIn, int hidden, int classes, long seed, IUpdater updater) {
    return build(
        RecurrentCell.RNN,
        nIn,
        new RnnGradientsSettings.Model(hidden, 1.0),
        classes,
        seed,
        updater,
        0,
        0);
  }

  /**
   * @param recurrentStd N(0, std^2) recurrent init, or 0 for DL4J's default (Xavier)
   * @param clipNorm per-layer gradient L2 clipping threshold, or 0 for none
   */
  static MultiLayerNetwork build(
      RecurrentCell cell,
      int nIn,
      RnnGradientsSettings.Model model,
      int classes,
      long seed,
      IUpdater updater,
      double recurrentStd,
      double clipNorm) {
    int hidden = model.hiddenSize();
    NeuralNetConfiguration.Builder conf =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .updater(updater)
            .weightInit(WeightInit.XAVIER);
    if (clipNorm > 0) {
      conf.gradientNormalization(GradientNormalization.ClipL2PerLayer)
          .gradientNormalizationThreshold(clipNorm);
    }
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            conf.list()
                .layer(
                    new LastTimeStep(cell.layer(nIn, hidden, recurrentStd, model.forgetGateBias())))
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(hidden)
                        .nOut(classes)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
    net.init();
    FusedLstm.install(
        net); // the LSTM's sequence in one native op each way: ~3x faster steps, same numbers
    // (FusedLstmTest)
    return net;
  }
}
