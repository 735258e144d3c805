package org.examlab.experiments.handcalculations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.examlab.harness.backend.SameDiffQuiet;
import org.examlab.harness.metrics.MeasuredFields;
import org.examlab.harness.metrics.Measurement;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Backpropagation through time with a shared recurrent weight (claim 004-RNN/bptt): the RNN h_t =
 * tanh(h_{t-1} V + x_t W), loss L = sum(r * h_T) for a random r, is built in SameDiff twice, once
 * with one variable V read at every step (tied) and once with a separate copy V_t per step
 * (replicas, all equal to V). The tied gradient is compared with the sum, and with the average the
 * notes write, of the replicas' gradients; finite differences of L (plain ND4J forward passes)
 * check the tied gradient on an independent route.
 *
 * @param sumError max |dL/dV - sum_t dL/dV_t| / max |dL/dV|
 * @param averageError the same against the average (1/T) sum_t dL/dV_t, the notes' update
 * @param lastStepError the same against the last replica's gradient alone (control: truncating to
 *     one step differs)
 * @param finiteDifferenceError max |dL/dV - central difference of L| / max |dL/dV|
 */
record SharedWeightGradient(
    double sumError, double averageError, double lastStepError, double finiteDifferenceError) {
  static final MeasuredFields<SharedWeightGradient> FIELDS =
      new MeasuredFields<SharedWeightGradient>()
          .add(Measurement.of("bptt", "sum_error"), SharedWeightGradient::sumError)
          .add(Measurement.of("bptt", "average_error"), SharedWeightGradient::averageError)
          .add(Measurement.of("bptt", "last_step_error"), SharedWeightGradient::lastStepError)
          .add(Measurement.of("bptt", "fd_error"), SharedWeightGradient::finiteDifferenceError);

  /**
   * Central differences in double precision: truncation ~ step^2, rounding ~ 1e-16 / step; both
   * ~1e-10 relative.
   */
  static final double STEP = 1e-6;

  static SharedWeightGradient measure(HandCalculationsSettings.Bptt s, long seed) {
    Nd4j.getRandom().setSeed(seed);
    int n = s.hiddenSize();
    INDArray v = Nd4j.randn(DataType.DOUBLE, n, n).divi(Math.sqrt(n));
    INDArray w = Nd4j.randn(DataType.DOUBLE, s.inputSize(), n).divi(Math.sqrt(s.inputSize()));
    List<INDArray> x = new ArrayList<>();
    for (int t = 0; t < s.steps(); t++) {
      x.add(Nd4j.randn(DataType.DOUBLE, 1, s.inputSize()));
    }
    INDArray h0 = Nd4j.randn(DataType.DOUBLE, 1, n).muli(0.5);
    INDArray r = Nd4j.randn(DataType.DOUBLE, 1, n);

    INDArray tied = gradients(v, w, x, h0, r, false).get(0);
    List<INDArray> replicas = gradients(v, w, x, h0, r, true);
    INDArray sum = Nd4j.zeros(DataType.DOUBLE, n, n);
    replicas.forEach(sum::addi);
    double scale = tied.amaxNumber().doubleValue();

    INDArray numeric = Nd4j.zeros(DataType.DOUBLE, n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double vij = v.getDouble(i, j);
        INDArray up = v.dup();
        up.putScalar(i, j, vij + STEP);
        INDArray down = v.dup();
        down.putScalar(i, j, vij - STEP);
        numeric.putScalar(i, j, (loss(up, w, x, h0, r) - loss(down, w, x, h0, r)) / (2 * STEP));
      }
    }
    return new SharedWeightGradient(
        tied.sub(sum).amaxNumber().doubleValue() / scale,
        tied.sub(sum.div(s.steps())).amaxNumber().doubleValue() / scale,
        tied.sub(replicas.get(replicas.size() - 1)).amaxNumber().doubleValue() / scale,
        tied.sub(numeric).amaxNumber().doubleValue() / scale);
  }

  /** dL/dV (tied: one gradient) or dL/dV_1 .. dL/dV_T (replicas), by SameDiff's reverse mode. */
  private static List<INDArray> gradients(
      INDArray v, INDArray w, List<INDArray> x, INDArray h0, INDArray r, boolean replicas) {
    SameDiff sd = SameDiff.create();
    SDVariable input = sd.constant("w", w);
    SDVariable h = sd.constant("h0", h0);
    List<String> names = new ArrayList<>();
    SDVariable shared = replicas ? null : sd.var("v", v.dup());
    if (!replicas) {
      names.add("v");
    }
    for (int t = 0; t < x.size(); t++) {
      SDVariable recurrent = shared;
      if (replicas) {
        recurrent = sd.var("v" + (t + 1), v.dup());
        names.add(recurrent.name());
      }
      h = sd.math().tanh(h.mmul(recurrent).add(sd.constant("x" + (t + 1), x.get(t)).mmul(input)));
    }
    h.mul(sd.constant("r", r)).sum().markAsLoss();
    Map<String, INDArray> grads =
        SameDiffQuiet.call(() -> sd.calculateGradients(Map.of(), names.toArray(String[]::new)));
    return names.stream().map(grads::get).toList();
  }

  /** L by plain ND4J arithmetic, no SameDiff. */
  static double loss(INDArray v, INDArray w, List<INDArray> x, INDArray h0, INDArray r) {
    INDArray h = h0;
    for (INDArray xt : x) {
      h = Transforms.tanh(h.mmul(v).addi(xt.mmul(w)), false);
    }
    return h.mul(r).sumNumber().doubleValue();
  }
}
