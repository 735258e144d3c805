package org.examlab.harness.config;

import com.fasterxml.jackson.annotation.JsonValue;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/** The optimizers a config can name, mapped to DL4J's updaters. */
public enum UpdaterKind {
  SGD,
  MOMENTUM,
  ADAM,
  RMSPROP;

  public IUpdater create(double learningRate) {
    return switch (this) {
      case SGD -> new Sgd(learningRate);
      case MOMENTUM -> new Nesterovs(learningRate, 0.9);
      case ADAM -> new Adam(learningRate);
      case RMSPROP -> new RmsProp(learningRate);
    };
  }

  @JsonValue
  public String yamlName() {
    return name().toLowerCase();
  }
}
