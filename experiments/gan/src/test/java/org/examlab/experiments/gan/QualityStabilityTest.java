package org.examlab.experiments.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class QualityStabilityTest {
  @Test
  void readsTheSecondHalfOfTheCurve() {
    // first half ignored (any values); second half 1, 10, 1, 1 (log10: 0, 1, 0, 0)
    List<Double> curve = List.of(100.0, 0.001, 7.0, 3.0, 1.0, 10.0, 1.0, 1.0);
    assertEquals((1 + 1 + 0) / 3.0, QualityStability.jitter(curve), 1e-12);
    // 1 -> 10 worsens (x10 > 1.5), 10 -> 1 and 1 -> 1 do not
    assertEquals(1 / 3.0, QualityStability.worseningShare(curve), 1e-12);
  }

  @Test
  void aSteadilyFallingCurveNeverWorsens() {
    List<Double> falling = List.of(8.0, 4.0, 2.0, 1.0, 0.5, 0.25);
    assertEquals(0.0, QualityStability.worseningShare(falling));
    assertEquals(Math.log10(2), QualityStability.jitter(falling), 1e-12);
  }

  @Test
  void tooFewPointsAreNaN() {
    assertTrue(Double.isNaN(QualityStability.jitter(List.of(1.0))));
    assertTrue(Double.isNaN(QualityStability.worseningShare(List.of())));
  }
}
