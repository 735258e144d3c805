package org.examlab.harness.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A result's measurements, each written once with the accessor that reads it: a result record keeps
 * one table, {@code new MeasuredFields<R>().add(Measurement.of("bias", "accuracy_with"),
 * R::accuracyWithBias)...}, and both declares ({@link #measurements}) and records ({@link #values})
 * from it, in the order the table was built.
 *
 * @param <T> the result the accessors read
 */
public final class MeasuredFields<T> {
  private final Map<Measurement, ToDoubleFunction<T>> fields = new LinkedHashMap<>();

  /** Adds {@code measurement}, read from a result by {@code accessor}; a measurement only once. */
  public MeasuredFields<T> add(Measurement measurement, ToDoubleFunction<T> accessor) {
    if (fields.putIfAbsent(measurement, accessor) != null) {
      throw new IllegalArgumentException("measurement " + measurement + " is already in the table");
    }
    return this;
  }

  /** The measurements, in table order, for the experiment to declare. */
  public List<Measurement> measurements() {
    return List.copyOf(fields.keySet());
  }

  /** Each of {@link #measurements} with its value read from {@code result}, in table order. */
  public Map<Measurement, Double> values(T result) {
    Map<Measurement, Double> values = new LinkedHashMap<>();
    fields.forEach(
        (measurement, accessor) -> values.put(measurement, accessor.applyAsDouble(result)));
    return values;
  }
}
