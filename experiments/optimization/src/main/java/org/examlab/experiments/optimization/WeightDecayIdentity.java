package org.examlab.experiments.optimization;

import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.harness.settings.UpdaterKind;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Claim 003-8e on DL4J's own updaters: one step of an updater on a loss with L2 penalty lambda
 * against the weight-decay form of the same step, w <- (1 - eta*lambda) w - eta*grad, where "-
 * eta*grad" is the step the same updater takes without the penalty. For SGD the two agree (up to
 * float rounding); for Adam they do not, because Adam rescales the penalty's gradient with
 * everything else (why AdamW decouples weight decay).
 */
final class WeightDecayIdentity {
  static final double RATE = 0.05;
  static final double LAMBDA = 0.1;

  private WeightDecayIdentity() {}

  /**
   * max |step with L2 - ((1 - eta*lambda) w - eta*grad - w)| over the weights, divided by max |eta
   * * lambda * w| (the decay term's size): about 1e-6 when the identity holds, of order 1 or more
   * when it does not.
   */
  static double discrepancy(
      UpdaterKind kind, OptimizationSettings settings, long seed, DataSet data) {
    OptimizationSettings.Variant plain = OptimizationSettings.Variant.plain("identity", kind, RATE);
    MultiLayerNetwork withoutPenalty =
        OptimizationExperiment.network(settings, plain, seed, kind.create(RATE), 0.0);
    MultiLayerNetwork withPenalty =
        OptimizationExperiment.network(settings, plain, seed, kind.create(RATE), LAMBDA);
    Map<String, INDArray> before = copyWeights(withoutPenalty);
    withoutPenalty.fit(data);
    withPenalty.fit(data);
    double worst = 0;
    double scale = 0;
    for (Map.Entry<String, INDArray> e : before.entrySet()) {
      INDArray w = e.getValue();
      INDArray plainStep = withoutPenalty.getParam(e.getKey()).sub(w);
      INDArray penalisedStep = withPenalty.getParam(e.getKey()).sub(w);
      INDArray decay = w.mul(RATE * LAMBDA);
      INDArray expected = plainStep.sub(decay);
      worst = Math.max(worst, penalisedStep.sub(expected).amaxNumber().doubleValue());
      scale = Math.max(scale, decay.amaxNumber().doubleValue());
    }
    return worst / scale;
  }

  /** The weight matrices (DL4J applies L2 to weights, not biases, by default). */
  private static Map<String, INDArray> copyWeights(MultiLayerNetwork net) {
    Map<String, INDArray> weights = new java.util.TreeMap<>();
    net.paramTable()
        .forEach(
            (k, v) -> {
              if (k.endsWith("_W")) {
                weights.put(k, v.dup());
              }
            });
    return weights;
  }
}
