package org.examlab.experiments.seq2seq;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Decoder sequences padded at the end to the fixed length of an unrolled decoder ({@link
 * BahdanauDecoderVertex}), and cut back after it. Padded steps have mask 0, so they add nothing to
 * the loss; being last, they change none of the steps before them.
 */
final class FixedSteps {
  private FixedSteps() {}

  /**
   * {@code x} ({@code [mb, n, T]} or a mask {@code [mb, T]}) with zeros appended along time up to
   * {@code steps}.
   */
  static INDArray pad(INDArray x, long steps) {
    long t = x.size(x.rank() - 1);
    if (t > steps) {
      throw new IllegalArgumentException(
          "a decoder sequence of " + t + " steps exceeds the unrolled decoder's " + steps);
    }
    if (t == steps) {
      return x;
    }
    long[] shape = x.shape().clone();
    shape[shape.length - 1] = steps;
    INDArray padded = Nd4j.zeros(x.dataType(), shape);
    padded.get(firstSteps(x.rank(), t)).assign(x);
    return padded;
  }

  /** The first {@code steps} time steps of {@code x} ({@code [mb, n, T]} or {@code [mb, T]}). */
  static INDArray cut(INDArray x, long steps) {
    return x.size(x.rank() - 1) == steps ? x : x.get(firstSteps(x.rank(), steps)).dup();
  }

  /**
   * A teacher-forcing batch (source, decoder input; target) with decoder input, target and their
   * masks padded.
   */
  static MultiDataSet teacherForcing(MultiDataSet batch, long steps) {
    INDArray[] features = batch.getFeatures().clone();
    INDArray[] featureMasks = batch.getFeaturesMaskArrays().clone();
    features[1] = pad(features[1], steps);
    featureMasks[1] = pad(featureMasks[1], steps);
    return new org.nd4j.linalg.dataset.MultiDataSet(
        features,
        new INDArray[] {pad(batch.getLabels(0), steps)},
        featureMasks,
        new INDArray[] {pad(batch.getLabelsMaskArray(0), steps)});
  }

  private static INDArrayIndex[] firstSteps(int rank, long steps) {
    INDArrayIndex[] index = new INDArrayIndex[rank];
    for (int d = 0; d < rank - 1; d++) {
      index[d] = NDArrayIndex.all();
    }
    index[rank - 1] = NDArrayIndex.interval(0, steps);
    return index;
  }
}
