package org.examlab.experiments.rnngradients;

import java.util.Locale;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.examlab.harness.backend.SteppedRnn;
import org.nd4j.linalg.activations.Activation;

/** The two cells compared, at the same hidden size: DL4J's LSTM and its vanilla (Elman) RNN. */
enum RecurrentCell {
  LSTM("lstm"),
  RNN("rnn");

  private final String label;

  RecurrentCell(String label) {
    this.label = label;
  }

  /** Prefix of this cell's measurement names and plot series: "lstm", "rnn". */
  String label() {
    return label;
  }

  /** The training task (and its series) of the memory run at sequence length {@code length}. */
  String memoryTask(int length) {
    return label + "/len" + length;
  }

  /** The training task of the large-initialisation run, clipped or not. */
  String largeInitTask(ClippingVariant variant) {
    return label + "/large_init/" + variant.label();
  }

  /** The training task of one point (recurrent gain, learning rate) of the exploding grid. */
  String explodingTask(double gain, double rate) {
    return String.format(Locale.ROOT, "%s/explode/gain%s/lr%s", label, gain, rate);
  }

  /**
   * A tanh recurrent layer. {@code recurrentStd}, if positive, replaces the default recurrent
   * initialization with N(0, std^2): the knob for the exploding regime. {@code forgetGateBias}
   * applies to the LSTM only.
   */
  BaseRecurrentLayer layer(int nIn, int hidden, double recurrentStd, double forgetGateBias) {
    BaseRecurrentLayer.Builder<?> builder =
        this == LSTM
            ? new org.deeplearning4j.nn.conf.layers.LSTM.Builder()
                .activation(Activation.TANH)
                .gateActivationFunction(Activation.SIGMOID)
                .forgetGateBiasInit(forgetGateBias)
            : new SteppedRnn.Builder()
                .activation(
                    Activation
                        .TANH); // DL4J's SimpleRnn, computed in one pass each way (SteppedRnnTest)
    builder.nIn(nIn).nOut(hidden);
    if (recurrentStd > 0) {
      builder.weightInitRecurrent(new NormalDistribution(0, recurrentStd));
    }
    return (BaseRecurrentLayer) builder.build();
  }
}
