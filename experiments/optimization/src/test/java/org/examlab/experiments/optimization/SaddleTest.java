package org.examlab.experiments.optimization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Known answers on f = x^2 - y^2 (no quartic term): y grows by (1 + 2 eta) per GD step. */
class SaddleTest {
  private final Saddle pureSaddle = new Saddle(0.0, 1.0, 5000);

  @Test
  void gradientDescentStartedExactlyAtTheSaddleNeverMoves() {
    assertEquals(Saddle.NEVER, pureSaddle.descentEscapeSteps(0, 0, 0.1, 0.0));
    assertEquals(Saddle.NEVER, pureSaddle.descentEscapeSteps(0, 0, 0.1, 0.9));
  }

  @Test
  void sampledTermsEscapeWhereTheFullGradientIsZero() {
    for (long seed = 1; seed <= 5; seed++) {
      assertTrue(
          Double.isFinite(pureSaddle.stochasticEscapeSteps(0, 0, 0.1, 16, 1.0, seed)),
          "seed " + seed);
    }
    // Terms without a linear part are the full objective: SGD is GD and stays.
    assertEquals(Saddle.NEVER, pureSaddle.stochasticEscapeSteps(0, 0, 0.1, 16, 0.0, 1L));
  }

  @Test
  void gradientDescentNearTheSaddleEscapesInLogarithmicTime() {
    double eps = 1e-6;
    double eta = 0.1;
    // |y_t| = eps (1 + 2 eta)^t first exceeds 1 at t = ceil(ln(1/eps) / ln(1 + 2 eta)) (or one
    // later at an exact tie).
    double expected = Math.ceil(Math.log(1 / eps) / Math.log(1 + 2 * eta));
    assertEquals(expected, pureSaddle.descentEscapeSteps(0, eps, eta, 0.0), 1.0);
    assertTrue(
        pureSaddle.descentEscapeSteps(0, eps, eta, 0.9) < expected,
        "heavy-ball momentum leaves sooner");
  }
}
