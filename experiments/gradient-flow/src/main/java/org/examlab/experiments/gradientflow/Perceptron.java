package org.examlab.experiments.gradientflow;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rosenblatt's perceptron rule (the Hebbian update of seed 004): online, for each misclassified
 * example, w <- w + eta * t * x and b <- b + eta * t, with targets t in {-1, +1}. It reaches zero
 * errors on linearly separable data and never on XOR.
 */
final class Perceptron {
  private Perceptron() {}

  /** Misclassified examples in each epoch, in order. */
  static int[] errorsPerEpoch(INDArray x, INDArray targets, int epochs, double learningRate) {
    INDArray w = Nd4j.zeros(DataType.DOUBLE, x.columns(), 1);
    double b = 0;
    INDArray xs = x.castTo(DataType.DOUBLE);
    int[] errors = new int[epochs];
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (int i = 0; i < xs.rows(); i++) {
        INDArray xi = xs.getRow(i, true);
        double t = targets.getDouble(i);
        double activation = xi.mmul(w).getDouble(0) + b;
        if (t * activation <= 0) { // misclassified (or on the boundary): apply the rule
          w.addi(xi.transpose().mul(learningRate * t));
          b += learningRate * t;
          errors[epoch]++;
        }
      }
    }
    return errors;
  }
}
