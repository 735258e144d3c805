package org.examlab.datasets.tabular;

import java.util.SplittableRandom;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A non-linear two-class problem with a known answer: inputs are standard Gaussian vectors in
 * {@code features} dimensions, and the label is the sign of a fixed random one-hidden-layer tanh
 * "teacher" network. Learnable by a student MLP, not by a linear model; the same {@code
 * teacherSeed} always gives the same teacher, the same {@code seed} the same sample.
 *
 * <p>Features are {@code [examples, features]}; labels one-hot {@code [examples, 2]}.
 */
public record TeacherTask(int features, int teacherHidden, long teacherSeed) {

  public TeacherTask {
    if (features < 1 || teacherHidden < 1) {
      throw new IllegalArgumentException(
          "features and teacherHidden must be >= 1, got " + features + ", " + teacherHidden);
    }
  }

  public DataSet generate(int examples, long seed) {
    if (examples < 1) {
      throw new IllegalArgumentException("examples must be >= 1, got " + examples);
    }
    SplittableRandom teacherRandom = new SplittableRandom(teacherSeed);
    double[][] w1 = new double[teacherHidden][features];
    double[] w2 = new double[teacherHidden];
    for (int h = 0; h < teacherHidden; h++) {
      for (int f = 0; f < features; f++) {
        w1[h][f] = gaussian(teacherRandom) / Math.sqrt(features);
      }
      w2[h] = gaussian(teacherRandom);
    }
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[examples * features];
    float[] y = new float[examples * 2];
    double[] input = new double[features];
    for (int i = 0; i < examples; i++) {
      for (int f = 0; f < features; f++) {
        input[f] = gaussian(random);
        x[i * features + f] = (float) input[f];
      }
      double out = 0;
      for (int h = 0; h < teacherHidden; h++) {
        double pre = 0;
        for (int f = 0; f < features; f++) {
          pre += w1[h][f] * input[f];
        }
        out += w2[h] * Math.tanh(2 * pre);
      }
      y[i * 2 + (out > 0 ? 1 : 0)] = 1f;
    }
    return new DataSet(
        Nd4j.create(x, new long[] {examples, features}, 'c'),
        Nd4j.create(y, new long[] {examples, 2}, 'c'));
  }

  /** Box-Muller: a standard normal value from a SplittableRandom (which has no nextGaussian). */
  static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
