package org.examlab.datasets.tabular;

import java.util.SplittableRandom;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Two-input Boolean problems, the classic test of what a linear model can and cannot do: XOR (not
 * linearly separable) and AND (separable). Points are the four corners of the unit square,
 * optionally repeated with small Gaussian jitter. Labels are one-hot {@code [n, 2]}; {@link
 * #signLabels} gives them as -1 / +1 for perceptron-style rules.
 */
public enum BooleanTasks {
  XOR,
  AND;

  boolean truth(int a, int b) {
    return this == XOR ? (a ^ b) == 1 : (a & b) == 1;
  }

  /** {@code copies} jittered copies of the four corners (jitter 0 gives the exact truth table). */
  public DataSet generate(int copies, double jitter, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = copies * 4;
    float[] x = new float[n * 2];
    float[] y = new float[n * 2];
    for (int c = 0; c < copies; c++) {
      for (int corner = 0; corner < 4; corner++) {
        int i = c * 4 + corner;
        int a = corner >> 1;
        int b = corner & 1;
        x[i * 2] = (float) (a + jitter * TeacherTask.gaussian(random));
        x[i * 2 + 1] = (float) (b + jitter * TeacherTask.gaussian(random));
        y[i * 2 + (truth(a, b) ? 1 : 0)] = 1f;
      }
    }
    return new DataSet(
        Nd4j.create(x, new long[] {n, 2}, 'c'), Nd4j.create(y, new long[] {n, 2}, 'c'));
  }

  /** The labels of a generated set as a column of -1 (false) / +1 (true). */
  public static org.nd4j.linalg.api.ndarray.INDArray signLabels(DataSet data) {
    return data.getLabels().getColumn(1).reshape(-1, 1).mul(2).sub(1);
  }
}
