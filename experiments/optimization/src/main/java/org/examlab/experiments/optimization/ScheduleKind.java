package org.examlab.experiments.optimization;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * Learning-rate schedules (claim 002-3b), per epoch: fixed; step (x0.5 every quarter of the
 * epochs); exponential (x0.9 per epoch); cosine (from the rate to 0 over the epochs, a MapSchedule:
 * DL4J M2.1 has no cosine schedule); warm-up (linear from rate/10 to the rate over the first
 * quarter, then fixed).
 */
public enum ScheduleKind {
  FIXED,
  STEP,
  EXPONENTIAL,
  COSINE,
  WARMUP;

  ISchedule create(double rate, int epochs) {
    return switch (this) {
      case FIXED -> new FixedSchedule(rate);
      case STEP -> new StepSchedule(ScheduleType.EPOCH, rate, 0.5, Math.max(1, epochs / 4));
      case EXPONENTIAL -> new ExponentialSchedule(ScheduleType.EPOCH, rate, 0.9);
      case COSINE -> byEpoch(epochs, e -> rate * 0.5 * (1 + Math.cos(Math.PI * e / epochs)));
      case WARMUP -> {
        int warm = Math.max(1, epochs / 4);
        yield byEpoch(epochs, e -> e < warm ? rate * (0.1 + 0.9 * e / warm) : rate);
      }
    };
  }

  private static ISchedule byEpoch(int epochs, java.util.function.IntToDoubleFunction rate) {
    Map<Integer, Double> values = new HashMap<>();
    for (int e = 0; e <= epochs; e++) {
      values.put(e, rate.applyAsDouble(e));
    }
    return new MapSchedule(ScheduleType.EPOCH, values);
  }

  @JsonValue
  public String yamlName() {
    return name().toLowerCase();
  }
}
