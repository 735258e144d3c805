package org.examlab.experiments.optimization;

import java.util.Random;

/**
 * Gradient methods on the 2-D saddle f(x, y) = x^2 - y^2 + q y^4 (claims 003-5/saddle-gd,
 * /momentum-escape, /saddle-sgd). The origin is a saddle: f curves up along x and down along y, and
 * the quartic term (q > 0) bounds f below, so an escape ends in a minimum at y = +-1/sqrt(2q)
 * instead of running off. Plain Java: two coordinates need no tensors.
 *
 * <p>SGD's noise comes from the objective itself, not from an injected random vector: f is the mean
 * of n terms f_i = f + a_i x + b_i y whose linear parts sum to zero, so the full gradient is f's,
 * and one sampled term's gradient is f's plus (a_i, b_i). At the saddle the full gradient is
 * exactly zero; a sampled one is not.
 */
final class Saddle {
  /** Escape steps of a run that stayed for the whole budget. */
  static final double NEVER = Double.POSITIVE_INFINITY;

  private final double quartic;
  private final double threshold;
  private final int maxSteps;

  Saddle(double quartic, double threshold, int maxSteps) {
    this.quartic = quartic;
    this.threshold = threshold;
    this.maxSteps = maxSteps;
  }

  Saddle(SaddleSettings s) {
    this(s.quartic(), s.threshold(), s.maxSteps());
  }

  /**
   * Full-batch gradient descent with heavy-ball momentum (v <- beta v - eta grad; p <- p + v; beta
   * = 0 is plain GD) from (x, y): the first step after which |y| exceeds the threshold, or {@link
   * #NEVER}.
   */
  double descentEscapeSteps(double x, double y, double step, double momentum) {
    double vx = 0;
    double vy = 0;
    for (int t = 1; t <= maxSteps; t++) {
      vx = momentum * vx - step * 2 * x;
      vy = momentum * vy - step * gradientY(y);
      x += vx;
      y += vy;
      if (Math.abs(y) > threshold) {
        return t;
      }
    }
    return NEVER;
  }

  /**
   * SGD from (x, y): each step samples one of {@code terms} terms (seeded), whose linear parts are
   * drawn N(0, spread^2) and then centred so that they sum to exactly zero.
   */
  double stochasticEscapeSteps(
      double x, double y, double step, int terms, double spread, long seed) {
    Random random = new Random(seed);
    double[] a = centred(random, terms, spread);
    double[] b = centred(random, terms, spread);
    for (int t = 1; t <= maxSteps; t++) {
      int i = random.nextInt(terms);
      x -= step * (2 * x + a[i]);
      y -= step * (gradientY(y) + b[i]);
      if (Math.abs(y) > threshold) {
        return t;
      }
    }
    return NEVER;
  }

  private double gradientY(double y) {
    return -2 * y + 4 * quartic * y * y * y;
  }

  private static double[] centred(Random random, int n, double spread) {
    double[] v = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      v[i] = spread * random.nextGaussian();
      mean += v[i] / n;
    }
    for (int i = 0; i < n; i++) {
      v[i] -= mean;
    }
    return v;
  }
}
