package org.examlab.harness.training;

/**
 * What one {@link Trainer#fit} call did.
 *
 * @param converged whether the training finished learning by the trainer's convergence rule
 * @param convergence the rule's one-line account of this training
 */
public record TrainingResult(
    String task, long seed, int epochs, long iterations, boolean diverged, boolean divergenceIsMeasured, double finalLoss, long samples,
    double seconds, boolean converged, String convergence) {

  /** A training whose convergence was not judged. */
  public TrainingResult(String task, long seed, int epochs, long iterations, boolean diverged, boolean divergenceIsMeasured,
      double finalLoss, long samples, double seconds) {
    this(task, seed, epochs, iterations, diverged, divergenceIsMeasured, finalLoss, samples, seconds, false, "not judged");
  }

  /** A divergence the experiment did not ask for: the run's status becomes diverged. */
  public boolean divergedUnexpectedly() {
    return diverged && !divergenceIsMeasured;
  }

  public double samplesPerSecond() {
    return seconds > 0 ? samples / seconds : 0.0;
  }
}
