package org.examlab.experiments.gradientflow;

import java.util.ArrayList;
import java.util.List;
import org.examlab.experiments.gradientflow.GradientFlowSettings.Variant;
import org.examlab.harness.metrics.Measurement;

/** A variant's measurements, {@code <variant>.…}, each name built here once. */
final class VariantMeasurements {
  private VariantMeasurements() {}

  /** log10 of the first-layer over the last-layer error signal ||dL/dz|| at initialization. */
  static Measurement signalRatio(Variant v) {
    return atInit(v, "signal_ratio_log10");
  }

  /** |{@link #signalRatio}|. */
  static Measurement signalImbalance(Variant v) {
    return atInit(v, "signal_imbalance_log10");
  }

  /** log10 of the first-layer over the last-layer weight-gradient norm at initialization. */
  static Measurement weightGradRatio(Variant v) {
    return atInit(v, "weight_grad_ratio_log10");
  }

  /** |{@link #weightGradRatio}|. */
  static Measurement weightGradImbalance(Variant v) {
    return atInit(v, "weight_grad_imbalance_log10");
  }

  /** log10 of the last over the first hidden layer's activation std at initialization. */
  static Measurement actStdRatio(Variant v) {
    return atInit(v, "act_std_ratio_log10");
  }

  /** |{@link #actStdRatio}|. */
  static Measurement actStdDrift(Variant v) {
    return atInit(v, "act_std_drift_log10");
  }

  /** Share of saturated activations in the last hidden layer at initialization. */
  static Measurement saturatedLast(Variant v) {
    return atInit(v, "saturated_last");
  }

  static Measurement finalLoss(Variant v) {
    return Measurement.of(v.name(), "final_loss");
  }

  static Measurement testAccuracy(Variant v) {
    return Measurement.of(v.name(), "test_accuracy");
  }

  /** log10 of the mean first-layer gradient norm during training (diagnostics on). */
  static Measurement firstGradDuringTraining(Variant v) {
    return Measurement.of(v.name(), "train", "first_grad_log10");
  }

  /** Relative change of the first layer's weight std during training (diagnostics on). */
  static Measurement firstWeightStdChange(Variant v) {
    return Measurement.of(v.name(), "train", "first_weight_std_change");
  }

  /** Everything recorded for {@code v}; the training ones only with diagnostics on. */
  static List<Measurement> all(Variant v, boolean diagnostics) {
    List<Measurement> all =
        new ArrayList<>(
            List.of(
                signalRatio(v),
                signalImbalance(v),
                weightGradRatio(v),
                weightGradImbalance(v),
                actStdRatio(v),
                actStdDrift(v),
                saturatedLast(v),
                finalLoss(v),
                testAccuracy(v)));
    if (diagnostics) {
      all.add(firstGradDuringTraining(v));
      all.add(firstWeightStdChange(v));
    }
    return all;
  }

  private static Measurement atInit(Variant v, String statistic) {
    return Measurement.of(v.name(), "init", statistic);
  }
}
