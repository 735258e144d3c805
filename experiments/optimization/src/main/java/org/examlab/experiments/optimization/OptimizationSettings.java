package org.examlab.experiments.optimization;

import java.util.List;
import org.examlab.harness.settings.UpdaterKind;
import org.examlab.harness.validation.Require;

/**
 * The optimization experiment's own config keys.
 *
 * @param data the generated teacher task
 * @param model the default MLP (a variant may widen it)
 * @param targetLoss the training loss (cross-entropy, nats) whose first crossing is {@code
 *     steps_to_target}
 * @param variants the trainings compared, each a name plus what it changes, in the order they train
 * @param saddle the 2-D saddle of claims 003-5/saddle-gd, /momentum-escape, /saddle-sgd
 * @param gradientNoise the minibatch-gradient variance of claim 003-5/large-batch
 */
public record OptimizationSettings(
    Data data,
    Model model,
    Double targetLoss,
    List<Variant> variants,
    SaddleSettings saddle,
    GradientNoiseSettings gradientNoise) {
  public OptimizationSettings {
    Require.present("data", data);
    Require.present("model", model);
    targetLoss = Require.inRange("targetLoss", targetLoss == null ? 0.35 : targetLoss, 1e-6, 100.0);
    variants = Require.distinctlyNamed("variants", variants, Variant::name);
    saddle = saddle == null ? SaddleSettings.DEFAULT : saddle;
    gradientNoise = gradientNoise == null ? GradientNoiseSettings.DEFAULT : gradientNoise;
    java.util.Set<String> earlier = new java.util.HashSet<>();
    for (Variant v : variants) {
      for (String[] ref : new String[][] {{"rateOf", v.rateOf()}, {"stepsOf", v.stepsOf()}}) {
        if (ref[1] != null && !earlier.contains(ref[1])) {
          throw new org.examlab.harness.validation.InvalidSettingException(
              "variants." + v.name() + "." + ref[0],
              "must name a variant listed before it (read from it), got " + ref[1]);
        }
      }
      earlier.add(v.name());
    }
  }

  public record Data(int features, int teacherHidden, int trainExamples, int testExamples) {
    public Data {
      Require.inRange("features", features, 1, 100_000);
      Require.inRange("teacherHidden", teacherHidden, 1, 100_000);
      Require.inRange("trainExamples", trainExamples, 8, 10_000_000);
      Require.inRange("testExamples", testExamples, 8, 10_000_000);
    }
  }

  public record Model(int hiddenLayers, int width) {
    public Model {
      Require.inRange("hiddenLayers", hiddenLayers, 1, 100);
      Require.inRange("width", width, 1, 100_000);
    }
  }

  /**
   * One training to compare. Unset fields take the run's {@code training} settings or the model's.
   *
   * @param batchSize examples per step; 0 means the whole training set (full-batch gradient
   *     descent)
   * @param init he (default), zero (every weight 0: symmetric units that cannot differ) or large
   *     N(0, 1)
   * @param l2 L2 coefficient (default 0)
   * @param dropoutRetain probability of keeping a unit (default 1: no dropout)
   * @param width hidden units per layer, to test "more parameters"
   * @param rateOf take the learning rate another (earlier) variant used, tuned or not, for this
   *     seed
   * @param rateFactor multiply the rate by this (default 1): "10x the tuned rate", "the diverging
   *     rate / 10"
   * @param epochs this variant's own budget (default the run's)
   * @param stepsOf train as many gradient steps as that (earlier) variant does, in whole epochs:
   *     the equal-steps comparison of two batch sizes
   * @param depth hidden layers (default the model's): a deep net for batch normalization
   * @param batchNorm batch normalization in every hidden layer, before the ReLU (default false)
   */
  public record Variant(
      String name,
      UpdaterKind updater,
      Double learningRate,
      ScheduleKind schedule,
      Integer batchSize,
      Init init,
      Double l2,
      Double dropoutRetain,
      Integer width,
      String rateOf,
      Double rateFactor,
      Integer epochs,
      String stepsOf,
      Integer depth,
      Boolean batchNorm) {
    public Variant {
      Require.measurementName("name", name);
      if (learningRate != null) {
        Require.inRange("learningRate", learningRate, 1e-9, 1000.0);
      }
      rateFactor = Require.inRange("rateFactor", rateFactor == null ? 1.0 : rateFactor, 1e-9, 1e9);
      if (epochs != null) {
        Require.inRange("epochs", epochs, 1, 100_000);
      }
      schedule = schedule == null ? ScheduleKind.FIXED : schedule;
      if (batchSize != null) {
        Require.inRange("batchSize", batchSize, 0, 10_000_000);
      }
      init = init == null ? Init.HE : init;
      l2 = Require.inRange("l2", l2 == null ? 0.0 : l2, 0.0, 1000.0);
      dropoutRetain =
          Require.inRange("dropoutRetain", dropoutRetain == null ? 1.0 : dropoutRetain, 0.01, 1.0);
      if (width != null) {
        Require.inRange("width", width, 1, 100_000);
      }
      if (depth != null) {
        Require.inRange("depth", depth, 1, 100);
      }
      batchNorm = Boolean.TRUE.equals(batchNorm);
    }

    /**
     * A variant that changes nothing but the optimizer and its rate (the L2 identity's networks).
     */
    static Variant plain(String name, UpdaterKind updater, double rate) {
      return new Variant(
          name, updater, rate, null, null, null, null, null, null, null, null, null, null, null,
          null);
    }
  }

  /** Weight initializations for the "why does training error not decrease" cases. */
  public enum Init {
    HE,
    ZERO,
    LARGE;

    @com.fasterxml.jackson.annotation.JsonValue
    public String yamlName() {
      return name().toLowerCase();
    }
  }
}
