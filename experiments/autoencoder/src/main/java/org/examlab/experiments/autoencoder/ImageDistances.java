package org.examlab.experiments.autoencoder;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Distances between images given as rows of pixels, as root-mean-square pixel differences (so a
 * value reads in pixel units whatever the image size): reconstruction error, nearest-real-image
 * distance of generated samples, and their diversity.
 */
final class ImageDistances {
  private ImageDistances() {}

  /** Mean squared error per pixel between two equally shaped arrays. */
  static double mse(INDArray a, INDArray b) {
    return a.castTo(DataType.DOUBLE).squaredDistance(b.castTo(DataType.DOUBLE)) / a.length();
  }

  /**
   * For every row of {@code queries}, the RMS pixel distance to its nearest row of {@code
   * reference}; the mean of these.
   */
  static double meanNearestDistance(INDArray queries, INDArray reference) {
    INDArray d2 = squaredDistances(queries, reference).min(1);
    return Transforms.sqrt(Transforms.max(d2, 0.0), false).meanNumber().doubleValue();
  }

  /**
   * Mean RMS pixel distance between two different rows of {@code rows}: near 0 when every image is
   * the same.
   */
  static double meanPairwiseDistance(INDArray rows) {
    long n = rows.rows();
    INDArray d = Transforms.sqrt(Transforms.max(squaredDistances(rows, rows), 0.0), false);
    return d.sumNumber().doubleValue() / (n * (n - 1)); // the diagonal is 0
  }

  /** [queries x reference] squared distances divided by the number of pixels. */
  private static INDArray squaredDistances(INDArray queries, INDArray reference) {
    INDArray q = queries.castTo(DataType.DOUBLE);
    INDArray r = reference.castTo(DataType.DOUBLE);
    INDArray qq = q.mul(q).sum(1).reshape(-1, 1);
    INDArray rr = r.mul(r).sum(1).reshape(1, -1);
    return q.mmul(r.transpose()).muli(-2).addiColumnVector(qq).addiRowVector(rr).divi(q.columns());
  }
}
