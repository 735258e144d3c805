package org.examlab.experiments.rnngradients;

import org.examlab.harness.metrics.Measurement;

/**
 * Every measurement of the experiment, each name built here only: the declaration
 * (RnnGradientsExperiment.measurements), the recording and the plots all use these handles.
 */
final class RnnGradientsMeasurements {
  private RnnGradientsMeasurements() {}

  /** 1 / the number of target symbols: the accuracy of guessing. */
  static final Measurement CHANCE_ACCURACY = Measurement.of("chance_accuracy");

  /** Held-out recall accuracy of {@code cell} trained at sequence length {@code length}. */
  static Measurement accuracy(RecurrentCell cell, int length) {
    return Measurement.of(cell.label(), "accuracy", "len" + length);
  }

  /** The same accuracy at the longest length, under a name that does not depend on the config. */
  static Measurement accuracyLongest(RecurrentCell cell) {
    return Measurement.of(cell.label(), "accuracy", "longest");
  }

  static Measurement parameters(RecurrentCell cell) {
    return Measurement.of(cell.label(), "parameters");
  }

  /** Exploding events summed over the unclipped plain-SGD grid. */
  static Measurement explodingEventCount(RecurrentCell cell) {
    return clipping(cell, ClippingVariant.UNCLIPPED).then("exploding_events");
  }

  /** log10 of the largest update of the large-initialisation training, clipped or not. */
  static Measurement maxUpdateNormLog10(RecurrentCell cell, ClippingVariant variant) {
    return clipping(cell, variant).then("max_update_norm_log10");
  }

  /** The final epoch loss of the large-initialisation training, clipped or not. */
  static Measurement finalLoss(RecurrentCell cell, ClippingVariant variant) {
    return clipping(cell, variant).then("final_loss");
  }

  private static Measurement clipping(RecurrentCell cell, ClippingVariant variant) {
    return Measurement.of(cell.label(), variant.label());
  }

  /** The hidden-state transport at the probe lag, log10, at {@code stage} (init / trained). */
  static Measurement hiddenTransportLog10(RecurrentCell cell, String stage) {
    return transport(cell, stage).then("hidden_transport_log10");
  }

  /** The LSTM's cell-state transport at the probe lag, log10. */
  static Measurement cellTransportLog10(RecurrentCell cell, String stage) {
    return transport(cell, stage).then("cell_transport_log10");
  }

  /** The LSTM's forget-gate path at the probe lag, log10. */
  static Measurement forgetPathLog10(RecurrentCell cell, String stage) {
    return transport(cell, stage).then("forget_path_log10");
  }

  /** The decay rate of the carried state's transport, decades per step. */
  static Measurement decadesPerStep(RecurrentCell cell, String stage) {
    return transport(cell, stage).then("decades_per_step");
  }

  private static Measurement transport(RecurrentCell cell, String stage) {
    return Measurement.of(cell.label(), stage);
  }
}
