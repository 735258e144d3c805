package org.examlab.experiments.datasplits;

import org.examlab.harness.validation.Require;

/**
 * The data-splits experiment's own config keys.
 *
 * @param data the teacher task the pictures stand for, how many are split and how many test the
 *     model
 * @param night what night does to a picture: every feature x becomes contrast * x + offset,
 *     whatever its class
 * @param model the MLP trained on each training set
 */
public record DataSplitsSettings(Data data, Night night, Model model) {
  public DataSplitsSettings {
    Require.present("data", data);
    Require.present("night", night);
    Require.present("model", model);
  }

  /**
   * @param examples pictures split into training and validation halves, half of them taken at night
   * @param testExamples fresh pictures, day and night mixed like the shuffled split, for its model
   */
  public record Data(int features, int teacherHidden, int examples, int testExamples) {
    public Data {
      Require.inRange("data.features", features, 1, 100_000);
      Require.inRange("data.teacherHidden", teacherHidden, 1, 100_000);
      Require.inRange("data.examples", examples, 16, 10_000_000);
      if (examples % 4 != 0) {
        throw new org.examlab.harness.validation.InvalidSettingException(
            "data.examples",
            "must be a multiple of 4 (half day, half night; half training, half validation), got "
                + examples);
      }
      Require.inRange("data.testExamples", testExamples, 8, 10_000_000);
    }
  }

  public record Night(double contrast, double offset) {
    public Night {
      Require.inRange("night.contrast", contrast, 0.01, 100.0);
      Require.inRange("night.offset", offset, -100.0, 100.0);
    }
  }

  public record Model(int hiddenLayers, int width) {
    public Model {
      Require.inRange("model.hiddenLayers", hiddenLayers, 1, 100);
      Require.inRange("model.width", width, 1, 100_000);
    }
  }
}
