package org.examlab.experiments.unet;

import org.examlab.harness.metrics.SegmentationScores;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The yardsticks a trained segmenter must beat, both fitted on the training scenes and scored on
 * the test scenes: the majority class everywhere (what "learned nothing" scores), and the class
 * whose mean colour is nearest to the pixel's (what a segmenter with no spatial context scores).
 */
final class TrivialSegmenters {
  private TrivialSegmenters() {}

  static SegmentationScores majorityClass(DataSet train, DataSet test) {
    INDArray labels = test.getLabels();
    int classes = (int) labels.size(1);
    double[] pixelsPerClass = train.getLabels().sum(0, 2, 3).toDoubleVector();
    int majority = 0;
    for (int c = 1; c < classes; c++) {
      majority = pixelsPerClass[c] > pixelsPerClass[majority] ? c : majority;
    }
    INDArray prediction = Nd4j.zerosLike(labels);
    prediction.get(NDArrayIndex.all(), NDArrayIndex.point(majority)).assign(1);
    return SegmentationScores.of(prediction, labels);
  }

  static SegmentationScores nearestMeanColour(DataSet train, DataSet test) {
    int classes = (int) train.getLabels().size(1);
    int channels = (int) train.getFeatures().size(1);
    double[][] mean = new double[classes][channels];
    double[] count = new double[classes];
    float[] x = pixelsLast(train.getFeatures());
    int[] y = train.getLabels().argMax(1).ravel().toIntVector();
    for (int p = 0; p < y.length; p++) {
      count[y[p]]++;
      for (int ch = 0; ch < channels; ch++) {
        mean[y[p]][ch] += x[p * channels + ch];
      }
    }
    for (int c = 0; c < classes; c++) {
      for (int ch = 0; ch < channels; ch++) {
        mean[c][ch] /= Math.max(1, count[c]);
      }
    }
    float[] t = pixelsLast(test.getFeatures());
    int pixels = t.length / channels;
    float[] scores = new float[pixels * classes]; // [pixel][class]: minus the squared distance
    for (int p = 0; p < pixels; p++) {
      for (int c = 0; c < classes; c++) {
        double d = 0;
        for (int ch = 0; ch < channels; ch++) {
          double diff = t[p * channels + ch] - mean[c][ch];
          d += diff * diff;
        }
        scores[p * classes + c] = (float) -d;
      }
    }
    INDArray labels = test.getLabels();
    INDArray prediction =
        Nd4j.create(
                scores, new long[] {labels.size(0), labels.size(2), labels.size(3), classes}, 'c')
            .permute(0, 3, 1, 2);
    return SegmentationScores.of(prediction, labels);
  }

  /** NCHW features as one row of channel values per pixel, pixels in (n, h, w) order. */
  private static float[] pixelsLast(INDArray nchw) {
    return nchw.permute(0, 2, 3, 1).dup('c').data().asFloat();
  }
}
