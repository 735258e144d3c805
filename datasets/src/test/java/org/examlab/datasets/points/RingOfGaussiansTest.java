package org.examlab.datasets.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class RingOfGaussiansTest {
  private final RingOfGaussians ring = new RingOfGaussians(8, 2.0, 0.05);

  @Test
  void realSamplesCoverEveryModeAndAreNearOne() {
    int[] modes = ring.nearbyMode(ring.sample(2000, 1L));
    long near = Arrays.stream(modes).filter(m -> m >= 0).count();
    assertTrue(near > 0.98 * 2000, "share near a mode " + near);
    assertEquals(8, Arrays.stream(modes).filter(m -> m >= 0).distinct().count());
    assertEquals(ring.sample(10, 3L), ring.sample(10, 3L));
  }

  @Test
  void theCentreIsNearNoMode() {
    assertEquals(-1, ring.nearbyMode(Nd4j.createFromArray(new float[][] {{0f, 0f}}))[0]);
    assertEquals(0, ring.nearbyMode(Nd4j.createFromArray(new float[][] {{2f, 0f}}))[0]);
  }
}
