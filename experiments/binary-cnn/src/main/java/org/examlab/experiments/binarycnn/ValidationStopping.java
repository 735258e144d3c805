package org.examlab.experiments.binarycnn;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The stopping criterion claim 000-9f is about: after each epoch the validation loss; training
 * stops once it has not fallen for {@code patience} epochs, and the best epoch's weights are
 * restored. The test set plays no part.
 */
final class ValidationStopping {
  private final int patience;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private int bestEpoch = -1;
  private INDArray bestParams;

  ValidationStopping(int patience) {
    this.patience = patience;
  }

  /** Records this epoch's validation loss; false once training should stop. */
  boolean afterEpoch(MultiLayerNetwork net, int epoch, double validationLoss) {
    if (validationLoss < bestLoss) {
      bestLoss = validationLoss;
      bestEpoch = epoch;
      bestParams = net.params().dup();
    }
    return epoch - bestEpoch < patience;
  }

  void restoreBest(MultiLayerNetwork net) {
    if (bestParams != null) {
      net.setParams(bestParams);
    }
  }

  /** The epoch (from 0) whose weights are kept. */
  int bestEpoch() {
    return bestEpoch;
  }
}
