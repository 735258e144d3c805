package org.examlab.experiments.handcalculations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.examlab.harness.backend.SameDiffQuiet;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The exams' hand calculations, done by the framework: DL4J's own parameter layout, ND4J
 * arithmetic, and SameDiff's reverse-mode autodiff for the derivatives. (The convolution arithmetic
 * of 003-4 is the convolution experiment's.) Nothing here restates a textbook formula, so a wrong
 * formula in an exam cannot leak into the check.
 */
final class HandCalculations {
  private HandCalculations() {}

  /** Parameters of DL4J's vanilla RNN layer (input weights, recurrent weights, bias). */
  static long rnnCellParameters(HandCalculationsSettings.RnnCell cell) {
    SimpleRnn layer = new SimpleRnn.Builder().nIn(cell.inputSize()).nOut(cell.hiddenSize()).build();
    return layer.initializer().numParams(layer);
  }

  /**
   * The 1-D ReLU-RNN's hidden states h_1..h_T and dh_T/dv, dh_T/dw, dh_T/dx_1. ND4J's ReLU
   * derivative at 0 is 0, the convention the exam asks for.
   */
  record ReluRnnResult(double[] hidden, double dLastDv, double dLastDw, double dLastDx1) {}

  static ReluRnnResult reluRnn(HandCalculationsSettings.ReluRnn rnn) {
    SameDiff sd = SameDiff.create();
    SDVariable v = sd.var("v", Nd4j.scalar(rnn.v()));
    SDVariable w = sd.var("w", Nd4j.scalar(rnn.w()));
    SDVariable h = sd.var("h0", Nd4j.scalar(rnn.h0()));
    List<String> states = new ArrayList<>();
    for (int t = 1; t <= rnn.steps(); t++) {
      SDVariable x = sd.var("x" + t, Nd4j.scalar(rnn.x().get(t - 1)));
      h = sd.nn().relu("h" + t, v.mul(h).add(w.mul(x)), 0.0);
      states.add(h.name());
    }
    sd.setLossVariables(h.name());
    Map<String, INDArray> forward = sd.output(Map.of(), states.toArray(String[]::new));
    double[] hidden = states.stream().mapToDouble(s -> forward.get(s).getDouble(0)).toArray();
    Map<String, INDArray> grads =
        SameDiffQuiet.call(() -> sd.calculateGradients(Map.of(), "v", "w", "x1"));
    return new ReluRnnResult(
        hidden,
        grads.get("v").getDouble(0),
        grads.get("w").getDouble(0),
        grads.get("x1").getDouble(0));
  }

  /** One neuron's pre-activation, sum_i w_i i_i. */
  static double forwardSum(List<Double> inputs, List<Double> weights) {
    INDArray i = Nd4j.createFromArray(inputs.stream().mapToDouble(Double::doubleValue).toArray());
    INDArray wv = Nd4j.createFromArray(weights.stream().mapToDouble(Double::doubleValue).toArray());
    return i.mul(wv).sumNumber().doubleValue();
  }
}
