package org.examlab.experiments.convolution;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A residual block H(x) = x + R(x), R(x) = l2(tanh(l1(x))) with random linear layers: SameDiff's
 * autodiff computes the Jacobians dR/dx and dH/dx row by row, and the check is dH/dx = dR/dx + I,
 * the exam's "dH/dx = r + 1" (claim 003-4g). Nothing here uses the formula.
 *
 * @param identityError max |dH/dx - dR/dx - I| over all entries
 * @param residualJacobianNorm Frobenius norm of dR/dx, to show the block is not trivially zero
 */
record ResidualDerivative(double identityError, double residualJacobianNorm) {

  static ResidualDerivative measure(int width, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 1, width);
    INDArray w1 = Nd4j.randn(DataType.DOUBLE, width, width).divi(Math.sqrt(width));
    INDArray w2 = Nd4j.randn(DataType.DOUBLE, width, width).divi(Math.sqrt(width));
    INDArray residual = jacobian(x, w1, w2, false);
    INDArray block = jacobian(x, w1, w2, true);
    double error = block.sub(residual).subi(Nd4j.eye(width).castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    return new ResidualDerivative(error, residual.norm2Number().doubleValue());
  }

  /** d out / d x, row i from the gradient of sum(out * e_i); out = R(x), or x + R(x) with the skip. */
  private static INDArray jacobian(INDArray x0, INDArray w1, INDArray w2, boolean skip) {
    SameDiff sd = SameDiff.create();
    int width = (int) x0.size(1);
    SDVariable x = sd.var("x", x0.dup());
    SDVariable r = sd.math().tanh(x.mmul(sd.constant("w1", w1))).mmul(sd.constant("w2", w2));
    SDVariable out = skip ? r.add(x) : r;
    SDVariable probe = sd.placeHolder("probe", DataType.DOUBLE, 1, width);
    out.mul(probe).sum().markAsLoss();
    INDArray jacobian = Nd4j.zeros(DataType.DOUBLE, width, width);
    for (int i = 0; i < width; i++) {
      INDArray unit = Nd4j.zeros(DataType.DOUBLE, 1, width).putScalar(0, i, 1.0);
      Map<String, INDArray> gradients = sd.calculateGradients(Map.of("probe", unit), "x");
      jacobian.putRow(i, gradients.get("x").reshape(width));
    }
    return jacobian;
  }
}
