package org.examlab.experiments.distillation;

import java.util.List;
import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;

/**
 * The distillation experiment's own config keys.
 *
 * @param data the teacher task, the teacher's training set, the test set
 * @param teacher the large MLP trained first, to convergence
 * @param student the small MLP trained on each transfer set, on hard labels or the teacher's
 *     outputs
 * @param transferSizes the transfer-set sizes (labelled examples the student sees)
 */
public record DistillationSettings(
    Data data, Net teacher, Net student, List<Integer> transferSizes) {
  public DistillationSettings {
    Require.present("data", data);
    Require.present("teacher", teacher);
    Require.present("student", student);
    if (transferSizes == null || transferSizes.isEmpty()) {
      throw new InvalidSettingException("transferSizes", "needs at least one transfer-set size");
    }
    transferSizes.forEach(n -> Require.inRange("transferSizes", n, 10, 10_000_000));
  }

  public record Data(int features, int teacherHidden, int teacherExamples, int testExamples) {
    public Data {
      Require.inRange("data.features", features, 1, 100_000);
      Require.inRange("data.teacherHidden", teacherHidden, 1, 100_000);
      Require.inRange("data.teacherExamples", teacherExamples, 16, 10_000_000);
      Require.inRange("data.testExamples", testExamples, 8, 10_000_000);
    }
  }

  /**
   * @param epochs passes over its training set
   */
  public record Net(int hiddenLayers, int width, int epochs) {
    public Net {
      Require.inRange("hiddenLayers", hiddenLayers, 1, 100);
      Require.inRange("width", width, 1, 100_000);
      Require.inRange("epochs", epochs, 1, 100_000);
    }
  }
}
