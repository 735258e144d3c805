package org.examlab.harness.metrics;

import java.util.Collection;

/** Pointwise mean and standard deviation of curves measured once per seed (all the same length). */
public record Curves(double[] mean, double[] std) {

  public static Curves of(Collection<double[]> perSeed) {
    int n = perSeed.size();
    int len = perSeed.stream().mapToInt(c -> c.length).min().orElse(0);
    double[] mean = new double[len];
    double[] std = new double[len];
    for (double[] c : perSeed) {
      for (int i = 0; i < len; i++) {
        mean[i] += c[i] / n;
      }
    }
    if (n > 1) {
      for (double[] c : perSeed) {
        for (int i = 0; i < len; i++) {
          std[i] += (c[i] - mean[i]) * (c[i] - mean[i]) / (n - 1);
        }
      }
      for (int i = 0; i < len; i++) {
        std[i] = Math.sqrt(std[i]);
      }
    }
    return new Curves(mean, std);
  }
}
