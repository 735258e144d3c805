package org.examlab.experiments.handcalculations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.examlab.harness.metrics.Measurement;
import org.junit.jupiter.api.Test;

class UniversalApproximationTest {
  private final HandCalculationsSettings.Universal small =
      new HandCalculationsSettings.Universal(List.of(2, 8, 32), 2, 256, 401, 40);

  @Test
  void theLinearControlReachesTheBestStraightLineErrorDerivedByHand() {
    Map<Measurement, Double> v = UniversalApproximation.measure(small, 1L);
    // Best line for sin(3 pi x) on uniform [-1, 1]: slope E[x sin(3 pi x)] / E[x^2] = (1 / 3pi) /
    // (1/3) = 1/pi,
    // residual variance 1/2 - 1/(3 pi^2): relative error sqrt(1 - 2 / (3 pi^2)) = 0.9656.
    assertEquals(
        Math.sqrt(1 - 2 / (3 * Math.PI * Math.PI)),
        v.get(new Measurement("universal.sine.linear_error")),
        0.03);
    // |x| is even: the best line is the constant 1/2, which leaves all of its spread: relative
    // error 1.
    assertEquals(1.0, v.get(new Measurement("universal.abs.linear_error")), 0.03);
  }

  @Test
  void sigmoidUnitsDoBetterTheMoreThereAre() {
    Map<Measurement, Double> v = UniversalApproximation.measure(small, 2L);
    for (String target : UniversalApproximation.TARGETS.keySet()) {
      assertTrue(v.get(UniversalApproximation.slope(target)) < 0, target + ": " + v);
      assertTrue(
          v.get(UniversalApproximation.error(target))
              < v.get(UniversalApproximation.linearError(target)),
          target + ": " + v);
    }
  }
}
