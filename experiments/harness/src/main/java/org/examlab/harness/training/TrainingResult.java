package org.examlab.harness.training;

/** What one {@link Trainer#fit} call did. */
public record TrainingResult(
    String task, long seed, int epochs, long iterations, boolean diverged, boolean divergenceIsMeasured, double finalLoss, long samples, double seconds) {

  /** A divergence the experiment did not ask for: the run's status becomes diverged. */
  public boolean divergedUnexpectedly() {
    return diverged && !divergenceIsMeasured;
  }

  public double samplesPerSecond() {
    return seconds > 0 ? samples / seconds : 0.0;
  }
}
