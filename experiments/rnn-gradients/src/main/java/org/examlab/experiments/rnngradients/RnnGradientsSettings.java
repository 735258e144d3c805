package org.examlab.experiments.rnngradients;

import java.util.Collections;
import java.util.List;
import org.examlab.harness.config.InvalidSettingException;
import org.examlab.harness.config.Require;

/**
 * The rnn-gradients experiment's own config keys (besides the harness's {@code training},
 * {@code seeds}, {@code claims}, ...).
 *
 * @param task the first-symbol recall task: sequence lengths to train and test at
 * @param model the recurrent layer's size, the same for LSTM and vanilla RNN
 * @param gradientProbe how many examples the input-gradient profile averages over
 * @param exploding the large-recurrent-initialization regime and the clipping comparison
 */
public record RnnGradientsSettings(Task task, Model model, GradientProbe gradientProbe, Exploding exploding) {

  public RnnGradientsSettings {
    Require.present("task", task);
    Require.present("model", model);
    Require.present("gradientProbe", gradientProbe);
    Require.present("exploding", exploding);
  }

  /**
   * @param targetSymbols symbols to remember (chance accuracy is 1 / targetSymbols)
   * @param distractorSymbols symbols that fill the rest of the sequence
   * @param lengths sequence lengths; one model per cell is trained at each
   * @param trainExamples training sequences per length
   * @param testExamples held-out sequences per length, for accuracy
   */
  public record Task(int targetSymbols, int distractorSymbols, List<Integer> lengths, int trainExamples, int testExamples) {
    public Task {
      Require.inRange("targetSymbols", targetSymbols, 2, 100);
      Require.inRange("distractorSymbols", distractorSymbols, 1, 100);
      lengths = Require.distinctInRange("lengths", lengths, 2, 10_000);
      Require.inRange("trainExamples", trainExamples, 8, 10_000_000);
      Require.inRange("testExamples", testExamples, 8, 10_000_000);
    }

    public int longest() {
      return Collections.max(lengths);
    }
  }

  /**
   * @param hiddenSize units in the recurrent layer
   * @param forgetGateBias the LSTM's initial forget-gate bias (DL4J's default is 1.0). A larger
   *     bias starts the forget gate near 1, so the cell state carries gradients across many steps
   *     from the first update: the LSTM's mechanism against vanishing, switched on at init.
   */
  public record Model(int hiddenSize, Double forgetGateBias) {
    public Model {
      Require.inRange("hiddenSize", hiddenSize, 1, 4096);
      forgetGateBias = Require.inRange("forgetGateBias", forgetGateBias == null ? 1.0 : forgetGateBias, -10.0, 10.0);
    }
  }

  /** @param examples sequences the gradient-versus-step profile is averaged over */
  public record GradientProbe(int examples) {
    public GradientProbe {
      Require.inRange("examples", examples, 1, 100_000);
    }
  }

  /**
   * @param length sequence length of the exploding-gradient runs
   * @param recurrentGain recurrent weights are drawn from N(0, gain^2 / hiddenSize); gains above
   *     1 push the recurrent Jacobian's spectral radius above 1
   * @param clipNorm per-layer gradient L2 norm for the clipped run
   * @param learningRate plain SGD step size, so an update's norm is the step size times the
   *     (clipped) gradient norm
   * @param epochs training epochs of the clipped and unclipped runs
   */
  public record Exploding(int length, double recurrentGain, double clipNorm, double learningRate, int epochs) {
    public Exploding {
      Require.inRange("length", length, 2, 10_000);
      Require.inRange("recurrentGain", recurrentGain, 0.01, 100.0);
      Require.positive("clipNorm", clipNorm);
      Require.inRange("learningRate", learningRate, 1e-9, 100.0);
      Require.inRange("epochs", epochs, 1, 100_000);
      if (recurrentGain <= 1.0) {
        throw new InvalidSettingException("recurrentGain", "must be above 1 for an exploding regime, got " + recurrentGain);
      }
    }
  }
}
