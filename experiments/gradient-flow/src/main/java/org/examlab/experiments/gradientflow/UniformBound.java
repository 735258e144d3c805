package org.examlab.experiments.gradientflow;

/**
 * Claim 003-8f: the bound a of U(-a, a) weights that keeps Var(y) = Var(x) for y = sum_i w_i x_i
 * over n inputs.
 *
 * <p>With w_i and x_i independent, zero-mean: Var(y) = n Var(w) Var(x). Var(U(-a, a)) = a^2 / 3.
 * Var(y) = Var(x) needs n a^2 / 3 = 1, so a = sqrt(3 / n). The experiment checks it numerically
 * ({@code uniform_init.variance_ratio}).
 */
final class UniformBound {
  private UniformBound() {}

  static double varianceKeepingBound(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    return Math.sqrt(3.0 / n);
  }
}
