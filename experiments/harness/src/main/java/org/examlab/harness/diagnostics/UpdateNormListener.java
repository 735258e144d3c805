package org.examlab.harness.diagnostics;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.examlab.harness.metrics.MetricsRecorder;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Records the L2 norm of each parameter update, ||theta_after - theta_before||, per iteration.
 * Unlike the raw gradient, this is what the optimizer actually applied, after gradient
 * clipping and the updater: the quantity clipping is meant to bound.
 */
public final class UpdateNormListener extends BaseTrainingListener {
  private final MetricsRecorder metrics;
  private final long seed;
  private final String series;
  private INDArray before;
  private long iteration;
  private double max;

  public UpdateNormListener(MetricsRecorder metrics, long seed, String series) {
    this.metrics = metrics;
    this.seed = seed;
    this.series = series;
  }

  @java.lang.Override
  public void onGradientCalculation(Model model) {
    before = model.params().dup(); // the update happens after this callback, inside the updater
  }

  @java.lang.Override
  public void iterationDone(Model model, int modelIteration, int epoch) {
    if (before != null) {
      double norm = model.params().sub(before).norm2Number().doubleValue();
      metrics.record(seed, series, iteration, "update_norm", norm);
      max = Math.max(max, Double.isFinite(norm) ? norm : Double.POSITIVE_INFINITY);
      before = null;
    }
    iteration++;
  }

  /** The largest update seen; infinite once any update was not finite (the weights blew up). */
  public double maxUpdateNorm() {
    return max;
  }
}
