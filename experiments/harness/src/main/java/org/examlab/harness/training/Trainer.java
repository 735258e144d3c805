package org.examlab.harness.training;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.examlab.harness.backend.ThreadPolicy;
import org.examlab.harness.config.DiagnosticsSettings;
import org.examlab.harness.config.TrainingSettings;
import org.examlab.harness.diagnostics.LayerDiagnosticsListener;
import org.examlab.harness.metrics.MetricsRecorder;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The one training loop: shuffled mini-batches for a number of epochs, the loss recorded per
 * iteration and per epoch, divergence (a non-finite loss) detected and reported instead of
 * trained through, and samples/s accumulated for the run summary. It knows nothing of what an
 * experiment measures; per-layer diagnostics hang off it as a DL4J listener when enabled.
 */
public final class Trainer {
  private final MetricsRecorder metrics;
  private final DiagnosticsSettings diagnostics;
  private final ProgressReporter progress;
  private final List<TrainingResult> results = new ArrayList<>();

  public Trainer(MetricsRecorder metrics, DiagnosticsSettings diagnostics, ProgressReporter progress) {
    this.metrics = metrics;
    this.diagnostics = diagnostics;
    this.progress = progress;
  }

  /**
   * Trains {@code network} on {@code data}. Loss rows go to series {@code task}; diagnostics,
   * when enabled, to {@code diagnostics/<task>}.
   */
  public TrainingResult fit(String task, long seed, Model network, DataSet data, int epochs, int batchSize) {
    return fit(task, seed, network, data, epochs, batchSize, 0.0, false, NO_EPOCH_LISTENER);
  }

  /** As above, stopping after the first epoch whose mean loss is below {@code targetLoss} (0: never). */
  public TrainingResult fit(String task, long seed, Model network, DataSet data, TrainingSettings training) {
    return fit(task, seed, network, data, training.epochs(), training.batchSize(), training.targetLoss(), false, NO_EPOCH_LISTENER);
  }

  /** Called after every epoch; returning false stops the training (early stopping, evaluation curves). */
  @FunctionalInterface
  public interface EpochListener {
    boolean afterEpoch(int epoch, double meanLoss);
  }

  private static final EpochListener NO_EPOCH_LISTENER = (epoch, loss) -> true;

  /** As {@link #fit(String, long, Model, DataSet, TrainingSettings)}, calling {@code listener} after each epoch. */
  public TrainingResult fit(String task, long seed, Model network, DataSet data, TrainingSettings training, EpochListener listener) {
    return fit(task, seed, network, data, training.epochs(), training.batchSize(), training.targetLoss(), false, listener);
  }

  /**
   * As {@link #fit(String, long, Model, DataSet, int, int)}, for trainings whose divergence is
   * itself a measurement (an exploding-gradient regime): divergence then stops that training
   * but does not mark the run as diverged.
   */
  public TrainingResult fitAllowingDivergence(String task, long seed, Model network, DataSet data, int epochs, int batchSize) {
    return fit(task, seed, network, data, epochs, batchSize, 0.0, true, NO_EPOCH_LISTENER);
  }

  private TrainingResult fit(String task, long seed, Model network, DataSet data, int epochs, int batchSize, double targetLoss,
      boolean divergenceIsMeasured, EpochListener listener) {
    List<TrainingListener> listeners = new ArrayList<>(listenersOf(network)); // an experiment's own listeners stay
    if (diagnostics.enabled()) {
      listeners.add(new LayerDiagnosticsListener(metrics, seed, "diagnostics/" + task, diagnostics));
    }
    network.setListeners(listeners);

    int examples = data.numExamples();
    long batchesPerEpoch = (examples + batchSize - 1) / batchSize;
    long iteration = 0;
    long samples = 0;
    double loss = Double.NaN;
    boolean diverged = false;
    boolean stop = false;
    int epochsRun = 0;
    long start = System.nanoTime();
    DataSet shuffled = data.copy();
    ThreadPolicy.applyTo(network); // small dense and recurrent nets train faster on one thread
    try (ProgressReporter.Task bar = progress.start(task + " seed " + seed, epochs * batchesPerEpoch)) {
      for (int epoch = 0; epoch < epochs && !diverged && !stop; epoch++) {
        shuffled.shuffle(seed * 1_000_003L + epoch); // same seed, same order
        double epochLoss = 0;
        int batches = 0;
        for (DataSet batch : shuffled.batchBy(batchSize)) {
          fitBatch(network, batch);
          loss = network.score();
          samples += batch.numExamples();
          metrics.record(seed, task, iteration++, "loss", loss);
          bar.step(loss);
          if (!Double.isFinite(loss)) {
            diverged = true;
            break;
          }
          epochLoss += loss;
          batches++;
        }
        epochsRun++;
        incrementEpochCount(network); // fit(DataSet) never does: epoch-based learning-rate schedules need it
        if (!diverged) {
          metrics.record(seed, task, epoch, "epoch_loss", epochLoss / batches);
          boolean carryOn = listener.afterEpoch(epoch, epochLoss / batches); // always called, also on the last epoch
          stop = !carryOn || epochLoss / batches < targetLoss;
        }
      }
    } finally {
      listeners.removeIf(l -> l instanceof LayerDiagnosticsListener);
      network.setListeners(listeners);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    TrainingResult result = new TrainingResult(task, seed, epochsRun, iteration, diverged, divergenceIsMeasured, loss, samples, seconds);
    synchronized (results) {
      results.add(result);
    }
    return result;
  }

  /**
   * A training loop the experiment drives itself, step by step (a GAN's alternating
   * discriminator and generator steps): each {@link Loop#step} fits one batch on one network and
   * records its loss as {@code <name>_loss} under the series {@code task}; the loop shows progress,
   * counts samples for the run's throughput and reports like {@link #fit} when closed.
   */
  public Loop loop(String task, long seed, long totalSteps) {
    return new Loop(task, seed, progress.start(task + " seed " + seed, totalSteps));
  }

  /** See {@link #loop}. Not thread-safe; close it (try-with-resources) to record its result. */
  public final class Loop implements AutoCloseable {
    private final String task;
    private final long seed;
    private final ProgressReporter.Task bar;
    private final long start = System.nanoTime();
    private long steps;
    private long samples;
    private double lastLoss = Double.NaN;
    private boolean diverged;
    private boolean closed;
    private boolean threadsChosen;

    private Loop(String task, long seed, ProgressReporter.Task bar) {
      this.task = task;
      this.seed = seed;
      this.bar = bar;
    }

    /** Fits {@code batch} once on {@code network}; returns the loss (non-finite marks the loop diverged). */
    public double step(String name, Model network, DataSet batch) {
      applyThreadPolicyOnce(network);
      fitBatch(network, batch);
      return stepped(name, network.score(), batch.numExamples());
    }

    /** As {@link #step(String, Model, DataSet)}, for a graph with several inputs (an encoder-decoder). */
    public double step(String name, ComputationGraph network, org.nd4j.linalg.dataset.api.MultiDataSet batch) {
      applyThreadPolicyOnce(network);
      network.fit(batch);
      return stepped(name, network.score(), batch.getFeatures(0).size(0));
    }

    /** A loop's networks (a GAN's pair) are of one size class: the first one decides. */
    private void applyThreadPolicyOnce(Model network) {
      if (!threadsChosen) {
        ThreadPolicy.applyTo(network);
        threadsChosen = true;
      }
    }

    /**
     * Records a step the experiment fitted itself, for what {@code fit(DataSet)} cannot train (a
     * variational autoencoder layer, trained by {@code pretrainLayer}): its loss and batch size.
     */
    public double stepped(String name, double loss, long examples) {
      lastLoss = loss;
      samples += examples;
      metrics.record(seed, task, steps++, name + "_loss", lastLoss);
      bar.step(lastLoss);
      diverged |= !Double.isFinite(lastLoss);
      return lastLoss;
    }

    public boolean diverged() {
      return diverged;
    }

    @java.lang.Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      bar.close();
      TrainingResult result = new TrainingResult(task, seed, 0, steps, diverged, false, lastLoss, samples, (System.nanoTime() - start) / 1e9);
      synchronized (results) {
        results.add(result);
      }
    }
  }

  /** Every training so far: the run's throughput and divergences come from these. */
  public List<TrainingResult> results() {
    synchronized (results) {
      return List.copyOf(results);
    }
  }

  private static java.util.Collection<TrainingListener> listenersOf(Model network) {
    java.util.Collection<TrainingListener> current = network instanceof MultiLayerNetwork net ? net.getListeners()
        : network instanceof ComputationGraph graph ? graph.getListeners() : null;
    return current == null ? List.of() : current;
  }

  private static void incrementEpochCount(Model network) {
    if (network instanceof MultiLayerNetwork net) {
      net.incrementEpochCount();
    } else if (network instanceof ComputationGraph graph) {
      graph.incrementEpochCount();
    }
  }

  private static void fitBatch(Model network, DataSet batch) {
    if (network instanceof MultiLayerNetwork net) {
      net.fit(batch);
    } else if (network instanceof ComputationGraph graph) {
      graph.fit(batch);
    } else {
      throw new IllegalArgumentException("cannot train a " + network.getClass().getSimpleName());
    }
  }
}
