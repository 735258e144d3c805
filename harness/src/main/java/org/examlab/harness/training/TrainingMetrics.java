package org.examlab.harness.training;

import org.examlab.harness.metrics.MetricsRecorder;

/**
 * The names of the metric rows the trainer and its listeners write, declared once: whatever reads a
 * loss curve or a diagnostics series (plots, measurements) uses these, never the literal.
 *
 * <p>Rows of one training go to the series named after its task ({@code "lstm/len40"}); per-layer
 * diagnostics to {@link #diagnosticsSeries(String) diagnostics/<task>}.
 */
public final class TrainingMetrics {
  /** Per iteration: the mini-batch loss DL4J reports after fitting it (step = iteration from 0). */
  public static final String LOSS = "loss";

  /** Per epoch: the mean of that epoch's mini-batch losses (step = epoch from 0). */
  public static final String EPOCH_LOSS = "epoch_loss";

  /** Per epoch: the loss on held-out data, where {@link ValidationStopping} watches one. */
  public static final String VALIDATION_LOSS = "validation_loss";

  /**
   * Per iteration: ||theta_after - theta_before|| ({@link
   * org.examlab.harness.diagnostics.UpdateNormListener}).
   */
  public static final String UPDATE_NORM = "update_norm";

  /**
   * Series prefix of the per-layer diagnostics ({@link
   * org.examlab.harness.diagnostics.LayerDiagnosticsListener}).
   */
  public static final String DIAGNOSTICS_PREFIX = "diagnostics/";

  // Per-layer diagnostics, each recorded as "<layer>.<name>" in the diagnostics series.
  public static final String GRAD_NORM = "grad_norm";
  public static final String ACT_MEAN = "act_mean";
  public static final String ACT_STD = "act_std";
  public static final String ACT_SATURATED = "act_saturated";
  public static final String ACT_DEAD = "act_dead";
  public static final String WEIGHT_MEAN = "weight_mean";
  public static final String WEIGHT_STD = "weight_std";

  /** Histogram rows are "<layer>.hist_low", "<layer>.hist_high" and "<layer>.hist_bin<k>". */
  public static final String HISTOGRAM = "hist_";

  private TrainingMetrics() {}

  /** The series of a training's per-layer diagnostics. */
  public static String diagnosticsSeries(String task) {
    return DIAGNOSTICS_PREFIX + task;
  }

  /** "layer0.grad_norm": a per-layer diagnostic's row name. */
  public static String layerMetric(String layer, String name) {
    return layer + "." + name;
  }

  /** The per-step loss of a {@link Trainer.Loop} step named {@code step} ("d" gives "d_loss"). */
  public static String stepLoss(String step) {
    return step + "_" + LOSS;
  }

  /** The last epoch's mean training loss of {@code task}, NaN when no epoch finished. */
  public static double lastEpochLoss(MetricsRecorder metrics, String task, long seed) {
    double[] epochs = metrics.curve(task, EPOCH_LOSS, seed);
    return epochs.length == 0 ? Double.NaN : epochs[epochs.length - 1];
  }
}
