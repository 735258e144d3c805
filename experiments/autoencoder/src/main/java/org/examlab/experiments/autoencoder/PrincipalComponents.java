package org.examlab.experiments.autoencoder;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dimensionalityreduction.PCA;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * PCA as an autoencoder: project onto the top k principal components of the training images and
 * back. The linear baseline for the dense autoencoder with a bottleneck of k. The decomposition
 * (ND4J's {@link PCA#pca_factor}, an SVD of the centred data) is done once; every k uses the first
 * k components.
 */
final class PrincipalComponents {
  private final INDArray mean;
  private final INDArray
      components; // [pixels, pixels], one principal direction a column, by decreasing variance

  PrincipalComponents(INDArray trainingRows) {
    INDArray rows = trainingRows.castTo(DataType.DOUBLE);
    mean = rows.mean(0).reshape(1, -1);
    // Centred here on a copy: pca_factor's own normalize option centres its argument in place.
    // In ND4J 1.0.0-M2.1 pca_factor returns the principal directions as the ROWS of its result
    // (its columns are orthonormal but are not the directions of largest variance;
    // PrincipalComponentsTest
    // checks this), so all of them are asked for and the result transposed. PCA's constructor,
    // the covariance route, fails here instead (matrix_inverse of a near-singular matrix).
    components =
        PCA.pca_factor(rows.subRowVector(mean), (int) rows.columns(), false).transpose().dup('c');
  }

  /** {@code rows} projected onto the top {@code k} components and mapped back to pixels. */
  INDArray reconstruct(INDArray rows, int k) {
    INDArray basis = components.get(NDArrayIndex.all(), NDArrayIndex.interval(0, k));
    INDArray centred = rows.castTo(DataType.DOUBLE).subRowVector(mean);
    return centred.mmul(basis).mmul(basis.transpose()).addiRowVector(mean);
  }
}
