package org.examlab.experiments.regularization;

import java.util.Map;
import java.util.Set;
import org.examlab.harness.settings.TrainingSettings;

/**
 * The hyper-parameters one arm trains with: a tuner candidate (or choice) over the defaults. An arm
 * without dropout or L2 keeps none, whatever a shared grid says, so that "none" stays none.
 */
record ArmParameters(double learningRate, double dropoutRetain, double l2, double shiftShare) {
  static final String LEARNING_RATE = "learningRate";
  static final String DROPOUT_RETAIN = "dropoutRetain";
  static final String L2 = "l2";
  static final String SHIFT_SHARE = "shiftShare";

  /** The parameters a tuning grid may name. */
  static final Set<String> NAMES = Set.of(LEARNING_RATE, DROPOUT_RETAIN, L2, SHIFT_SHARE);

  static ArmParameters of(
      Strategy strategy,
      Map<String, Double> candidate,
      RegularizationSettings.Options o,
      TrainingSettings training) {
    for (String name : candidate.keySet()) {
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException(
            "tuning grid names '"
                + name
                + "', which the regularization arms do not have; they tune "
                + NAMES);
      }
    }
    return new ArmParameters(
        candidate.getOrDefault(LEARNING_RATE, training.learningRate()),
        strategy.usesDropout() ? candidate.getOrDefault(DROPOUT_RETAIN, o.dropoutRetain()) : 1.0,
        strategy.usesL2() ? candidate.getOrDefault(L2, o.l2()) : 0.0,
        strategy == Strategy.SHIFT_AUGMENTED
            ? candidate.getOrDefault(SHIFT_SHARE, o.shiftShare())
            : 0.0);
  }

  /** The run's training settings at this arm's learning rate, for {@code epochs} epochs. */
  TrainingSettings training(TrainingSettings base, int epochs) {
    return base.withEpochs(epochs).withLearningRate(learningRate);
  }

  String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "lr=%g,retain=%g,l2=%g,shift=%g",
        learningRate,
        dropoutRetain,
        l2,
        shiftShare);
  }
}
