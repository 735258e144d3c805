package org.examlab.experiments.binarycnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumberScoresTest {
  @Test
  void scoresCountWholeNumbersDigitsAndDistance() {
    NumberScores s = NumberScores.of(new long[] {5, 4, 0}, new long[] {5, 5, 3}, 4);
    assertEquals(1.0 / 3, s.exactAccuracy(), 1e-12);
    assertEquals(
        (4 + 3 + 2) / 12.0, s.bitAccuracy(), 1e-12); // 4 vs 5 differ in one digit, 0 vs 3 in two
    assertEquals((0 + 1 + 3) / 3.0, s.meanAbsoluteError(), 1e-12);
  }
}
