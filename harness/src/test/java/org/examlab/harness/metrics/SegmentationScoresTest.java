package org.examlab.harness.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.examlab.harness.backend.BackendSetup;
import org.examlab.harness.settings.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SegmentationScoresTest {
  @BeforeAll
  static void startBackendLikeARun() throws Exception {
    // Loads the native build a run would: ND4J started by a bare Nd4j call picks another one,
    // and the first start wins for the whole test JVM.
    BackendSetup.start(Backend.CPU);
  }

  /** One 1x4 image with 3 classes, written as class indices per pixel. */
  private static INDArray oneHot(int... classes) {
    INDArray a = Nd4j.zeros(1, 3, 1, classes.length);
    for (int x = 0; x < classes.length; x++) {
      a.putScalar(new long[] {0, classes[x], 0, x}, 1.0);
    }
    return a;
  }

  @Test
  void scoresFollowTheConfusionMatrix() {
    // truth 0 0 1 1, predicted 0 1 1 1: class 0 IoU 1/2, class 1 IoU 2/3, class 2 absent.
    SegmentationScores s = SegmentationScores.of(oneHot(0, 1, 1, 1), oneHot(0, 0, 1, 1));
    assertEquals(0.75, s.pixelAccuracy(), 1e-12);
    assertEquals(0.5, s.iou(0), 1e-12);
    assertEquals(2.0 / 3, s.iou(1), 1e-12);
    assertTrue(Double.isNaN(s.iou(2)));
    assertEquals((0.5 + 2.0 / 3) / 2, s.meanIou(), 1e-12);
    assertEquals(1, s.confusion()[0][1]);
  }
}
