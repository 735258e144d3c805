package org.examlab.harness.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.settings.TrainingSettings;

/**
 * One training in progress, as its listeners see it: what is trained (task, seed, network), with
 * which settings, how far it got, and the two things a listener may change: stop it, or declare its
 * divergence a measurement.
 */
public final class Training {
  private final String task;
  private final long seed;
  private final Model network;
  private final TrainingSettings settings;
  private final MetricsRecorder metrics;
  private final List<Double> epochLosses = new ArrayList<>();
  private int epoch = -1;
  private Stop stop;
  private boolean divergenceIsMeasured;

  /** Why a listener ended the training early, and whether that means it converged. */
  public record Stop(boolean converged, String reason) implements java.io.Serializable {}

  Training(
      String task, long seed, Model network, TrainingSettings settings, MetricsRecorder metrics) {
    this.task = task;
    this.seed = seed;
    this.network = network;
    this.settings = settings;
    this.metrics = metrics;
  }

  /** The series this training's rows go to. */
  public String task() {
    return task;
  }

  public long seed() {
    return seed;
  }

  public Model network() {
    return network;
  }

  public TrainingSettings settings() {
    return settings;
  }

  public MetricsRecorder metrics() {
    return metrics;
  }

  /** The current epoch, from 0 (-1 before the first). */
  public int epoch() {
    return epoch;
  }

  /** The mean training loss of every finished epoch so far. */
  public List<Double> epochLosses() {
    return Collections.unmodifiableList(epochLosses);
  }

  /** The mean training loss of the epoch just finished. */
  public double epochLoss() {
    return epochLosses.isEmpty() ? Double.NaN : epochLosses.get(epochLosses.size() - 1);
  }

  /** Records a per-epoch row (a validation loss, a test accuracy) in this training's series. */
  public void recordEpoch(String name, double value) {
    metrics.record(seed, task, epoch, name, value);
  }

  /** Ends the training after this epoch; the first stop requested is the one reported. */
  public void stop(boolean converged, String reason) {
    if (stop == null) {
      stop = new Stop(converged, reason);
    }
  }

  /** The stop a listener requested, or null. */
  public Stop stopRequested() {
    return stop;
  }

  void expectDivergence() {
    divergenceIsMeasured = true;
  }

  boolean divergenceIsMeasured() {
    return divergenceIsMeasured;
  }

  void startEpoch(int epoch) {
    this.epoch = epoch;
  }

  void finishEpoch(double meanLoss) {
    epochLosses.add(meanLoss);
  }

  /** Where a resumed training stood at its checkpoint: its epochs so far and any stop requested. */
  void restore(int epoch, List<Double> losses, Stop stop) {
    this.epoch = epoch;
    epochLosses.clear();
    epochLosses.addAll(losses);
    this.stop = stop;
  }
}
