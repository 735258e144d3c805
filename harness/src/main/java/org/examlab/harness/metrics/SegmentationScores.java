package org.examlab.harness.metrics;

import java.util.Arrays;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Per-pixel scores of a segmentation from its confusion matrix: pixel accuracy, per-class
 * intersection over union and their mean. Inputs are NCHW: class probabilities (or scores) and
 * one-hot labels, both {@code [examples, classes, height, width]}.
 *
 * @param confusion {@code confusion[truth][predicted]} pixel counts
 */
public record SegmentationScores(long[][] confusion) {

  /** Scores a trained network's predictions (inference mode) on {@code data}. */
  public static SegmentationScores of(Model network, DataSet data) {
    return of(Classification.predict(network, data.getFeatures()), data.getLabels());
  }

  /** Scores the most probable class of each pixel against the labelled one. */
  public static SegmentationScores of(INDArray probabilities, INDArray labels) {
    if (!Arrays.equals(probabilities.shape(), labels.shape()) || probabilities.rank() != 4) {
      throw new IllegalArgumentException(
          "expected equal [N, C, H, W] shapes, got "
              + Arrays.toString(probabilities.shape())
              + " and "
              + Arrays.toString(labels.shape()));
    }
    int classes = (int) labels.size(1);
    int[] predicted = probabilities.argMax(1).ravel().toIntVector();
    int[] truth = labels.argMax(1).ravel().toIntVector();
    long[][] confusion = new long[classes][classes];
    for (int i = 0; i < truth.length; i++) {
      confusion[truth[i]][predicted[i]]++;
    }
    return new SegmentationScores(confusion);
  }

  public int classes() {
    return confusion.length;
  }

  public double pixelAccuracy() {
    long correct = 0;
    long all = 0;
    for (int t = 0; t < classes(); t++) {
      for (int p = 0; p < classes(); p++) {
        all += confusion[t][p];
      }
      correct += confusion[t][t];
    }
    return all == 0 ? Double.NaN : (double) correct / all;
  }

  /**
   * TP / (TP + FP + FN) of class {@code c}; NaN when the class is neither present nor predicted.
   */
  public double iou(int c) {
    long truePositive = confusion[c][c];
    long union = -truePositive;
    for (int k = 0; k < classes(); k++) {
      union += confusion[c][k] + confusion[k][c];
    }
    return union == 0 ? Double.NaN : (double) truePositive / union;
  }

  /** Mean IoU over the classes that occur in the labels or the predictions. */
  public double meanIou() {
    double sum = 0;
    int counted = 0;
    for (int c = 0; c < classes(); c++) {
      double iou = iou(c);
      if (!Double.isNaN(iou)) {
        sum += iou;
        counted++;
      }
    }
    return counted == 0 ? Double.NaN : sum / counted;
  }
}
