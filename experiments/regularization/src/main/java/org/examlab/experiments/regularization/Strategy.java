package org.examlab.experiments.regularization;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * The arms compared for claim 000-7, as configs name them. Most train the same small, label-noisy
 * teacher task; the two shift arms train the shift-invariant task (augmentation needs an invariance
 * to act on), and the transfer arms start from an encoder pretrained on a larger task.
 */
public enum Strategy {
  NONE("none"),
  DROPOUT("dropout"),
  L2("l2"),
  DROPOUT_L2("dropout-l2"),
  /**
   * Plain hold-out early stopping: train on the rest, stop at the best validation epoch, keep its
   * weights.
   */
  EARLY_STOPPING("early-stopping"),
  /**
   * Standard early stopping: the epoch count chosen on the hold-out, then a retraining on all the
   * data.
   */
  EARLY_STOPPING_RETRAIN("early-stopping-retrain"),
  /**
   * L2's lambda (and the rate) chosen by k-fold cross-validation, then retrained on all the data.
   */
  L2_KFOLD("l2-kfold"),
  SHIFT_PLAIN("shift-plain"),
  SHIFT_AUGMENTED("shift-augmented"),
  /** Fine-tuned from an encoder pretrained on a related, larger teacher task. */
  TRANSFER("transfer"),
  /** The control: the same pretraining on an unrelated teacher task. */
  TRANSFER_UNRELATED("transfer-unrelated");

  private final String yamlName;

  Strategy(String yamlName) {
    this.yamlName = yamlName;
  }

  @JsonValue
  public String yamlName() {
    return yamlName;
  }

  @JsonCreator
  public static Strategy parse(String text) {
    return Arrays.stream(values())
        .filter(s -> s.yamlName.equalsIgnoreCase(text))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "strategy must be one of "
                        + Arrays.stream(values()).map(Strategy::yamlName).toList()
                        + ", got '"
                        + text
                        + "'"));
  }

  boolean usesDropout() {
    return this == DROPOUT || this == DROPOUT_L2;
  }

  boolean usesL2() {
    return this == L2 || this == DROPOUT_L2 || this == L2_KFOLD;
  }

  boolean usesShiftTask() {
    return this == SHIFT_PLAIN || this == SHIFT_AUGMENTED;
  }

  boolean usesEarlyStopping() {
    return this == EARLY_STOPPING || this == EARLY_STOPPING_RETRAIN;
  }

  boolean usesPretraining() {
    return this == TRANSFER || this == TRANSFER_UNRELATED;
  }
}
