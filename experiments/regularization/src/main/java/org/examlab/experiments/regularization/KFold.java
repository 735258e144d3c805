package org.examlab.experiments.regularization;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.harness.metrics.Classification;
import org.nd4j.linalg.dataset.DataSet;

/**
 * k contiguous folds of the training data (its examples are i.i.d., so contiguous is as good as
 * shuffled): a candidate's score is the mean held-out cross-entropy of the k networks each trained
 * on the other k-1 folds.
 */
final class KFold {
  private final DataSet data;
  private final int k;

  KFold(DataSet data, int k) {
    this.data = data;
    this.k = k;
  }

  interface FoldTraining {
    MultiLayerNetwork train(int fold) throws Exception;
  }

  /**
   * The mean over folds of the held-out cross-entropy of the network {@code training} fits on the
   * other folds.
   */
  double validationLoss(FoldTraining training) throws Exception {
    double sum = 0;
    for (int fold = 0; fold < k; fold++) {
      sum += Classification.crossEntropy(training.train(fold), heldOut(fold));
    }
    return sum / k;
  }

  /** Every example outside fold {@code fold}. */
  DataSet fitPart(int fold) {
    return part(fold, false);
  }

  /** The examples of fold {@code fold}. */
  DataSet heldOut(int fold) {
    return part(fold, true);
  }

  private DataSet part(int fold, boolean inside) {
    int n = data.numExamples();
    int from = fold * n / k;
    int to = (fold + 1) * n / k;
    List<DataSet> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if ((i >= from && i < to) == inside) {
        rows.add(data.get(i));
      }
    }
    return DataSet.merge(rows);
  }
}
