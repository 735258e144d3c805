package org.examlab.harness.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeasuredFieldsTest {
  record Result(double accuracy, double loss) {}

  private static final Measurement LOSS = Measurement.of("arm", "loss");
  private static final Measurement ACCURACY = Measurement.of("arm", "accuracy");
  private static final Measurement GAP = Measurement.of("arm", "gap");

  private static final MeasuredFields<Result> FIELDS =
      new MeasuredFields<Result>()
          .add(LOSS, Result::loss)
          .add(ACCURACY, Result::accuracy)
          .add(GAP, r -> r.accuracy() - r.loss());

  @Test
  void theMeasurementsAreListedInTableOrder() {
    assertEquals(List.of(LOSS, ACCURACY, GAP), FIELDS.measurements());
  }

  @Test
  void eachValueIsItsAccessorsReadingInTableOrder() {
    Map<Measurement, Double> values = FIELDS.values(new Result(0.75, 0.25));
    assertEquals(List.of(LOSS, ACCURACY, GAP), List.copyOf(values.keySet()));
    assertEquals(List.of(0.25, 0.75, 0.5), List.copyOf(values.values()));
    assertEquals(0.75, values.get(ACCURACY));
  }

  @Test
  void aMeasurementIsInTheTableOnlyOnce() {
    MeasuredFields<Result> fields = new MeasuredFields<Result>().add(LOSS, Result::loss);
    assertThrows(IllegalArgumentException.class, () -> fields.add(LOSS, Result::accuracy));
  }
}
