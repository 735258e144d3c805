package org.examlab.experiments.rnngradients;

import java.util.ArrayDeque;
import java.util.Deque;
import org.deeplearning4j.nn.api.Model;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.training.NetworkListener;
import org.examlab.harness.training.Training;

/**
 * Counts exploding-gradient events during training (claim 000-6): an iteration whose raw gradient
 * norm is more than {@code ratio} times the median of the previous {@code window} norms, or whose
 * loss is not finite. The norm is read in {@code onGradientCalculation}, before DL4J's updater
 * divides by the batch size and applies any clipping: the gradient the recurrence produced, not the
 * step taken. Records it per iteration as {@link #GRADIENT_NORM}.
 */
final class ExplodingEvents extends NetworkListener {
  static final String GRADIENT_NORM = "raw_gradient_norm";

  private final double ratio;
  private final int window;
  private final int warmup;
  private final Deque<Double> recent = new ArrayDeque<>();
  private MetricsRecorder metrics;
  private long seed;
  private String series;
  private long iteration;
  private int events;

  /**
   * Whether the current iteration was already counted (a non-finite norm also gives a non-finite
   * loss).
   */
  private boolean counted;

  /**
   * @param ratio a norm above ratio x the running median is an event
   * @param window how many previous norms the running median covers
   * @param warmup norms needed before the first judgement (a median of one is noise)
   */
  ExplodingEvents(double ratio, int window, int warmup) {
    this.ratio = ratio;
    this.window = window;
    this.warmup = warmup;
  }

  @Override
  public void onTrainingBegin(Training training) {
    metrics = training.metrics();
    seed = training.seed();
    series = training.task();
    super.onTrainingBegin(training);
  }

  @Override
  public void onGradientCalculation(Model model) {
    observe(model.gradient().gradient().norm2Number().doubleValue());
  }

  @Override
  public void iterationDone(Model model, int modelIteration, int epoch) {
    if (!counted && !Double.isFinite(model.score())) {
      events++; // a non-finite loss is an explosion whatever the norm said
    }
    counted = false;
  }

  /** Judges one raw gradient norm against the running median of the previous ones. */
  void observe(double norm) {
    if (metrics != null) {
      metrics.record(seed, series, iteration, GRADIENT_NORM, norm);
    }
    iteration++;
    if (!Double.isFinite(norm)) {
      count();
      return;
    }
    if (recent.size() >= warmup && norm > ratio * median()) {
      count();
    }
    recent.addLast(norm);
    if (recent.size() > window) {
      recent.removeFirst();
    }
  }

  private void count() {
    events++;
    counted = true;
  }

  private double median() {
    double[] sorted = recent.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private record State(double[] recent, long iteration, int events, boolean counted)
      implements java.io.Serializable {}

  @Override
  public java.io.Serializable checkpointState() {
    return new State(
        recent.stream().mapToDouble(Double::doubleValue).toArray(), iteration, events, counted);
  }

  @Override
  public void restore(java.io.Serializable saved) {
    State state = (State) saved;
    recent.clear();
    for (double norm : state.recent()) {
      recent.addLast(norm);
    }
    iteration = state.iteration();
    events = state.events();
    counted = state.counted();
  }

  int events() {
    return events;
  }
}
