package org.examlab.experiments.gan;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The generator's original minimax loss, log(1 - D(G(z))), to be minimised: it saturates when the
 * discriminator confidently rejects the fakes (D near 0), so the generator's gradient vanishes. The
 * labels are ignored. (The non-saturating alternative, -log D(G(z)), is plain binary cross-entropy
 * with the label "real".)
 */
public final class SaturatingGeneratorLoss implements ILossFunction {

  @Override
  public double computeScore(
      INDArray labels,
      INDArray preOutput,
      IActivation activationFn,
      INDArray mask,
      boolean average) {
    double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
    return average ? sum / preOutput.size(0) : sum;
  }

  @Override
  public INDArray computeScoreArray(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
    INDArray d = activationFn.getActivation(preOutput.dup(), true);
    INDArray score = Transforms.log(d.rsub(1.0).addi(1e-7), false).sum(1); // log(1 - D)
    return mask == null ? score : score.muli(mask.reshape(-1));
  }

  @Override
  public INDArray computeGradient(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
    INDArray d = activationFn.getActivation(preOutput.dup(), true);
    INDArray dLossdD = d.rsub(1.0).addi(1e-7).rdivi(-1.0); // d/dD log(1 - D) = -1 / (1 - D)
    INDArray grad = activationFn.backprop(preOutput.dup(), dLossdD).getFirst();
    return mask == null ? grad : grad.muliColumnVector(mask.reshape(-1, 1));
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
    return "SaturatingGeneratorLoss";
  }

  @Override
  public String toString() {
    return name();
  }
}
