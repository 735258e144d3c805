package org.examlab.experiments.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SparseCodeTest {
  @Test
  void theZeroFractionCountsExactZerosOfTheCodeAndThePenaltyIsLambdaTimesTheL1Norm() {
    Nd4j.getRandom().setSeed(4);
    INDArray images = Nd4j.rand(DataType.FLOAT, 6, 12);
    double lambda = 0.01;
    ComputationGraph net =
        SparseCode.network(12, 20, lambda, 3L, new org.nd4j.linalg.learning.config.Adam(1e-3));
    INDArray code = net.feedForward(images, false).get("code");
    int zeros = 0;
    double l1 = 0;
    for (double v :
        code.reshape(code.length()).toDoubleVector()) { // plain Java over the code's values
      zeros += v == 0.0 ? 1 : 0;
      l1 += Math.abs(v);
    }
    assertEquals(zeros / 120.0, SparseCode.zeroFraction(net, images), 1e-12);
    // The graph's score: mean squared pixel error plus lambda times the code's L1 norm, both
    // averaged over the images.
    INDArray reconstruction = SparseCode.reconstruct(net, images);
    double mse = reconstruction.sub(images).norm2Number().doubleValue();
    double expected = mse * mse / (6 * 12) + lambda * l1 / 6;
    net.setInputs(images);
    net.setLabels(images, Nd4j.zeros(DataType.FLOAT, 6, 20));
    net.computeGradientAndScore();
    assertEquals(expected, net.score(), 1e-5 * expected);
  }
}
