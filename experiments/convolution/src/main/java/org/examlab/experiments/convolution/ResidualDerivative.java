package org.examlab.experiments.convolution;

import java.util.Map;
import org.examlab.harness.backend.SameDiffQuiet;
import org.examlab.harness.metrics.MeasuredFields;
import org.examlab.harness.metrics.Measurement;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A residual block H(x) = x + R(x), R(x) = l2(tanh(l1(x))) with random linear layers: SameDiff's
 * autodiff computes the Jacobians dR/dx and dH/dx, and the check is dH/dx = dR/dx + I, the exam's
 * "dH/dx = r + 1" (claim 003-4g). Nothing here uses the formula.
 *
 * @param identityError max |dH/dx - dR/dx - I| over all entries
 * @param residualJacobianNorm Frobenius norm of dR/dx, to show the block is not trivially zero
 */
record ResidualDerivative(double identityError, double residualJacobianNorm) {
  static final MeasuredFields<ResidualDerivative> FIELDS =
      new MeasuredFields<ResidualDerivative>()
          .add(Measurement.of("residual", "identity_error"), ResidualDerivative::identityError)
          .add(
              Measurement.of("residual", "jacobian_norm"),
              ResidualDerivative::residualJacobianNorm);

  static ResidualDerivative measure(int width, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 1, width);
    INDArray w1 = Nd4j.randn(DataType.DOUBLE, width, width).divi(Math.sqrt(width));
    INDArray w2 = Nd4j.randn(DataType.DOUBLE, width, width).divi(Math.sqrt(width));

    // One backward pass gives a whole Jacobian: row i of a batch of copies of x only feeds
    // output row i, and the loss sum(out * I) keeps output i of that row, so the gradient of
    // row i is d out_i / dx. The block and its residual branch read separate copies.
    SameDiff sd = SameDiff.create();
    INDArray copies = Nd4j.tile(x, width, 1);
    SDVariable forBranch = sd.var("branch_x", copies.dup());
    SDVariable forBlock = sd.var("block_x", copies.dup());
    SDVariable l1 = sd.constant("w1", w1);
    SDVariable l2 = sd.constant("w2", w2);
    SDVariable pick = sd.constant("pick", Nd4j.eye(width).castTo(DataType.DOUBLE));
    SDVariable branch = sd.math().tanh(forBranch.mmul(l1)).mmul(l2);
    SDVariable block = sd.math().tanh(forBlock.mmul(l1)).mmul(l2).add(forBlock);
    branch.mul(pick).sum().add(block.mul(pick).sum()).markAsLoss();
    SameDiffQuiet.run(sd::createGradFunction);
    Map<String, INDArray> jacobians = sd.calculateGradients(Map.of(), "branch_x", "block_x");
    INDArray residual = jacobians.get("branch_x");
    double error =
        jacobians
            .get("block_x")
            .sub(residual)
            .subi(Nd4j.eye(width).castTo(DataType.DOUBLE))
            .amaxNumber()
            .doubleValue();
    return new ResidualDerivative(error, residual.norm2Number().doubleValue());
  }
}
