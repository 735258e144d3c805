package org.examlab.experiments.binarycnn;

import java.util.List;
import org.examlab.harness.metrics.Measurement;

/**
 * What is measured of each variant V, named {@code V.<label>} (see {@link BinaryCnnExperiment}):
 * the test scores and the stopping rule's epochs of every variant, the change against the reference
 * of the others, and the scores on the varied test pictures of an augmentation that keeps labels.
 */
enum VariantMetric {
  EXACT_ACCURACY("exact_accuracy"),
  BIT_ACCURACY("bit_accuracy"),
  MEAN_ABS_ERROR("mean_abs_error"),
  STOP_EPOCH("stop_epoch"),
  STOPPED_EARLY("stopped_early"),
  ORACLE_EPOCH("oracle_epoch"),
  BEST_TEST_EXACT_ACCURACY("best_test_exact_accuracy"),
  LAST_EPOCH_EXACT_ACCURACY("last_epoch_exact_accuracy"),
  STOPPING_REGRET("stopping_regret"),
  EXACT_ACCURACY_CHANGE("exact_accuracy_change"),
  VARIED_EXACT_ACCURACY("varied_exact_accuracy"),
  REFERENCE_VARIED_EXACT_ACCURACY("reference_varied_exact_accuracy"),
  VARIED_GAIN("varied_gain");

  /** Measured of every variant. */
  static final List<VariantMetric> PER_VARIANT =
      List.of(
          EXACT_ACCURACY,
          BIT_ACCURACY,
          MEAN_ABS_ERROR,
          STOP_EPOCH,
          STOPPED_EARLY,
          ORACLE_EPOCH,
          BEST_TEST_EXACT_ACCURACY,
          LAST_EPOCH_EXACT_ACCURACY,
          STOPPING_REGRET);

  /** Measured of a variant whose augmentation varies the test pictures. */
  static final List<VariantMetric> VARIED =
      List.of(VARIED_EXACT_ACCURACY, REFERENCE_VARIED_EXACT_ACCURACY, VARIED_GAIN);

  final String label;

  VariantMetric(String label) {
    this.label = label;
  }

  /** {@code <variant>.<label>}, e.g. {@code softmax.exact_accuracy}. */
  Measurement of(String variant) {
    return Measurement.of(variant, label);
  }
}
