package org.examlab.experiments.optimization;

import java.util.List;
import org.examlab.harness.config.Require;
import org.examlab.harness.config.UpdaterKind;

/**
 * The optimization experiment's own config keys.
 *
 * @param data the generated teacher task
 * @param model the default MLP (a variant may widen it)
 * @param variants the trainings compared, each a name plus what it changes
 */
public record OptimizationSettings(Data data, Model model, List<Variant> variants) {
  public OptimizationSettings {
    Require.present("data", data);
    Require.present("model", model);
    variants = Require.distinctlyNamed("variants", variants, Variant::name);
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
   * @param batchSize examples per step; 0 means the whole training set (full-batch gradient descent)
   * @param init he (default), zero (every weight 0: symmetric units that cannot differ) or large N(0, 1)
   * @param l2 L2 coefficient (default 0)
   * @param dropoutRetain probability of keeping a unit (default 1: no dropout)
   * @param width hidden units per layer, to test "more parameters"
   */
  public record Variant(String name, UpdaterKind updater, Double learningRate, ScheduleKind schedule, Integer batchSize,
      Init init, Double l2, Double dropoutRetain, Integer width) {
    public Variant {
      Require.measurementName("name", name);
      if (learningRate != null) {
        Require.inRange("learningRate", learningRate, 1e-9, 1000.0);
      }
      schedule = schedule == null ? ScheduleKind.FIXED : schedule;
      if (batchSize != null) {
        Require.inRange("batchSize", batchSize, 0, 10_000_000);
      }
      init = init == null ? Init.HE : init;
      l2 = Require.inRange("l2", l2 == null ? 0.0 : l2, 0.0, 1000.0);
      dropoutRetain = Require.inRange("dropoutRetain", dropoutRetain == null ? 1.0 : dropoutRetain, 0.01, 1.0);
      if (width != null) {
        Require.inRange("width", width, 1, 100_000);
      }
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
