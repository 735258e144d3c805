package org.examlab.experiments.regularization;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The regularization strategies compared (claim 000-7), as configs name them. */
public enum Strategy {
  NONE("none"),
  DROPOUT("dropout"),
  L2("l2"),
  EARLY_STOPPING("early-stopping"),
  DROPOUT_L2("dropout-l2"),
  AUGMENTATION("augmentation"),
  L2_KFOLD("l2-kfold");

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
    return Arrays.stream(values()).filter(s -> s.yamlName.equalsIgnoreCase(text)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("strategy must be one of "
            + Arrays.stream(values()).map(Strategy::yamlName).toList() + ", got '" + text + "'"));
  }

  boolean usesDropout() {
    return this == DROPOUT || this == DROPOUT_L2;
  }

  boolean usesFixedL2() {
    return this == L2 || this == DROPOUT_L2;
  }
}
