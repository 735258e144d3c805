package org.examlab.experiments.handcalculations;

import java.util.List;
import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;

/**
 * The exams' hand-calculation questions, as numbers a user can change. The exams' own answers are
 * not here: they are the values the config's claim rules compare with.
 *
 * @param rnnCell 003-6a: the vanilla RNN cell whose parameters are counted
 * @param reluRnnForward 003-6c: the 1-D ReLU-RNN's first setting (forward values)
 * @param reluRnnBackward 003-6d: its second setting (forward values and derivatives)
 * @param forwardSums 003-2a: one neuron's weighted sum for two weight draws
 * @param biasThreshold 002-1: 1-D points labelled x > threshold, fitted with and without a bias
 * @param activationGrid 003-1g: the inputs on which the sigmoid layer's range and derivative are
 *     read
 * @param logistic 003-1f: the logistic regression whose outputs and loss are read
 * @param zeroInput 003-6b: how many random previous states h_{t-1} the 003-6a cell is run from
 * @param accuracyLoss 003-8d: the classifier whose accuracy and cross-entropy are differentiated
 * @param perceptron 004-FF/gd: the perceptron whose criterion autodiff differentiates
 * @param bptt 004-RNN/bptt: the recurrent net whose shared weight is compared with per-step
 *     replicas
 * @param lstmCell 003-6e: the exam's LSTM cell and DL4J's, whose gates are switched
 * @param zeroInit 004-FF/zero-init: the all-zero MLP trained by gradient descent
 * @param batchNorm 003-3b, 003-3c, 004-BN/formula: the features DL4J's batch norm normalises
 * @param attention 001-8/formula, 001-8/parallel: the sizes DL4J's attention vertex is run at
 * @param colourisation 000-11/colourisation: the exam U-Net's output head whose outputs are read as
 *     colours
 * @param universal 004-FF/universal: the one-hidden-layer sigmoid nets whose best error is read
 *     against width
 */
public record HandCalculationsSettings(
    RnnCell rnnCell,
    ReluRnn reluRnnForward,
    ReluRnn reluRnnBackward,
    ForwardSums forwardSums,
    BiasThreshold biasThreshold,
    ActivationGrid activationGrid,
    Logistic logistic,
    ZeroInput zeroInput,
    AccuracyLoss accuracyLoss,
    Perceptron perceptron,
    Bptt bptt,
    LstmCell lstmCell,
    ZeroInitNet zeroInit,
    BatchNorm batchNorm,
    AttentionSizes attention,
    Colourisation colourisation,
    Universal universal) {

  public HandCalculationsSettings {
    Require.present("rnnCell", rnnCell);
    Require.present("reluRnnForward", reluRnnForward);
    Require.present("reluRnnBackward", reluRnnBackward);
    Require.present("forwardSums", forwardSums);
    Require.present("biasThreshold", biasThreshold);
    Require.present("activationGrid", activationGrid);
    Require.present("logistic", logistic);
    Require.present("zeroInput", zeroInput);
    Require.present("accuracyLoss", accuracyLoss);
    Require.present("perceptron", perceptron);
    Require.present("bptt", bptt);
    Require.present("lstmCell", lstmCell);
    Require.present("zeroInit", zeroInit);
    Require.present("batchNorm", batchNorm);
    Require.present("attention", attention);
    Require.present("colourisation", colourisation);
    Require.present("universal", universal);
  }

  /**
   * One-hidden-layer sigmoid nets of each of {@code widths} (increasing) units: hidden steepness
   * |w| uniform in [1, maxSteepness], the output layer fitted by least squares on {@code
   * trainPoints} random points of [-1, 1], the best of {@code draws} hidden layers kept, the error
   * read on a grid of {@code testPoints}.
   */
  public record Universal(
      List<Integer> widths, int draws, int trainPoints, int testPoints, double maxSteepness) {
    public Universal {
      if (widths == null || widths.size() < 3) {
        throw new InvalidSettingException(
            "universal.widths", "needs at least 3 widths to read a trend, got " + widths);
      }
      for (int i = 0; i < widths.size(); i++) {
        Require.inRange(
            "universal.widths", widths.get(i), i == 0 ? 1 : widths.get(i - 1) + 1, 4096);
      }
      Require.inRange("universal.draws", draws, 1, 1000);
      Require.inRange(
          "universal.trainPoints", trainPoints, 2 * widths.get(widths.size() - 1), 1_000_000);
      Require.inRange("universal.testPoints", testPoints, 2, 1_000_000);
      Require.inRange("universal.maxSteepness", maxSteepness, 1.5, 1000);
    }
  }

  /**
   * The head's {@code classes} output channels on size x size grayscale images; biases set to
   * +-{@code logit}.
   */
  public record Colourisation(int size, int classes, double logit) {
    public Colourisation {
      Require.inRange("size", size, 2, 256);
      Require.inRange("classes", classes, 2, 8);
      Require.inRange("logit", logit, 0.1, 50);
    }
  }

  /**
   * Queries, keys and values of {@code features} dimensions; sequences of {@code shortLength} and
   * {@code longLength} steps.
   */
  public record AttentionSizes(int features, int shortLength, int longLength) {
    public AttentionSizes {
      Require.inRange("features", features, 1, 256);
      Require.inRange("shortLength", shortLength, 1, 256);
      Require.inRange("longLength", longLength, shortLength + 1, 1024);
    }
  }

  /**
   * An MLP of {@code layers} hidden layers of {@code hidden} units on {@code inputs} features, all
   * weights and biases 0, fitted by {@code steps} full-batch SGD steps on {@code examples} points.
   */
  public record ZeroInitNet(
      int inputs, int hidden, int layers, int examples, int steps, double learningRate) {
    public ZeroInitNet {
      Require.inRange("inputs", inputs, 1, 256);
      Require.inRange("hidden", hidden, 2, 256);
      Require.inRange("layers", layers, 1, 10);
      Require.inRange("examples", examples, 2, 10_000);
      Require.inRange("steps", steps, 2, 10_000);
      Require.inRange("learningRate", learningRate, 1e-6, 10);
    }
  }

  /**
   * {@code examples} rows whose feature j is drawn from N(means_j, scales_j^2); the first {@code
   * minibatch} rows are the minibatch; the running statistics follow {@code fits} full-batch fits.
   */
  public record BatchNorm(
      List<Double> means,
      List<Double> scales,
      int examples,
      int minibatch,
      int fits,
      double eps,
      double decay) {
    public BatchNorm {
      if (means == null || means.isEmpty()) {
        throw new InvalidSettingException("means", "must list one mean per feature");
      }
      if (scales == null || scales.size() != means.size()) {
        throw new InvalidSettingException(
            "scales", "must list one scale per feature (" + means.size() + ")");
      }
      for (double scale : scales) {
        Require.inRange("scales", scale, 1e-3, 1e3);
      }
      means = List.copyOf(means);
      scales = List.copyOf(scales);
      Require.inRange("examples", examples, 2, 100_000);
      Require.inRange("minibatch", minibatch, 2, examples);
      Require.inRange("fits", fits, 1, 100_000);
      Require.inRange("eps", eps, 1e-12, 1);
      Require.inRange("decay", decay, 0.0, 0.999999);
    }
  }

  /**
   * Points on a line labelled 1 where x > threshold; the neuron sigma(w x [+ b]) is searched over a
   * grid of {@code steps} values of w in [-weightLimit, weightLimit] and, with a bias, of b in
   * [-biasLimit, biasLimit].
   */
  public record BiasThreshold(
      double threshold, List<Double> points, double weightLimit, double biasLimit, int steps) {
    public BiasThreshold {
      if (points == null || points.size() < 2) {
        throw new InvalidSettingException("points", "must list at least two points");
      }
      points = List.copyOf(points);
      Require.inRange("weightLimit", weightLimit, 1e-6, 1e6);
      Require.inRange("biasLimit", biasLimit, 1e-6, 1e6);
      Require.inRange("steps", steps, 3, 10_001);
    }
  }

  /**
   * Inputs in [-limit, limit]: {@code points} of them for the range (003-1g/surjective), and every
   * {@code derivativeStride}-th of those, with x = 0 among them, for the derivative checks.
   */
  public record ActivationGrid(double limit, int points, int derivativeStride) {
    public ActivationGrid {
      Require.inRange("limit", limit, 1.0, 100.0);
      Require.inRange("points", points, 101, 1_000_001);
      Require.inRange("derivativeStride", derivativeStride, 1, points / 10);
    }
  }

  /**
   * A logistic regression on {@code inputs} features, its loss read on {@code examples} random
   * examples.
   */
  public record Logistic(int inputs, int examples) {
    public Logistic {
      Require.inRange("inputs", inputs, 1, 1000);
      Require.inRange("examples", examples, 2, 100_000);
    }
  }

  /**
   * {@code states} random previous hidden states of the 003-6a cell, each run one step on x_t = 0.
   */
  public record ZeroInput(int states) {
    public ZeroInput {
      Require.inRange("states", states, 1, 10_000);
    }
  }

  /**
   * A 2-class tanh MLP (one hidden layer of {@code hidden} units) on {@code examples} points of two
   * overlapping Gaussian blobs, differentiated by central differences of step {@code step} at
   * {@code weightDraws} random weight draws.
   */
  public record AccuracyLoss(int examples, int hidden, int weightDraws, double step) {
    public AccuracyLoss {
      Require.inRange("examples", examples, 2, 100_000);
      Require.inRange("hidden", hidden, 1, 256);
      Require.inRange("weightDraws", weightDraws, 1, 100);
      Require.inRange("step", step, 1e-12, 10);
    }
  }

  /**
   * A perceptron on {@code inputs} features; the batch rule is checked on {@code batch} random
   * examples.
   */
  public record Perceptron(int inputs, int batch, double learningRate) {
    public Perceptron {
      Require.inRange("inputs", inputs, 1, 1000);
      Require.inRange("batch", batch, 2, 10_000);
      Require.inRange("learningRate", learningRate, 1e-9, 1e3);
    }
  }

  /**
   * An LSTM cell with x_t in R^inputSize, h_t and c_t in R^hiddenSize; the memory is followed for
   * {@code steps} steps.
   */
  public record LstmCell(int inputSize, int hiddenSize, int steps) {
    public LstmCell {
      Require.inRange("inputSize", inputSize, 1, 256);
      Require.inRange("hiddenSize", hiddenSize, 1, 256);
      Require.inRange("steps", steps, 1, 100);
    }
  }

  /**
   * h_t = tanh(h_{t-1} V + x_t W) for {@code steps} steps, x_t in R^inputSize, h_t in R^hiddenSize.
   */
  public record Bptt(int inputSize, int hiddenSize, int steps) {
    public Bptt {
      Require.inRange("inputSize", inputSize, 1, 256);
      Require.inRange("hiddenSize", hiddenSize, 1, 256);
      Require.inRange("steps", steps, 2, 100);
    }
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
  public record ForwardSums(
      List<Double> inputs, List<Double> smallWeights, List<Double> largeWeights) {
    public ForwardSums {
      if (inputs == null || inputs.isEmpty()) {
        throw new InvalidSettingException("inputs", "must list at least one input");
      }
      for (String name : List.of("smallWeights", "largeWeights")) {
        List<Double> w = name.equals("smallWeights") ? smallWeights : largeWeights;
        if (w == null || w.size() != inputs.size()) {
          throw new InvalidSettingException(
              name, "must list one weight per input (" + inputs.size() + ")");
        }
      }
      inputs = List.copyOf(inputs);
      smallWeights = List.copyOf(smallWeights);
      largeWeights = List.copyOf(largeWeights);
    }
  }
}
