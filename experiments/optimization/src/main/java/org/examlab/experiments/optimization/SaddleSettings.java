package org.examlab.experiments.optimization;

import org.examlab.harness.validation.Require;

/**
 * The 2-D saddle of claims 003-5/saddle-gd, /momentum-escape and /saddle-sgd (see {@link Saddle}).
 *
 * @param quartic q in f = x^2 - y^2 + q y^4 (q > 0 keeps f bounded below: minima at y =
 *     +-1/sqrt(2q))
 * @param step the step size every method uses (same step: only the method differs)
 * @param momentum the heavy-ball coefficient of the momentum run
 * @param epsilon how far from the saddle the deterministic runs start
 * @param threshold escaped = |y| above this
 * @param maxSteps the budget; a run that has not escaped by then stayed
 * @param terms the finite sum's number of terms (SGD samples one per step)
 * @param termSpread the standard deviation of the terms' linear parts (their mean is exactly 0)
 */
public record SaddleSettings(
    Double quartic,
    Double step,
    Double momentum,
    Double epsilon,
    Double threshold,
    Integer maxSteps,
    Integer terms,
    Double termSpread) {
  static final SaddleSettings DEFAULT =
      new SaddleSettings(null, null, null, null, null, null, null, null);

  public SaddleSettings {
    quartic = Require.inRange("saddle.quartic", quartic == null ? 0.25 : quartic, 0.0, 100.0);
    step = Require.inRange("saddle.step", step == null ? 0.05 : step, 1e-6, 0.5);
    momentum = Require.inRange("saddle.momentum", momentum == null ? 0.9 : momentum, 0.0, 0.999);
    epsilon = Require.inRange("saddle.epsilon", epsilon == null ? 1e-3 : epsilon, 0.0, 1.0);
    threshold =
        Require.inRange("saddle.threshold", threshold == null ? 1.0 : threshold, 1e-6, 100.0);
    maxSteps =
        Require.inRange("saddle.maxSteps", maxSteps == null ? 1000 : maxSteps, 1, 10_000_000);
    terms = Require.inRange("saddle.terms", terms == null ? 16 : terms, 2, 1_000_000);
    termSpread =
        Require.inRange("saddle.termSpread", termSpread == null ? 1.0 : termSpread, 0.0, 1000.0);
  }
}
