package org.examlab.experiments.unet;

import java.util.List;
import org.examlab.datasets.scenes.SceneType;
import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;

/**
 * The U-Net experiment's own config keys.
 *
 * @param network the size the exam's U-Net is trained at
 * @param scenes which generated scene types, how many, how noisy
 * @param evaluation what is drawn at the end
 * @param examStep optional: one training step of the exam-size network, timed and its memory
 *     measured
 */
public record UNetSettings(
    Network network, Scenes scenes, Evaluation evaluation, ExamStep examStep) {
  public UNetSettings {
    Require.present("network", network);
    Require.present("scenes", scenes);
    evaluation = evaluation == null ? new Evaluation(4) : evaluation;
  }

  /**
   * @param widthMultiplier scales the exam's filter counts (128, 256, 512, 256, 128); 1.0 is the
   *     exam
   * @param height input rows (the exam: 128), a multiple of 4
   * @param width input columns (the exam: 256), a multiple of 4
   */
  public record Network(double widthMultiplier, int height, int width) {
    public Network {
      Require.inRange("widthMultiplier", widthMultiplier, 1.0 / 128, 4.0);
      Require.inRange("height", height, 8, 1024);
      Require.inRange("width", width, 8, 1024);
      if (height % 4 != 0 || width % 4 != 0) {
        throw new InvalidSettingException(
            height % 4 != 0 ? "height" : "width",
            "must be a multiple of 4 (the U-Net pools twice by 2), got " + height + "x" + width);
      }
    }

    ExamUNet unet(int classes) {
      return new ExamUNet(widthMultiplier, height, width, classes);
    }
  }

  /**
   * @param types the scene types trained on, each its own network (checkerboard, road, histology,
   *     street)
   * @param train training scenes per type and seed
   * @param test held-out scenes per type and seed, for the IoU
   * @param noise amplitude of the uniform per-pixel colour noise (0 to 0.3)
   * @param sigmoid types also trained with a sigmoid head (one sigmoid per class, binary
   *     cross-entropy), each its own network beside the softmax one (default none)
   */
  public record Scenes(
      List<SceneType> types, int train, int test, double noise, List<SceneType> sigmoid) {
    public Scenes {
      if (types == null || types.isEmpty()) {
        throw new InvalidSettingException(
            "types", "must list at least one of checkerboard, road, histology, street");
      }
      Require.requireDistinct("types", types);
      types = List.copyOf(types);
      sigmoid = sigmoid == null ? List.of() : List.copyOf(sigmoid);
      Require.requireDistinct("sigmoid", sigmoid);
      for (SceneType t : sigmoid) {
        if (!types.contains(t)) {
          throw new InvalidSettingException(
              "sigmoid", t.key() + " is not one of the types trained: " + types);
        }
      }
      Require.inRange("train", train, 1, 1_000_000);
      Require.inRange("test", test, 1, 1_000_000);
      Require.inRange("noise", noise, 0.0, 0.3);
    }
  }

  /**
   * @param panels test scenes per type drawn as input | ground truth | prediction
   */
  public record Evaluation(int panels) {
    public Evaluation {
      Require.inRange("panels", panels, 0, 32);
    }
  }

  /**
   * @param batch examples in the one exam-size training step (its memory grows with it)
   */
  public record ExamStep(int batch) {
    public ExamStep {
      Require.inRange("batch", batch, 1, 64);
    }
  }
}
