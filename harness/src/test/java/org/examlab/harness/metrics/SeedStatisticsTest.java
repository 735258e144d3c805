package org.examlab.harness.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeedStatisticsTest {
  @Test
  void meanStdAndStudentTInterval() {
    SeedStatistics s = SeedStatistics.of(List.of(1.0, 2.0, 3.0));
    assertEquals(2.0, s.mean(), 1e-12);
    assertEquals(1.0, s.std(), 1e-12);
    // t(0.975, 2) = 4.302653
    assertEquals(2.0 - 4.302653 / Math.sqrt(3), s.ciLow(), 1e-5);
    assertEquals(2.0 + 4.302653 / Math.sqrt(3), s.ciHigh(), 1e-5);
  }

  @Test
  void oneValueHasNoSpread() {
    SeedStatistics s = SeedStatistics.of(List.of(5.0));
    assertEquals(5.0, s.ciLow());
    assertEquals(0.0, s.std());
  }

  @Test
  void curvesArePointwise() {
    Curves c = Curves.of(List.of(new double[] {1, 2}, new double[] {3, 4}));
    assertEquals(2.0, c.mean()[0], 1e-12);
    assertEquals(Math.sqrt(2), c.std()[1], 1e-12);
  }
}
