package org.examlab.experiments.regularization;

import org.examlab.harness.metrics.Classification;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Early stopping on a hold-out split: after each epoch, the hold-out loss; training stops once
 * it has not improved for {@code patience} epochs, and the best epoch's weights are restored.
 */
final class EarlyStopping {
  private final MultiLayerNetwork net;
  private final DataSet holdOut;
  private final int patience;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private int bestEpoch = -1;
  private INDArray bestParams;

  EarlyStopping(MultiLayerNetwork net, DataSet holdOut, int patience) {
    this.net = net;
    this.holdOut = holdOut;
    this.patience = patience;
  }

  /** false once the hold-out loss has not improved for {@code patience} epochs. */
  boolean afterEpoch(int epoch) {
    double loss = Classification.crossEntropy(net, holdOut);
    if (loss < bestLoss) {
      bestLoss = loss;
      bestEpoch = epoch;
      bestParams = net.params().dup();
    }
    return epoch - bestEpoch < patience;
  }

  void restoreBest() {
    if (bestParams != null) {
      net.setParams(bestParams);
    }
  }

  int bestEpoch() {
    return bestEpoch;
  }
}
