package org.examlab.harness.training;

import java.util.Locale;

/**
 * Stops a training after the first epoch whose mean training loss is below {@code target}: the
 * model has learned the task, and the remaining epochs would be spent idling. Counts as converged.
 * The trainer adds it whenever the training settings have a {@code targetLoss}.
 */
public final class TargetLoss implements TrainingListener {
  private final double target;

  public TargetLoss(double target) {
    this.target = target;
  }

  @Override
  public void onEpoch(Training training) {
    if (training.epochLoss() < target) {
      training.stop(
          true,
          String.format(
              Locale.ROOT,
              "converged: epoch loss %.4g below the target %.4g after %d epochs",
              training.epochLoss(),
              target,
              training.epoch() + 1));
    }
  }
}
