package org.examlab.experiments.seq2seq;

import org.examlab.harness.metrics.Measurement;

/**
 * Every measurement of the experiment, each name built here only: the declaration
 * (Seq2seqExperiment.measurements), the recording and the plots all use these handles.
 */
final class Seq2seqMeasurements {
  private Seq2seqMeasurements() {}

  /** The accuracy kinds: the whole output right, or the fraction of output tokens right. */
  static final String EXACT = "exact";

  static final String TOKEN = "token";

  /** {@code variant}'s {@code kind} accuracy (EXACT or TOKEN) on test inputs of {@code length}. */
  static Measurement atLength(Attention variant, String kind, int length) {
    return Measurement.of(variant.label(), kind, "len" + length);
  }

  /** The exact-match accuracy at the shortest test length. */
  static Measurement exactShortest(Attention variant) {
    return Measurement.of(variant.label(), EXACT, "shortest");
  }

  /** The {@code kind} accuracy averaged over the long test lengths. */
  static Measurement atLongLengths(Attention variant, String kind) {
    return Measurement.of(variant.label(), kind, "long");
  }

  /** The exact-match accuracy averaged over the test lengths never seen in training. */
  static Measurement exactUnseen(Attention variant) {
    return Measurement.of(variant.label(), EXACT, "unseen");
  }

  /** The last epoch's teacher-forced training loss (infinite if the training diverged). */
  static Measurement finalLoss(Attention variant) {
    return Measurement.of(variant.label(), "final_loss");
  }
}
