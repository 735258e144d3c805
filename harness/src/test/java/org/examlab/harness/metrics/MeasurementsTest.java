package org.examlab.harness.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeasurementsTest {
  @Test
  void namesAreTheDotJoinedParts() {
    assertEquals("lstm.accuracy.len40", Measurement.of("lstm", "accuracy", "len" + 40).name());
    assertEquals("a.b.c", Measurement.of("a").then("b", "c").name());
    assertThrows(IllegalArgumentException.class, () -> Measurement.of("two words"));
    assertThrows(IllegalArgumentException.class, () -> new Measurement(""));
  }

  @Test
  void theDeclarationHandsBackWhatItDeclares() {
    Measurements declared = new Measurements();
    Measurement accuracy = declared.add(Measurement.of("arm", "accuracy"));
    declared.addAll(List.of(Measurement.of("arm", "loss"), accuracy));
    assertEquals(List.of("arm.accuracy", "arm.loss"), List.copyOf(declared.names()));
    assertTrue(declared.declares("arm.loss"));
  }

  @Test
  void aRecorderGivenTheDeclarationRefusesAnUndeclaredMeasurement() {
    Measurement declared = Measurement.of("arm", "accuracy");
    MetricsRecorder recorder =
        MetricsRecorder.inMemory("t").expect(new Measurements().addAll(List.of(declared)));
    recorder.measure(1, declared, 0.5);
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> recorder.measure(1, Measurement.of("arm", "acuracy"), 0.5));
    assertTrue(refused.getMessage().contains("arm.acuracy"), refused.getMessage());
    assertEquals(Map.of("arm.accuracy", Map.of(1L, 0.5)), recorder.measurements());
  }
}
