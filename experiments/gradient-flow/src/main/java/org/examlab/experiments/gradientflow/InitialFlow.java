package org.examlab.experiments.gradientflow;

import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.harness.diagnostics.ActivationStatistics;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Per-layer statistics of a deep MLP at initialization, on a probe batch: the backpropagated error
 * signal ||dL/dz_i|| (read off the bias gradient, which is exactly that signal summed over the
 * batch), the weight-gradient norm, and the activations' standard deviation and saturated fraction.
 * Index 0 is the first hidden layer, the last index the one next to the output.
 */
record InitialFlow(
    double[] errorSignal,
    double[] weightGradient,
    double[] activationStd,
    double[] saturated,
    float[][] activations) {

  static InitialFlow measure(
      ComputationGraph net, GradientFlowSettings.Variant v, int depth, DataSet probe) {
    net.setInputs(probe.getFeatures());
    net.setLabels(probe.getLabels());
    net.computeGradientAndScore();
    Map<String, INDArray> gradients = net.gradient().gradientForVariable();
    // Training mode, as for the gradients: batch norm then normalises with the batch's statistics,
    // not with its (still untrained) running averages.
    Map<String, INDArray> acts = net.feedForward(new INDArray[] {probe.getFeatures()}, true);
    double[] signal = new double[depth];
    double[] weightGrad = new double[depth];
    double[] std = new double[depth];
    double[] saturated = new double[depth];
    float[][] values = new float[depth][];
    for (int i = 0; i < depth; i++) {
      signal[i] = gradients.get(DeepMlp.errorSignalParam(v, i)).norm2Number().doubleValue();
      weightGrad[i] = gradients.get(DeepMlp.denseName(i) + "_W").norm2Number().doubleValue();
      INDArray a = acts.get(DeepMlp.activationName(v, i)).castTo(DataType.FLOAT);
      std[i] = a.stdNumber().doubleValue();
      saturated[i] =
          ActivationStatistics.saturatedFraction(v.activation().dl4j().getActivationFunction(), a);
      values[i] = a.dup('c').data().asFloat();
    }
    return new InitialFlow(signal, weightGrad, std, saturated, values);
  }

  /** log10(first / last): below 0 the quantity shrinks towards the input, above 0 it grows. */
  static double firstOverLastLog10(double[] perLayer) {
    return Math.log10(perLayer[0] / perLayer[perLayer.length - 1]);
  }

  /** log10(last / first) for activations, which flow forwards. */
  static double lastOverFirstLog10(double[] perLayer) {
    return -firstOverLastLog10(perLayer);
  }
}
