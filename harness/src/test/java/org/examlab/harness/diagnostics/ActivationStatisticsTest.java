package org.examlab.harness.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.factory.Nd4j;

class ActivationStatisticsTest {
  @Test
  void saturationDependsOnTheActivation() {
    var x = Nd4j.createFromArray(new float[][] {{0.995f, -0.999f}, {0.5f, 0.001f}});
    assertEquals(0.5, ActivationStatistics.saturatedFraction(new ActivationTanH(), x), 1e-9);
    assertEquals(
        0.75,
        ActivationStatistics.saturatedFraction(new ActivationSigmoid(), x),
        1e-9); // 0.995, -0.999, 0.001
    assertEquals(0.0, ActivationStatistics.saturatedFraction(new ActivationReLU(), x), 1e-9);
  }

  @Test
  void deadUnitsAreZeroForEveryExampleAndPosition() {
    // [examples=2, units=3, steps=2]: unit 1 is dead; unit 2 fires once.
    var x = Nd4j.zeros(2, 3, 2);
    x.putScalar(new long[] {0, 0, 0}, 1.0);
    x.putScalar(new long[] {1, 0, 1}, 2.0);
    x.putScalar(new long[] {1, 2, 0}, 0.5);
    assertEquals(1.0 / 3, ActivationStatistics.deadUnitFraction(x), 1e-6);
  }
}
