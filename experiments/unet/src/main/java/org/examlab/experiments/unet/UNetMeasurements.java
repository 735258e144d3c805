package org.examlab.experiments.unet;

import java.util.List;
import org.examlab.datasets.scenes.SceneType;
import org.examlab.harness.metrics.Measurement;

/** The names of the experiment's measurements, each built here only. */
final class UNetMeasurements {
  static final Measurement EXAM_PARAMS = Measurement.of("exam_size", "params");
  static final Measurement EXAM_ESTIMATED_FIXED_MB =
      Measurement.of("exam_size", "estimated_fixed_mb");
  static final Measurement EXAM_ESTIMATED_MB_PER_EXAMPLE =
      Measurement.of("exam_size", "estimated_mb_per_example");

  /** The exam-size graph's size, always measured. */
  static final List<Measurement> EXAM_SIZE =
      List.of(EXAM_PARAMS, EXAM_ESTIMATED_FIXED_MB, EXAM_ESTIMATED_MB_PER_EXAMPLE);

  static final Measurement EXAM_STEP_SECONDS = Measurement.of("exam_size", "step_seconds");
  static final Measurement EXAM_STEP_WORKSPACE_MB =
      Measurement.of("exam_size", "step_workspace_mb");
  static final Measurement EXAM_STEP_PEAK_RESIDENT_MB =
      Measurement.of("exam_size", "step_peak_resident_mb");

  /** The measured exam-size step, with {@code examStep} only. */
  static final List<Measurement> EXAM_STEP =
      List.of(EXAM_STEP_SECONDS, EXAM_STEP_WORKSPACE_MB, EXAM_STEP_PEAK_RESIDENT_MB);

  private UNetMeasurements() {}

  static Measurement pixelAccuracy(Arm arm) {
    return Measurement.of(arm.key(), "pixel_accuracy");
  }

  static Measurement meanIou(Arm arm) {
    return Measurement.of(arm.key(), "mean_iou");
  }

  /** {@code road.iou_road}: the IoU of one of the type's classes. */
  static Measurement classIou(Arm arm, String className) {
    return Measurement.of(arm.key(), "iou_" + className);
  }

  /** The yardstick of the majority class everywhere (a scene type's, whatever the head). */
  static Measurement majorityMeanIou(SceneType type) {
    return Measurement.of(type.key(), "majority_mean_iou");
  }

  /** The yardstick of the nearest mean colour per pixel (a scene type's, whatever the head). */
  static Measurement colourMeanIou(SceneType type) {
    return Measurement.of(type.key(), "colour_mean_iou");
  }
}
