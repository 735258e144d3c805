package org.examlab.experiments.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.examlab.harness.metrics.SegmentationScores;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class TrivialSegmentersTest {

  /** One 1x4 RGB image whose pixels are pure red, green, blue, blue; labelled 0, 1, 2, 2. */
  private static DataSet fourPixels() {
    INDArray features =
        Nd4j.create(
            new float[] {
              1, 0, 0, 0, // red channel
              0, 1, 0, 0, // green
              0, 0, 1, 1
            }, // blue
            new long[] {1, 3, 1, 4},
            'c');
    INDArray labels =
        Nd4j.create(
            new float[] {
              1, 0, 0, 0,
              0, 1, 0, 0,
              0, 0, 1, 1
            },
            new long[] {1, 3, 1, 4},
            'c');
    return new DataSet(features, labels);
  }

  @Test
  void theMajorityClassEverywhereScoresItsShareOfPixels() {
    SegmentationScores scores = TrivialSegmenters.majorityClass(fourPixels(), fourPixels());
    assertEquals(0.5, scores.pixelAccuracy(), 1e-9);
    assertEquals(0.5, scores.iou(2), 1e-9); // 2 of the 4 pixels predicted class 2 are class 2
    assertEquals(0.0, scores.iou(0), 1e-9);
    assertEquals(0.5 / 3, scores.meanIou(), 1e-9);
  }

  @Test
  void nearestMeanColourGetsPurelyColouredClassesRight() {
    SegmentationScores scores = TrivialSegmenters.nearestMeanColour(fourPixels(), fourPixels());
    assertEquals(1.0, scores.pixelAccuracy(), 1e-9);
    assertEquals(1.0, scores.meanIou(), 1e-9);
  }
}
