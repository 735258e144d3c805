package org.examlab.harness.settings;

import com.fasterxml.jackson.annotation.JsonValue;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;

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

  /** The same updater with a learning-rate schedule instead of a fixed rate. */
  public IUpdater create(ISchedule schedule) {
    return switch (this) {
      case SGD -> new Sgd(schedule);
      case MOMENTUM -> new Nesterovs(schedule, 0.9);
      case ADAM -> new Adam(schedule);
      case RMSPROP -> new RmsProp(schedule);
    };
  }

  @JsonValue
  public String yamlName() {
    return name().toLowerCase();
  }
}
