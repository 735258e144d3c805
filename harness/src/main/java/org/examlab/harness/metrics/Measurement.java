package org.examlab.harness.metrics;

import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A per-seed scalar a verdict rule can read, named once: an experiment builds each handle in one
 * place (a method or constant of its own), lists it in its {@link Measurements} declaration and
 * records it with the same handle ({@link MetricsRecorder#measure(long, Measurement, double)}), so
 * no measurement name is written twice. Names are dot-joined parts, e.g. {@code
 * Measurement.of("lstm", "accuracy", "len" + 40)} is {@code lstm.accuracy.len40}.
 */
public record Measurement(String name) {
  public Measurement {
    if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "a measurement name is one non-blank word: '" + name + "'");
    }
  }

  /** The measurement named by {@code parts} joined with dots. */
  public static Measurement of(Object first, Object... rest) {
    return new Measurement(
        Stream.concat(Stream.of(first), Arrays.stream(rest))
            .map(String::valueOf)
            .collect(Collectors.joining(".")));
  }

  /**
   * This name with {@code parts} appended: {@code arm.then("accuracy")} is {@code arm.accuracy}.
   */
  public Measurement then(Object... parts) {
    return of(name, parts);
  }

  @Override
  public String toString() {
    return name;
  }
}
