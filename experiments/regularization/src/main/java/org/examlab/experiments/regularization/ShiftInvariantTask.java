package org.examlab.experiments.regularization;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A two-class task whose label is invariant, by construction, to circular shifts of the input: the
 * input is a ring of {@code length} standard Gaussian values, and the label says whether a fixed
 * random mix of {@code filters} motifs (width 3) responds more strongly than the median, each
 * motif's response being its maximum over every position on the ring. A shifted input has exactly
 * the same responses, so shifting is a label-preserving augmentation, and the i.i.d. test inputs
 * contain every shift equally often: the variation the augmentation covers is in the test. An MLP
 * sees positions, not the ring: from little data it must learn the invariance itself.
 */
final class ShiftInvariantTask {
  static final int WIDTH = 3;
  private final int length;
  private final double[][] motifs;
  private final double[] mix;
  private final double threshold;

  ShiftInvariantTask(int length, int filters, long teacherSeed) {
    this.length = length;
    SplittableRandom random = new SplittableRandom(teacherSeed);
    motifs = new double[filters][WIDTH];
    mix = new double[filters];
    for (int k = 0; k < filters; k++) {
      for (int j = 0; j < WIDTH; j++) {
        motifs[k][j] = gaussian(random) / Math.sqrt(WIDTH);
      }
      mix[k] = gaussian(random);
    }
    // The median response of a large fixed sample: balanced classes whatever the motifs.
    SplittableRandom sample = new SplittableRandom(teacherSeed ^ 0x5DEECE66DL);
    double[] scores = new double[20_001];
    double[] x = new double[length];
    for (int i = 0; i < scores.length; i++) {
      for (int p = 0; p < length; p++) {
        x[p] = gaussian(sample);
      }
      scores[i] = rawScore(x);
    }
    Arrays.sort(scores);
    threshold = scores[scores.length / 2];
  }

  /** The label's score, shift-invariant: a sum of per-motif maxima over the ring. */
  private double rawScore(double[] x) {
    double score = 0;
    for (int k = 0; k < motifs.length; k++) {
      double best = Double.NEGATIVE_INFINITY;
      for (int p = 0; p < length; p++) {
        double response = 0;
        for (int j = 0; j < WIDTH; j++) {
          response += motifs[k][j] * x[(p + j) % length];
        }
        best = Math.max(best, response);
      }
      score += mix[k] * best;
    }
    return score;
  }

  /** The class (0 or 1) of one input ring. */
  int label(double[] x) {
    return rawScore(x) > threshold ? 1 : 0;
  }

  /** {@code examples} rings with their one-hot labels; the same seed gives the same sample. */
  DataSet generate(int examples, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] features = new float[examples * length];
    float[] labels = new float[examples * 2];
    double[] x = new double[length];
    for (int i = 0; i < examples; i++) {
      for (int p = 0; p < length; p++) {
        x[p] = gaussian(random);
        features[i * length + p] = (float) x[p];
      }
      labels[i * 2 + label(x)] = 1f;
    }
    return new DataSet(
        Nd4j.create(features, new long[] {examples, length}, 'c'),
        Nd4j.create(labels, new long[] {examples, 2}, 'c'));
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
