package org.examlab.harness.training;

/**
 * What one training did: {@link Trainer#fit} or a {@link Trainer.Loop}, one per (task, seed).
 *
 * @param epochs epochs run (0 for a step loop)
 * @param iterations mini-batches fitted
 * @param finalLoss the last mini-batch loss
 * @param converged whether the training converged, by {@link ConvergenceRule} (or by its target
 *     loss, its validation stopping, or for a step loop the experiment's own judgement)
 * @param convergence the decision in one line, with the numbers behind it
 */
public record TrainingResult(
    String task,
    long seed,
    int epochs,
    long iterations,
    boolean diverged,
    boolean divergenceIsMeasured,
    double finalLoss,
    long samples,
    double seconds,
    boolean converged,
    String convergence)
    implements java.io.Serializable {

  /** A divergence the experiment did not ask for: the run's status becomes diverged. */
  public boolean divergedUnexpectedly() {
    return diverged && !divergenceIsMeasured;
  }

  public double samplesPerSecond() {
    return seconds > 0 ? samples / seconds : 0.0;
  }
}
