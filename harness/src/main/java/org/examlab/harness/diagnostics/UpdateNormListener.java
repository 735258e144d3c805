package org.examlab.harness.diagnostics;

import org.deeplearning4j.nn.api.Model;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.training.NetworkListener;
import org.examlab.harness.training.Training;
import org.examlab.harness.training.TrainingMetrics;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Records the L2 norm of each parameter update, ||theta_after - theta_before||, per iteration
 * ({@link TrainingMetrics#UPDATE_NORM} in the training's series). Unlike the raw gradient, this is
 * what the optimizer actually applied, after gradient clipping and the updater: the quantity
 * clipping is meant to bound. Pass it to one {@code Trainer.fit}, then read {@link
 * #maxUpdateNorm()}.
 */
public final class UpdateNormListener extends NetworkListener {
  private MetricsRecorder metrics;
  private long seed;
  private String series;
  private INDArray before;
  private long iteration;
  private double max;

  @Override
  public void onTrainingBegin(Training training) {
    metrics = training.metrics();
    seed = training.seed();
    series = training.task();
    super.onTrainingBegin(training);
  }

  @Override
  public void onGradientCalculation(Model model) {
    before = model.params().dup(); // the update happens after this callback, inside the updater
  }

  @Override
  public void iterationDone(Model model, int modelIteration, int epoch) {
    if (before != null) {
      double norm = model.params().sub(before).norm2Number().doubleValue();
      metrics.record(seed, series, iteration, TrainingMetrics.UPDATE_NORM, norm);
      max = Math.max(max, Double.isFinite(norm) ? norm : Double.POSITIVE_INFINITY);
      before = null;
    }
    iteration++;
  }

  private record State(long iteration, double max) implements java.io.Serializable {}

  @Override
  public java.io.Serializable checkpointState() {
    return new State(iteration, max);
  }

  @Override
  public void restore(java.io.Serializable saved) {
    iteration = ((State) saved).iteration();
    max = ((State) saved).max();
  }

  /** The largest update seen; infinite once any update was not finite (the weights blew up). */
  public double maxUpdateNorm() {
    return max;
  }
}
