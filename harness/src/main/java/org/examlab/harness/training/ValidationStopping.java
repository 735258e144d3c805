package org.examlab.harness.training;

import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Early stopping on held-out data: after each epoch the validation loss (recorded as {@link
 * TrainingMetrics#VALIDATION_LOSS}); training stops once it has not fallen for {@code patience}
 * epochs, and at the end of the training, stopped or not, the best epoch's weights are restored. A
 * stop counts as converged: the validation loss has plateaued or turned up.
 *
 * <p>The experiment says what the validation loss is ({@code net.score(validation)}, or a
 * cross-entropy without the penalty terms); the data it is computed on plays no other part.
 */
public final class ValidationStopping implements TrainingListener {
  private final ToDoubleFunction<Model> validationLoss;
  private final int patience;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private int bestEpoch = -1;
  private INDArray bestParams;

  public ValidationStopping(ToDoubleFunction<Model> validationLoss, int patience) {
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be at least 1, got " + patience);
    }
    this.validationLoss = validationLoss;
    this.patience = patience;
  }

  @Override
  public void onEpoch(Training training) {
    double loss = validationLoss.applyAsDouble(training.network());
    training.recordEpoch(TrainingMetrics.VALIDATION_LOSS, loss);
    int epoch = training.epoch();
    if (loss < bestLoss) {
      bestLoss = loss;
      bestEpoch = epoch;
      bestParams = training.network().params().dup();
    }
    if (epoch - bestEpoch >= patience) {
      training.stop(
          true,
          String.format(
              Locale.ROOT,
              "converged: validation loss has not improved for %d epochs (best %.4g after epoch %d of %d)",
              patience,
              bestLoss,
              bestEpoch + 1,
              epoch + 1));
    }
  }

  @Override
  public void onTrainingEnd(Training training) {
    if (bestParams != null) {
      training.network().setParams(bestParams);
    }
  }

  private record State(double bestLoss, int bestEpoch, byte[] bestParams)
      implements java.io.Serializable {}

  @Override
  public java.io.Serializable checkpointState() {
    try {
      return new State(
          bestLoss,
          bestEpoch,
          bestParams == null ? null : org.nd4j.linalg.factory.Nd4j.toByteArray(bestParams));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void restore(java.io.Serializable saved) {
    State state = (State) saved;
    bestLoss = state.bestLoss();
    bestEpoch = state.bestEpoch();
    bestParams =
        state.bestParams() == null
            ? null
            : org.nd4j.linalg.factory.Nd4j.fromByteArray(state.bestParams());
  }

  /** The epoch (from 0) whose weights are kept; -1 before any epoch. */
  public int bestEpoch() {
    return bestEpoch;
  }

  public double bestLoss() {
    return bestLoss;
  }
}
