package org.examlab.harness.training;

import java.util.function.Consumer;

/**
 * Something that happens around the trainer's loop rather than in it: stopping at a target loss or
 * on a validation plateau, evaluating after each epoch, recording diagnostics or update norms,
 * declaring a divergence to be a measurement. Every hook gets the training in progress, which also
 * carries the means to act on it ({@link Training#stop}).
 *
 * <p>Listeners are called in list order: the trainer's defaults (diagnostics, target loss) first,
 * then the ones passed to {@link Trainer#fit}. {@link #onEpoch} is not called for an epoch that
 * diverged; {@link #onTrainingEnd} is always called, also after a divergence or an exception.
 */
public interface TrainingListener {

  default void onTrainingBegin(Training training) {}

  /** After the batches of the epoch have been drawn and before the first is fitted. */
  default void onEpochStart(Training training) {}

  /** After an epoch: {@link Training#epoch()} and {@link Training#epochLoss()} describe it. */
  default void onEpoch(Training training) {}

  default void onTrainingEnd(Training training) {}

  /**
   * What this listener remembers of the training so far (a running median, an event count, the best
   * epoch's weights), saved in the training's {@link TrainingCheckpoint}: a training resumed from
   * it, or a finished one the checkpoint stands in for, gets it back through {@link #restore} and
   * goes on as if it had never stopped. Null (the default) for a listener that keeps nothing across
   * epochs. A listener that keeps something must say what, or a resumed run differs.
   */
  default java.io.Serializable checkpointState() {
    return null;
  }

  /**
   * Takes back what {@link #checkpointState} gave; called after {@link #onTrainingBegin} on a
   * resumed training.
   */
  default void restore(java.io.Serializable state) {}

  /**
   * A per-epoch evaluation: {@code evaluation} runs after every epoch (curves on test data, say).
   */
  static TrainingListener afterEachEpoch(Consumer<Training> evaluation) {
    return new TrainingListener() {
      @Override
      public void onEpoch(Training training) {
        evaluation.accept(training);
      }
    };
  }

  /**
   * Declares that this training may diverge and that its divergence is itself a measurement (an
   * exploding-gradient regime, too high a learning rate): divergence still stops the training, but
   * does not mark the run as diverged.
   */
  static TrainingListener divergenceIsMeasured() {
    return new TrainingListener() {
      @Override
      public void onTrainingBegin(Training training) {
        training.expectDivergence();
      }
    };
  }
}
