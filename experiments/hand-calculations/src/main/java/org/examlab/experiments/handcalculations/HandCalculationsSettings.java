package org.examlab.experiments.handcalculations;

import java.util.List;
import org.examlab.harness.config.InvalidSettingException;
import org.examlab.harness.config.Require;

/**
 * The exams' hand-calculation questions, as numbers a user can change. The exams' own answers are
 * not here: they are the values the config's claim rules compare with.
 *
 * @param rnnCell 003-6a: the vanilla RNN cell whose parameters are counted
 * @param reluRnnForward 003-6c: the 1-D ReLU-RNN's first setting (forward values)
 * @param reluRnnBackward 003-6d: its second setting (forward values and derivatives)
 * @param forwardSums 003-2a: one neuron's weighted sum for two weight draws
 */
public record HandCalculationsSettings(RnnCell rnnCell, ReluRnn reluRnnForward, ReluRnn reluRnnBackward, ForwardSums forwardSums) {

  public HandCalculationsSettings {
    Require.present("rnnCell", rnnCell);
    Require.present("reluRnnForward", reluRnnForward);
    Require.present("reluRnnBackward", reluRnnBackward);
    Require.present("forwardSums", forwardSums);
  }

  /** h_t = tanh(V h_{t-1} + W x_t + b) with x in R^inputSize and h in R^hiddenSize. */
  public record RnnCell(int inputSize, int hiddenSize) {
    public RnnCell {
      Require.inRange("inputSize", inputSize, 1, 100_000);
      Require.inRange("hiddenSize", hiddenSize, 1, 100_000);
    }
  }

  /** The scalar cell h_t = ReLU(v h_{t-1} + w x_t), no bias, fed x_1..x_T from h_0. */
  public record ReluRnn(double v, double w, double h0, List<Double> x) {
    public ReluRnn {
      if (x == null || x.isEmpty()) {
        throw new InvalidSettingException("x", "must list at least one input");
      }
      x = List.copyOf(x);
    }

    public int steps() {
      return x.size();
    }
  }

  /** S = sum_i w_i i_i for the same inputs under a small- and a large-variance weight draw. */
  public record ForwardSums(List<Double> inputs, List<Double> smallWeights, List<Double> largeWeights) {
    public ForwardSums {
      if (inputs == null || inputs.isEmpty()) {
        throw new InvalidSettingException("inputs", "must list at least one input");
      }
      for (String name : List.of("smallWeights", "largeWeights")) {
        List<Double> w = name.equals("smallWeights") ? smallWeights : largeWeights;
        if (w == null || w.size() != inputs.size()) {
          throw new InvalidSettingException(name, "must list one weight per input (" + inputs.size() + ")");
        }
      }
      inputs = List.copyOf(inputs);
      smallWeights = List.copyOf(smallWeights);
      largeWeights = List.copyOf(largeWeights);
    }
  }
}
