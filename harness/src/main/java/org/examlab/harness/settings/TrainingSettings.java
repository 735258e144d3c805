package org.examlab.harness.settings;

import org.examlab.harness.validation.Require;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * How every network of a run is trained, unless the experiment says otherwise for a variant.
 *
 * @param epochs passes over the training set (every config has it)
 * @param batchSize examples per gradient step
 * @param learningRate step size of the updater
 * @param updater sgd, momentum, adam or rmsprop (default adam)
 * @param l2 L2 penalty coefficient (default 0: none)
 * @param gradientClipNorm clip each layer's gradient to this L2 norm (default 0: no clipping)
 * @param targetLoss stop early once an epoch's mean training loss is below this (default 0: never);
 *     saves the time a model that has already learned the task would spend idling
 * @param convergence when a training counts as converged (default window 5 epochs, tolerance 1%)
 * @param checkpoints save a training checkpoint every this many epochs (default 0: by time only)
 * @param checkpointMinutes save a training checkpoint once this many minutes have passed since the
 *     training started or last saved one (default 0.5: a kill costs at most half a minute of a
 *     training; 0 with {@code checkpoints} 0: no checkpoints, so a killed run cannot resume). On by
 *     default: a run of a few seconds writes none in the middle of a training, only the record of
 *     each finished one ({@code TrainingCheckpoint}).
 */
public record TrainingSettings(
    int epochs,
    int batchSize,
    double learningRate,
    UpdaterKind updater,
    Double l2,
    Double gradientClipNorm,
    Double targetLoss,
    ConvergenceSettings convergence,
    Integer checkpoints,
    Double checkpointMinutes) {

  public static final double DEFAULT_CHECKPOINT_MINUTES = 0.5;

  public TrainingSettings {
    Require.inRange("epochs", epochs, 1, 100_000);
    Require.inRange("batchSize", batchSize, 1, 1_000_000);
    Require.inRange("learningRate", learningRate, 1e-9, 100.0);
    updater = updater == null ? UpdaterKind.ADAM : updater;
    l2 = Require.inRange("l2", l2 == null ? 0.0 : l2, 0.0, 10.0);
    gradientClipNorm =
        Require.inRange(
            "gradientClipNorm", gradientClipNorm == null ? 0.0 : gradientClipNorm, 0.0, 1e9);
    targetLoss = Require.inRange("targetLoss", targetLoss == null ? 0.0 : targetLoss, 0.0, 1e9);
    convergence = convergence == null ? ConvergenceSettings.DEFAULT : convergence;
    checkpoints = Require.inRange("checkpoints", checkpoints == null ? 0 : checkpoints, 0, 100_000);
    checkpointMinutes =
        Require.inRange(
            "checkpointMinutes",
            checkpointMinutes == null ? DEFAULT_CHECKPOINT_MINUTES : checkpointMinutes,
            0.0,
            10_000.0);
  }

  /** Settings without checkpoint choices: the defaults. */
  public TrainingSettings(
      int epochs,
      int batchSize,
      double learningRate,
      UpdaterKind updater,
      Double l2,
      Double gradientClipNorm,
      Double targetLoss,
      ConvergenceSettings convergence) {
    this(
        epochs,
        batchSize,
        learningRate,
        updater,
        l2,
        gradientClipNorm,
        targetLoss,
        convergence,
        null,
        null);
  }

  /** Whether a training saves checkpoints at all (every N epochs, or every few minutes). */
  public boolean checkpointing() {
    return checkpoints > 0 || checkpointMinutes > 0;
  }

  /** The same settings for {@code epochs} epochs: a training that needs a budget of its own. */
  public TrainingSettings withEpochs(int epochs) {
    return copy(epochs, batchSize, learningRate, targetLoss, convergence);
  }

  /** The same settings with mini-batches of {@code batchSize} examples. */
  public TrainingSettings withBatchSize(int batchSize) {
    return copy(epochs, batchSize, learningRate, targetLoss, convergence);
  }

  /** The same settings stopping below {@code targetLoss} (0: never stop early). */
  public TrainingSettings withTargetLoss(double targetLoss) {
    return copy(epochs, batchSize, learningRate, targetLoss, convergence);
  }

  /** The same settings at step size {@code learningRate} (an arm's tuned rate). */
  public TrainingSettings withLearningRate(double learningRate) {
    return copy(epochs, batchSize, learningRate, targetLoss, convergence);
  }

  /**
   * The same settings trained for the whole budget, never stopped at convergence (still judged by
   * it): trainings whose budgets are matched on purpose, e.g. the same steps for every arm.
   */
  public TrainingSettings withFullBudget() {
    return copy(
        epochs,
        batchSize,
        learningRate,
        targetLoss,
        new ConvergenceSettings(convergence.window(), convergence.tolerance(), false));
  }

  /** These settings with the fields the withers change replaced; the others kept. */
  private TrainingSettings copy(
      int epochs,
      int batchSize,
      double learningRate,
      Double targetLoss,
      ConvergenceSettings convergence) {
    return new TrainingSettings(
        epochs,
        batchSize,
        learningRate,
        updater,
        l2,
        gradientClipNorm,
        targetLoss,
        convergence,
        checkpoints,
        checkpointMinutes);
  }

  public IUpdater newUpdater() {
    return updater.create(learningRate);
  }
}
