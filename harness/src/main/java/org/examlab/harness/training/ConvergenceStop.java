package org.examlab.harness.training;

/**
 * Ends a training at the first epoch the {@link ConvergenceRule} calls converged ({@code
 * training.convergence.stop: true}): the budget becomes a ceiling, and the epochs after the loss
 * has flattened are not spent. The trainer adds it when the settings ask for it.
 */
final class ConvergenceStop implements TrainingListener {
  private final ConvergenceRule rule;

  ConvergenceStop(ConvergenceRule rule) {
    this.rule = rule;
  }

  @Override
  public void onEpoch(Training training) {
    ConvergenceRule.Judgement judgement = rule.judge(training.epochLosses());
    if (judgement.converged()) {
      training.stop(
          true,
          judgement.reason()
              + "; stopped after epoch "
              + (training.epoch() + 1)
              + " (training.convergence.stop)");
    }
  }
}
