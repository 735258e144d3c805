package org.examlab.datasets.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class RenderedDigitsTest {
  @Test
  void imagesAreDeterministicInRangeAndShowADigit() {
    System.setProperty("java.awt.headless", "true");
    RenderedDigits digits = new RenderedDigits(28);
    int[] labels = new int[20];
    INDArray a = digits.sample(20, 4L, labels);
    assertArrayEquals(new long[] {20, 784}, a.shape());
    assertEquals(a, digits.sample(20, 4L, null));
    assertTrue(a.minNumber().doubleValue() >= 0 && a.maxNumber().doubleValue() <= 1);
    for (int i = 0; i < 20; i++) {
      double ink = a.getRow(i).meanNumber().doubleValue();
      assertTrue(
          ink > 0.03 && ink < 0.6, "image " + i + " (digit " + labels[i] + ") ink share " + ink);
    }
  }
}
