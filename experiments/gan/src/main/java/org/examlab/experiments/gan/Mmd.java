package org.examlab.experiments.gan;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Distances between point sets: maximum mean discrepancy with a Gaussian (RBF) kernel (0 for equal
 * distributions), and the mean pairwise distance within a set (near 0 when a generator has
 * collapsed onto one output).
 */
final class Mmd {
  private Mmd() {}

  /**
   * The biased estimate MMD^2 = mean k(x,x') + mean k(y,y') - 2 mean k(x,y), kernel width {@code
   * sigma}.
   */
  static double rbf(INDArray x, INDArray y, double sigma) {
    INDArray a = x.castTo(DataType.DOUBLE);
    INDArray b = y.castTo(DataType.DOUBLE);
    return kernelMean(a, a, sigma) + kernelMean(b, b, sigma) - 2 * kernelMean(a, b, sigma);
  }

  /** Mean Euclidean distance between the rows of {@code x}, pairs of distinct rows only. */
  static double meanPairwiseDistance(INDArray x) {
    INDArray a = x.castTo(DataType.DOUBLE);
    INDArray sq = a.mul(a).sum(1).reshape(-1, 1);
    INDArray d2 = sq.add(sq.transpose()).subi(a.mmul(a.transpose()).muli(2));
    INDArray d = Transforms.sqrt(Transforms.max(d2, 0.0, false), false);
    long n = a.rows();
    return d.sumNumber().doubleValue() / (n * (n - 1)); // the diagonal is 0
  }

  private static double kernelMean(INDArray a, INDArray b, double sigma) {
    return kernel(a, b, sigma).meanNumber().doubleValue();
  }

  /**
   * The Gaussian kernel matrix k(a_i, b_j) = exp(-|a_i - b_j|^2 / 2 sigma^2), rows of a by rows of
   * b.
   */
  static INDArray kernel(INDArray a, INDArray b, double sigma) {
    INDArray aa = a.mul(a).sum(1).reshape(-1, 1);
    INDArray bb = b.mul(b).sum(1).reshape(1, -1);
    INDArray squaredDistance =
        aa.add(bb).subi(a.mmul(b.transpose()).muli(2)); // |a|^2 + |b|^2 - 2ab
    return Transforms.exp(squaredDistance.divi(-2 * sigma * sigma), false);
  }
}
