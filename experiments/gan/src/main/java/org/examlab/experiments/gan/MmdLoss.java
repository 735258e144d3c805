package org.examlab.experiments.gan;

import java.util.List;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The generator loss of a non-adversarial generator (claim 000-10/unstable): the squared maximum
 * mean discrepancy between the minibatch of generated points and a minibatch of real ones, given as
 * the "labels", with a sum of Gaussian kernels of the given bandwidths (the biased estimate, as in
 * Li et al. 2015's generative moment matching networks; {@link Mmd#rbf} is one bandwidth of it).
 * MMD^2 is a property of the whole batch, not a sum over examples: the score is MMD^2, and the
 * gradient returned is n dMMD^2/dx_i, since DL4J divides a loss layer's gradient by the minibatch
 * size.
 */
public final class MmdLoss implements ILossFunction {
  private double[] bandwidths;

  MmdLoss(List<Double> bandwidths) {
    this.bandwidths = bandwidths.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * For DL4J's JSON form of a network configuration (a bean: no-argument constructor, property).
   */
  public MmdLoss() {
    this(List.of());
  }

  public double[] getBandwidths() {
    return bandwidths.clone();
  }

  public void setBandwidths(double[] bandwidths) {
    this.bandwidths = bandwidths.clone();
  }

  /**
   * MMD^2 of the rows of {@code x} (generated) against those of {@code y} (real): {@link Mmd#rbf}
   * summed over the bandwidths.
   */
  double mmd2(INDArray x, INDArray y) {
    double sum = 0;
    for (double s : bandwidths) {
      sum += Mmd.rbf(x, y, s);
    }
    return sum;
  }

  /**
   * dMMD^2/dx_i = (2/n^2) sum_j k'(x_i, x_j) - (2/(n m)) sum_j k'(x_i, y_j), where for each
   * bandwidth s, k'(u, v) = -exp(-|u-v|^2 / 2s^2) (u - v) / s^2.
   */
  INDArray gradient(INDArray x, INDArray y) {
    INDArray a = x.castTo(DataType.DOUBLE);
    INDArray b = y.castTo(DataType.DOUBLE);
    long n = a.rows();
    long m = b.rows();
    INDArray g = Nd4j.zeros(DataType.DOUBLE, a.shape());
    for (double s : bandwidths) {
      INDArray kxx = Mmd.kernel(a, a, s).divi(-s * s); // [n, n]
      INDArray kxy = Mmd.kernel(a, b, s).divi(-s * s); // [n, m]
      // sum_j k_ij (x_i - z_j) = x_i * rowSum(k) - k z
      INDArray self = a.mulColumnVector(kxx.sum(1).reshape(-1, 1)).subi(kxx.mmul(a));
      INDArray cross = a.mulColumnVector(kxy.sum(1).reshape(-1, 1)).subi(kxy.mmul(b));
      g.addi(self.muli(2.0 / (n * n))).subi(cross.muli(2.0 / (n * m)));
    }
    return g;
  }

  @Override
  public double computeScore(
      INDArray labels,
      INDArray preOutput,
      IActivation activationFn,
      INDArray mask,
      boolean average) {
    double score = mmd2(activationFn.getActivation(preOutput.dup(), true), labels);
    return average ? score : score * preOutput.rows();
  }

  @Override
  public INDArray computeScoreArray(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
    double share = computeScore(labels, preOutput, activationFn, mask, true);
    return Nd4j.valueArrayOf(new long[] {preOutput.rows(), 1}, share, preOutput.dataType());
  }

  @Override
  public INDArray computeGradient(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
    INDArray output = activationFn.getActivation(preOutput.dup(), true);
    INDArray dOut = gradient(output, labels).muli(preOutput.rows()).castTo(preOutput.dataType());
    return activationFn.backprop(preOutput.dup(), dOut).getFirst();
  }

  @Override
  public Pair<Double, INDArray> computeGradientAndScore(
      INDArray labels,
      INDArray preOutput,
      IActivation activationFn,
      INDArray mask,
      boolean average) {
    return new Pair<>(
        computeScore(labels, preOutput, activationFn, mask, average),
        computeGradient(labels, preOutput, activationFn, mask));
  }

  @Override
  public String name() {
    return "mmd";
  }
}
