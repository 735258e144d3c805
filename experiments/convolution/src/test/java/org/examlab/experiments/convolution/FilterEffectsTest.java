package org.examlab.experiments.convolution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seed 003's filters C1 and C2 (003-4a), against plain Java sums and hand-derived responses. */
class FilterEffectsTest {

  @Test
  void filtersRespondAsWorkedOutByHand() {
    FilterEffects f = FilterEffects.measure(10, 3);
    assertEquals(0.0, f.c1ConstantError(), 1e-12);
    assertEquals(0.0, f.c1MeanError(), 1e-12);
    // a 3x3 window of a +-1 checkerboard holds five of one sign and four of the other: 1/9
    assertEquals(1 / 9.0, f.c1CheckerboardGain(), 1e-12);
    assertEquals(0.0, f.c2Constant(), 0.0);
    assertEquals(0.0, f.c2HorizontalEdge(), 0.0);
    // the window straddling the vertical edge: (0 - 1) + (0 - 1) = -2
    assertEquals(2.0, f.c2VerticalEdge(), 1e-12);
    assertEquals(2.0, f.c2TransposedHorizontalEdge(), 1e-12);
  }

  @Test
  void c2IsAHorizontalDifferenceInPlainJava() {
    Nd4j.getRandom().setSeed(9);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 1, 1, 5, 6);
    INDArray out = FilterEffects.apply(x, FilterEffects.kernel(FilterEffects.C2));
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 5; j++) {
        double expected =
            x.getDouble(0, 0, i, j)
                - x.getDouble(0, 0, i, j + 1)
                + x.getDouble(0, 0, i + 1, j)
                - x.getDouble(0, 0, i + 1, j + 1);
        assertEquals(expected, out.getDouble(0, 0, i, j), 1e-12);
      }
    }
  }
}
