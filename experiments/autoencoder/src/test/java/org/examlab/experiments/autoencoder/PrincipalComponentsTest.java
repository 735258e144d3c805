package org.examlab.experiments.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PrincipalComponentsTest {

  @Test
  void theFirstComponentsCarryTheMostVarianceAndAllOfThemReconstructExactly() {
    Nd4j.getRandom().setSeed(7);
    int d = 12;
    // Correlated data: independent scales 12..1, mixed by a random matrix.
    INDArray data =
        Nd4j.randn(DataType.DOUBLE, 400, d)
            .mulRowVector(Nd4j.linspace(d, 1, d, DataType.DOUBLE))
            .mmul(Nd4j.randn(DataType.DOUBLE, d, d))
            .addi(3);
    PrincipalComponents pca = new PrincipalComponents(data);
    double previous = Double.POSITIVE_INFINITY;
    for (int k = 1; k <= d; k++) {
      double error = ImageDistances.mse(pca.reconstruct(data, k), data);
      assertTrue(error <= previous + 1e-9, "error must not grow with k: " + k);
      previous = error;
    }
    assertEquals(0.0, previous, 1e-9);
    // One component explains more than any single input axis could: it is the direction of largest
    // variance.
    INDArray centred = data.subRowVector(data.mean(0));
    double total = centred.mul(centred).sumNumber().doubleValue();
    double explained = total - ImageDistances.mse(pca.reconstruct(data, 1), data) * data.length();
    double bestAxis = centred.mul(centred).sum(0).maxNumber().doubleValue();
    assertTrue(explained > bestAxis, explained + " vs " + bestAxis);
    // A random unit direction explains less than the first component.
    INDArray u = Nd4j.randn(DataType.DOUBLE, d, 1);
    u.divi(u.norm2Number());
    double random = centred.mmul(u).mul(centred.mmul(u)).sumNumber().doubleValue();
    assertTrue(explained >= random, explained + " vs " + random);
  }
}
