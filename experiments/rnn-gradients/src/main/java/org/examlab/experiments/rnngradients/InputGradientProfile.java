package org.examlab.experiments.rnngradients;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * How strongly the loss reacts to each time step's input: the mean over examples of
 * ||dL_i/dx_{i,t}||, for every step t. Vanishing gradients show as a profile that falls by
 * decades from the last step (next to the loss) to the first; exploding ones as a profile
 * that rises.
 */
final class InputGradientProfile {
  private InputGradientProfile() {}

  /** The profile indexed by time step t (0 = first input, length-1 = the step next to the loss). */
  static double[] measure(MultiLayerNetwork net, DataSet data) {
    // In M2.1 calculateGradients returns the gradient w.r.t. the input as [examples, nIn, T].
    Pair<Gradient, INDArray> result = net.calculateGradients(data.getFeatures(), data.getLabels(), null, null);
    INDArray epsilon = result.getSecond();
    // Per example already: DL4J reports the mean loss but divides by the batch size only in the
    // updater, so epsilon[i] = dL_i/dx_i (checked against finite differences in the tests).
    INDArray perExample = Transforms.sqrt(epsilon.mul(epsilon).sum(1)); // [examples, T]
    return perExample.mean(0).toDoubleVector();
  }

  /** log10(first-step gradient / last-step gradient): below 0 vanishes, above 0 explodes. */
  static double firstOverLastLog10(double[] profile) {
    return Math.log10(profile[0] / profile[profile.length - 1]);
  }
}
