package org.examlab.experiments.gradientflow;

import java.util.List;
import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;

/**
 * The gradient-flow experiment's own config keys.
 *
 * @param task the generated teacher-network classification problem
 * @param network depth and width of the deep MLPs
 * @param variants the networks compared: activation, initialization, batch norm, residual
 * @param checks the exams' small checks (XOR, perceptron, sigmoid(ReLU), uniform bound, clipping)
 */
public record GradientFlowSettings(
    Task task, Network network, List<Variant> variants, Checks checks) {
  public GradientFlowSettings {
    Require.present("task", task);
    Require.present("network", network);
    Require.present("checks", checks);
    variants = Require.distinctlyNamed("variants", variants, Variant::name);
    if (variants.stream().noneMatch(v -> v.name().equals(checks.clipping().variant()))) {
      throw new InvalidSettingException(
          "checks",
          "clipping.variant '"
              + checks.clipping().variant()
              + "' is not one of the variants "
              + variants.stream().map(Variant::name).toList());
    }
  }

  /**
   * @param features input dimensions
   * @param teacherHidden hidden units of the random teacher that labels the data
   * @param trainExamples training examples per seed
   * @param testExamples held-out examples per seed
   * @param probeExamples examples the gradient and activation statistics at initialization average
   *     over
   */
  public record Task(
      int features, int teacherHidden, int trainExamples, int testExamples, int probeExamples) {
    public Task {
      Require.inRange("features", features, 1, 100_000);
      Require.inRange("teacherHidden", teacherHidden, 1, 100_000);
      Require.inRange("trainExamples", trainExamples, 8, 10_000_000);
      Require.inRange("testExamples", testExamples, 8, 10_000_000);
      Require.inRange("probeExamples", probeExamples, 2, 1_000_000);
    }
  }

  /**
   * @param depth hidden layers; @param width units per hidden layer
   */
  public record Network(int depth, int width) {
    public Network {
      Require.inRange("depth", depth, 2, 500);
      Require.inRange("width", width, 1, 100_000);
    }
  }

  /**
   * One network to compare.
   *
   * @param name lower-case name used in measurement names ("sigmoid-xavier")
   * @param batchNorm batch normalization before each hidden activation (default false)
   * @param residual add each hidden layer's input to its output, from the second layer on (default
   *     false)
   * @param depth hidden layers, if not the network's default
   */
  public record Variant(
      String name,
      ActivationKind activation,
      InitKind init,
      Boolean batchNorm,
      Boolean residual,
      Integer depth) {
    public Variant {
      Require.measurementName("name", name);
      Require.present("activation", activation);
      Require.present("init", init);
      batchNorm = batchNorm != null && batchNorm;
      residual = residual != null && residual;
      if (depth != null) {
        Require.inRange("depth", depth, 2, 500);
      }
    }

    int depthOr(int fallback) {
      return depth != null ? depth : fallback;
    }
  }

  /**
   * @param samples draws used by the sigmoid(ReLU) and uniform-bound checks
   */
  public record Checks(int samples, Xor xor, Perceptron perceptron, Clipping clipping) {
    public Checks {
      Require.inRange("samples", samples, 16, 10_000_000);
      Require.present("xor", xor);
      Require.present("perceptron", perceptron);
      Require.present("clipping", clipping);
    }
  }

  /** 003-8a: a deep net with and without non-linearities on XOR. */
  public record Xor(int depth, int width, int epochs, double learningRate) {
    public Xor {
      Require.inRange("depth", depth, 2, 100);
      Require.inRange("width", width, 2, 10_000);
      Require.inRange("epochs", epochs, 1, 1_000_000);
      Require.inRange("learningRate", learningRate, 1e-9, 100.0);
    }
  }

  /** 004-FF: the perceptron rule, online, on AND (separable) and XOR. */
  public record Perceptron(int epochs, double learningRate) {
    public Perceptron {
      Require.inRange("epochs", epochs, 1, 1_000_000);
      Require.inRange("learningRate", learningRate, 1e-9, 100.0);
    }
  }

  /** 003-8c: train {@code variant} with plain SGD, with and without per-layer gradient clipping. */
  public record Clipping(String variant, double learningRate, double clipNorm, int epochs) {
    public Clipping {
      Require.nonBlank("variant", variant);
      Require.inRange("learningRate", learningRate, 1e-9, 100.0);
      Require.positive("clipNorm", clipNorm);
      Require.inRange("epochs", epochs, 1, 100_000);
    }
  }
}
