package org.examlab.experiments.rnngradients;

import java.util.Collections;
import java.util.List;
import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;

/**
 * The rnn-gradients experiment's own config keys (besides the harness's {@code training}, {@code
 * seeds}, {@code claims}, ...).
 *
 * @param task the first-symbol recall task: sequence lengths to train and test at
 * @param model the recurrent layer's size, the same for LSTM and vanilla RNN
 * @param transport the state-Jacobian measurement (claims 001-2/rnn, /lstm)
 * @param exploding the exploding-event grid (claim 000-6) and the clipping comparison
 *     (000-6+clipping)
 */
public record RnnGradientsSettings(
    Task task, Model model, Transport transport, Exploding exploding) {

  public RnnGradientsSettings {
    Require.present("task", task);
    Require.present("model", model);
    Require.present("transport", transport);
    Require.present("exploding", exploding);
  }

  /**
   * @param targetSymbols symbols to remember (chance accuracy is 1 / targetSymbols)
   * @param distractorSymbols symbols that fill the rest of the sequence
   * @param lengths sequence lengths; one model per cell is trained at each
   * @param trainExamples training sequences per length
   * @param testExamples held-out sequences per length, for accuracy
   */
  public record Task(
      int targetSymbols,
      int distractorSymbols,
      List<Integer> lengths,
      int trainExamples,
      int testExamples) {
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
      forgetGateBias =
          Require.inRange(
              "forgetGateBias", forgetGateBias == null ? 1.0 : forgetGateBias, -10.0, 10.0);
    }
  }

  /**
   * @param examples sequences the Jacobian norms are averaged over (task sequences: the states they
   *     visit)
   * @param length sequence length; norms are measured at every lag up to length - 1
   * @param lag the lag the claims read (at most length - 1)
   * @param initialisations independent initialisations (each with its own probe batch of {@code
   *     examples} sequences) whose profiles are averaged into a seed's value at initialisation; 1
   *     (the default) measures only the network that is then trained. The norm at init is a
   *     function of one random recurrent matrix, so one draw per seed is noisy; averaging k draws
   *     divides the spread of a seed's value by about sqrt(k), at no training cost.
   */
  public record Transport(int examples, int length, int lag, Integer initialisations) {
    public Transport {
      Require.inRange("examples", examples, 1, 100_000);
      Require.inRange("length", length, 2, 10_000);
      Require.inRange("lag", lag, 1, length - 1);
      initialisations =
          Require.inRange(
              "initialisations", initialisations == null ? 1 : initialisations, 1, 10_000);
    }
  }

  /**
   * Unclipped plain-SGD trainings over a grid of learning rates and recurrent initial scales, each
   * counting exploding events; then one clipped and one unclipped training from the same large
   * initialization.
   *
   * @param length sequence length of these trainings
   * @param trainExamples training sequences
   * @param epochs the fixed budget of every training here
   * @param learningRates plain SGD step sizes of the grid
   * @param recurrentGains recurrent weights ~ N(0, gain^2 / hiddenSize); about 1 is a standard
   *     scale, above 1 pushes the recurrent Jacobian's spectral radius above 1
   * @param eventRatio an event is a raw gradient norm above this times its running median
   * @param medianWindow previous iterations the running median covers
   * @param clipping the clipped-versus-unclipped comparison
   * @param seeds how many seeds the grid and the clipping comparison run: the run's seeds and, if
   *     there are fewer, the integers after the largest of them (null: the run's seeds). These
   *     trainings are short, so their claims can afford more seeds than the rest of the run.
   */
  public record Exploding(
      int length,
      int trainExamples,
      int epochs,
      List<Double> learningRates,
      List<Double> recurrentGains,
      double eventRatio,
      int medianWindow,
      Clipping clipping,
      Integer seeds) {
    public Exploding {
      if (seeds != null) {
        Require.inRange("seeds", seeds, 1, 1000);
      }
      Require.inRange("length", length, 2, 10_000);
      Require.inRange("trainExamples", trainExamples, 8, 10_000_000);
      Require.inRange("epochs", epochs, 1, 100_000);
      Require.present("learningRates", learningRates);
      Require.present("recurrentGains", recurrentGains);
      learningRates.forEach(v -> Require.inRange("learningRates", v, 1e-9, 100.0));
      recurrentGains.forEach(v -> Require.inRange("recurrentGains", v, 0.01, 100.0));
      Require.inRange("eventRatio", eventRatio, 1.0, 1e9);
      Require.inRange("medianWindow", medianWindow, 1, 100_000);
      Require.present("clipping", clipping);
    }

    /** The clipping comparison's sequence length: its own, or the grid's. */
    public int clippingLength() {
      return clipping.length() == null ? length : clipping.length();
    }

    /**
     * The seeds the grid runs, given the run's: those, then the next integers up to {@link #seeds}
     * in all.
     */
    public List<Long> seedsOf(List<Long> runSeeds) {
      List<Long> all = new java.util.ArrayList<>(runSeeds);
      for (long s = runSeeds.stream().mapToLong(Long::longValue).max().orElse(0) + 1;
          seeds != null && all.size() < seeds;
          s++) {
        all.add(s);
      }
      return all;
    }

    /** The clipping comparison's fixed budget: its own, or the grid's. */
    public int clippingEpochs() {
      return clipping.epochs() == null ? epochs : clipping.epochs();
    }
  }

  /**
   * @param recurrentGain the large initial recurrent scale both runs start from
   * @param learningRate plain SGD step size, so an update's norm is the step size times the
   *     (clipped) gradient norm
   * @param clipNorm per-layer gradient L2 norm of the clipped run
   * @param length sequence length of the two runs; null: the exploding grid's {@code length}
   * @param epochs the two runs' fixed budget; null: the exploding grid's {@code epochs}. The
   *     comparison has its own so that the grid's budget can grow without changing it.
   */
  public record Clipping(
      double recurrentGain, double learningRate, double clipNorm, Integer length, Integer epochs) {
    public Clipping {
      Require.inRange("learningRate", learningRate, 1e-9, 100.0);
      Require.positive("clipNorm", clipNorm);
      if (length != null) {
        Require.inRange("length", length, 2, 10_000);
      }
      if (epochs != null) {
        Require.inRange("epochs", epochs, 1, 100_000);
      }
      if (recurrentGain <= 1.0) {
        throw new InvalidSettingException(
            "recurrentGain", "must be above 1 for an exploding regime, got " + recurrentGain);
      }
    }
  }
}
