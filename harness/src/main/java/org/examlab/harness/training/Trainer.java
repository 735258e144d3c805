package org.examlab.harness.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.harness.backend.ResidentMemoryGuard;
import org.examlab.harness.backend.ThreadPolicy;
import org.examlab.harness.diagnostics.LayerDiagnosticsListener;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.settings.DiagnosticsSettings;
import org.examlab.harness.settings.TrainingSettings;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one training loop, made once per run with the run's training settings (DJL's {@code
 * Trainer(model, TrainingConfig)} is the model). {@link #fit} trains a network for {@code epochs}
 * passes over a batch source that is {@link DataSetIterator#reset() reset} before every epoch
 * (in-memory data, re-augmented images, padded sequence pairs, multi-input graphs), records the
 * loss per iteration ({@link TrainingMetrics#LOSS}) and per epoch ({@link
 * TrainingMetrics#EPOCH_LOSS}) under the series {@code task}, stops at the first non-finite loss (a
 * divergence) instead of training through it, and counts samples and seconds for the run's
 * throughput.
 *
 * <p>Everything else is a {@link TrainingListener}: per-layer diagnostics and the target-loss stop
 * are added from the settings; validation early stopping, per-epoch evaluation, update norms and
 * "this divergence is a measurement" are passed by the experiment.
 *
 * <p>Every training ends with a convergence decision in its {@link TrainingResult}: converged when
 * the target loss was reached or validation stopping fired, otherwise by {@link ConvergenceRule} on
 * the epoch losses (settings {@code training.convergence}); a diverged training did not converge.
 */
public final class Trainer {
  private final MetricsRecorder metrics;
  private final TrainingSettings settings;
  private final DiagnosticsSettings diagnostics;
  private final ProgressReporter progress;
  private final List<TrainingResult> results;
  private final Slicing slicing;
  private final TrainingCheckpoint.Store checkpoints;
  private final ModelArtifacts models;
  private final List<TrainingListener> always;

  /** A run's trainer; {@code settings} may be null for an experiment that trains nothing. */
  public Trainer(
      MetricsRecorder metrics,
      TrainingSettings settings,
      DiagnosticsSettings diagnostics,
      ProgressReporter progress) {
    this(metrics, settings, diagnostics, progress, null);
  }

  /**
   * A run's trainer in estimate mode when {@code slicing} is given: every training runs only its
   * measured slice (see {@link Slicing}), which records the whole training's estimated time.
   */
  public Trainer(
      MetricsRecorder metrics,
      TrainingSettings settings,
      DiagnosticsSettings diagnostics,
      ProgressReporter progress,
      Slicing slicing) {
    this(
        metrics,
        settings,
        diagnostics,
        progress,
        new ArrayList<>(),
        slicing,
        null,
        null,
        List.of());
  }

  private Trainer(
      MetricsRecorder metrics,
      TrainingSettings settings,
      DiagnosticsSettings diagnostics,
      ProgressReporter progress,
      List<TrainingResult> results,
      Slicing slicing,
      TrainingCheckpoint.Store checkpoints,
      ModelArtifacts models,
      List<TrainingListener> always) {
    this.metrics = metrics;
    this.settings = settings;
    this.diagnostics = diagnostics;
    this.progress = progress;
    this.results = results;
    this.slicing = slicing;
    this.checkpoints = checkpoints;
    this.models = models;
    this.always = always;
  }

  /**
   * This trainer saving its trainings' checkpoints in {@code store} (as the settings' {@code
   * checkpoints} and {@code checkpointMinutes} say), and taking up those already there: a finished
   * training is not trained again, one in progress goes on from its last checkpoint. Not in
   * estimate mode: a slice is not the training.
   */
  public Trainer checkpointingTo(TrainingCheckpoint.Store store) {
    if (slicing != null) {
      throw new IllegalStateException("an estimate's slices are not checkpointed");
    }
    return new Trainer(
        metrics, settings, diagnostics, progress, results, slicing, store, models, always);
  }

  /**
   * The same trainer with other settings, for a training with a budget of its own (an
   * exploding-gradient regime's few epochs, a sweep point's batch size); its results are the run's.
   */
  public Trainer with(TrainingSettings other) {
    return new Trainer(
        metrics, other, diagnostics, progress, results, slicing, checkpoints, models, always);
  }

  /**
   * The same trainer (sharing its results) that also saves every trained network into {@code dir}
   * ({@code artifacts.models: true}), see {@link ModelArtifacts}.
   */
  public Trainer savingModelsTo(java.nio.file.Path dir) {
    return new Trainer(
        metrics,
        settings,
        diagnostics,
        progress,
        results,
        slicing,
        checkpoints,
        new ModelArtifacts(dir),
        always);
  }

  /**
   * The same trainer (sharing its results) with {@code listener} on every training it runs, after
   * the experiment's own listeners (DL4J's UI storage, {@code artifacts.uiStats: true}).
   */
  public Trainer withEveryTraining(TrainingListener listener) {
    List<TrainingListener> more = new ArrayList<>(always);
    more.add(listener);
    return new Trainer(
        metrics,
        settings,
        diagnostics,
        progress,
        results,
        slicing,
        checkpoints,
        models,
        List.copyOf(more));
  }

  public TrainingSettings settings() {
    return settings;
  }

  /**
   * Trains on an in-memory data set: shuffled mini-batches of {@code batchSize}, see {@link
   * ShuffledBatches}.
   */
  public TrainingResult fit(
      String task,
      long seed,
      Model network,
      DataSet data,
      List<? extends TrainingListener> listeners) {
    return fit(
        task, seed, network, new ShuffledBatches(data, required().batchSize(), seed), listeners);
  }

  /** Trains on {@code batches}, reset before every epoch. */
  public TrainingResult fit(
      String task,
      long seed,
      Model network,
      DataSetIterator batches,
      List<? extends TrainingListener> listeners) {
    return train(
        task,
        seed,
        network,
        new BatchSource(
            batches,
            batches::reset,
            batches::hasNext,
            () -> {
              DataSet batch = batches.next();
              fitBatch(network, batch);
              return batch.numExamples();
            },
            batches::next),
        listeners);
  }

  /**
   * Trains a graph with several inputs or outputs (an encoder-decoder) on {@code batches}, reset
   * before every epoch.
   */
  public TrainingResult fit(
      String task,
      long seed,
      ComputationGraph network,
      MultiDataSetIterator batches,
      List<? extends TrainingListener> listeners) {
    return train(
        task,
        seed,
        network,
        new BatchSource(
            batches,
            batches::reset,
            batches::hasNext,
            () -> {
              MultiDataSet batch = batches.next();
              network.fit(batch);
              return batch.getFeatures(0).size(0);
            },
            batches::next),
        listeners);
  }

  /**
   * One epoch's batches of either iterator kind: reset, whether there is another, fit the next one
   * (returning its number of examples), or skip it.
   *
   * @param perEpoch batches per epoch, -1 when the source does not say
   */
  private record BatchSource(
      long perEpoch,
      Runnable reset,
      java.util.function.BooleanSupplier more,
      java.util.function.LongSupplier fitNext,
      Runnable skipNext) {
    BatchSource(
        Object iterator,
        Runnable reset,
        java.util.function.BooleanSupplier more,
        java.util.function.LongSupplier fitNext,
        Runnable skipNext) {
      this(
          iterator instanceof EpochBatches sized ? sized.batchesPerEpoch() : -1,
          reset,
          more,
          fitNext,
          skipNext);
    }

    /** Batches per epoch for the progress bar's ETA, 1 when the source does not say. */
    long barSteps() {
      return Math.max(1, perEpoch);
    }

    /**
     * Batches per epoch, counted by iterating one epoch without fitting when the source does not
     * say.
     */
    long count() {
      if (perEpoch >= 0) {
        return perEpoch;
      }
      reset.run();
      long n = 0;
      for (; more.getAsBoolean(); n++) {
        skipNext.run();
      }
      return n;
    }
  }

  private TrainingResult train(
      String task,
      long seed,
      Model network,
      BatchSource source,
      List<? extends TrainingListener> extra) {
    TrainingSettings training = required();
    Training state = new Training(task, seed, network, training, metrics);
    List<TrainingListener> listeners = new ArrayList<>();
    if (diagnostics.enabled()) {
      listeners.add(
          new LayerDiagnosticsListener(
              metrics, seed, TrainingMetrics.diagnosticsSeries(task), diagnostics));
    }
    if (training.targetLoss() > 0) {
      listeners.add(new TargetLoss(training.targetLoss()));
    }
    if (training.convergence().stop()) {
      listeners.add(new ConvergenceStop(new ConvergenceRule(training.convergence())));
    }
    listeners.addAll(extra);
    listeners.addAll(always);

    boolean saving = checkpoints != null && training.checkpointing();
    int ordinal = saving ? checkpoints.nextOrdinal() : -1;
    TrainingCheckpoint saved = saving ? checkpoints.read(ordinal, task, seed).orElse(null) : null;
    ThreadPolicy.applyTo(network); // small dense and recurrent nets train faster on one thread
    if (saved != null && saved.finished()) {
      return add(restoreFinished(saved, network, listeners));
    }

    int firstRow = metrics.rowCount();
    long iteration = 0;
    long samples = 0;
    double loss = Double.NaN;
    boolean diverged = false;
    int epochsRun = 0;
    int firstEpoch = 0;
    double secondsBefore = 0;
    long start = System.nanoTime();
    long lastSaved = start;
    Slicing.Cut slice =
        slicing == null ? Slicing.Cut.WHOLE : slicing.fit(training.epochs(), source::count);
    listeners.forEach(l -> l.onTrainingBegin(state));
    if (saved != null) { // in progress when the run was killed: go on after its last saved epoch
      metrics.replay(saved.rows());
      restoreListeners(saved, listeners);
      state.restore(saved.nextEpoch() - 1, saved.epochLosses(), saved.stop());
      for (int e = 0;
          e < saved.nextEpoch();
          e++) { // the same shuffles and augmentations, not fitted
        source.reset().run();
        while (source.more().getAsBoolean()) {
          source.skipNext().run();
        }
      }
      saved.network().applyTo(network);
      saved.restoreRandom();
      firstEpoch = saved.nextEpoch();
      epochsRun = firstEpoch;
      iteration = saved.iterations();
      samples = saved.samples();
      loss = saved.lastLoss();
      secondsBefore = saved.seconds();
    }
    try (ProgressReporter.Task bar =
        progress.start(task + " seed " + seed, training.epochs() * source.barSteps())) {
      for (int epoch = firstEpoch;
          epoch < training.epochs()
              && !diverged
              && state.stopRequested() == null
              && slice.wantsEpoch(epoch);
          epoch++) {
        slice.epochStarted();
        source.reset().run(); // a new shuffle, fresh augmentations: same seed, same batches
        slice.resetDone();
        state.startEpoch(epoch);
        listeners.forEach(l -> l.onEpochStart(state));
        double epochLoss = 0;
        int batches = 0;
        while (slice.wantsBatch(batches) && source.more().getAsBoolean()) {
          ResidentMemoryGuard.check();
          samples += source.fitNext().getAsLong();
          loss = score(network);
          metrics.record(seed, task, iteration++, TrainingMetrics.LOSS, loss);
          bar.step(loss);
          slice.batchDone();
          if (!Double.isFinite(loss)) {
            diverged = true;
            break;
          }
          epochLoss += loss;
          batches++;
        }
        epochsRun++;
        incrementEpochCount(
            network); // fit(DataSet) never does: epoch-based learning-rate schedules need it
        if (!diverged) {
          metrics.record(seed, task, epoch, TrainingMetrics.EPOCH_LOSS, epochLoss / batches);
          state.finishEpoch(epochLoss / batches);
          listeners.forEach(
              l -> l.onEpoch(state)); // every listener, also on the last epoch and after a stop
        }
        slice.epochDone();
        boolean more = !diverged && state.stopRequested() == null && epoch + 1 < training.epochs();
        long now = System.nanoTime();
        if (saving && more && checkpointDue(training, epoch, now - lastSaved)) {
          checkpoints.write(
              new TrainingCheckpoint(
                  task,
                  seed,
                  ordinal,
                  epoch + 1,
                  iteration,
                  samples,
                  loss,
                  secondsBefore + (now - start) / 1e9,
                  List.copyOf(state.epochLosses()),
                  state.stopRequested(),
                  TrainingCheckpoint.Network.of(network),
                  Nd4j.getRandom().rootState(),
                  Nd4j.getRandom().nodeState(),
                  metrics.rowsFrom(firstRow),
                  listenerStates(listeners),
                  null));
          lastSaved = System.nanoTime();
        }
      }
    } finally {
      listeners.forEach(l -> l.onTrainingEnd(state));
    }
    slice.finish(task, seed);
    double seconds = secondsBefore + (System.nanoTime() - start) / 1e9;
    if (models != null) {
      models.save(task, seed, network);
    }
    ConvergenceRule.Judgement judgement = convergence(state, diverged, epochsRun, training);
    TrainingResult result =
        new TrainingResult(
            task,
            seed,
            epochsRun,
            iteration,
            diverged,
            state.divergenceIsMeasured(),
            loss,
            samples,
            seconds,
            judgement.converged(),
            judgement.reason());
    if (saving) { // the finished training's record: a resumed run does not train it again
      checkpoints.write(
          new TrainingCheckpoint(
              task,
              seed,
              ordinal,
              epochsRun,
              iteration,
              samples,
              loss,
              seconds,
              List.copyOf(state.epochLosses()),
              state.stopRequested(),
              TrainingCheckpoint.Network.of(network),
              Nd4j.getRandom().rootState(),
              Nd4j.getRandom().nodeState(),
              metrics.rowsFrom(firstRow),
              listenerStates(listeners),
              result));
    }
    return add(result);
  }

  /**
   * Whether to save a checkpoint after {@code epoch}: every {@code checkpoints} epochs, or {@code
   * checkpointMinutes} after the last.
   */
  private static boolean checkpointDue(TrainingSettings training, int epoch, long nanosSinceSaved) {
    return training.checkpoints() > 0 && (epoch + 1) % training.checkpoints() == 0
        || training.checkpointMinutes() > 0
            && nanosSinceSaved >= training.checkpointMinutes() * 60e9;
  }

  /**
   * A training the run finished before it was killed: its final network, listeners, rows and random
   * state are put back and its result returned, as if it had just been trained.
   */
  private TrainingResult restoreFinished(
      TrainingCheckpoint saved, Model network, List<TrainingListener> listeners) {
    metrics.replay(saved.rows());
    restoreListeners(saved, listeners);
    saved.network().applyTo(network);
    saved.restoreRandom();
    return saved.result();
  }

  private static List<java.io.Serializable> listenerStates(List<TrainingListener> listeners) {
    List<java.io.Serializable> states = new ArrayList<>();
    listeners.forEach(l -> states.add(l.checkpointState()));
    return java.util.Collections.unmodifiableList(states);
  }

  private static void restoreListeners(TrainingCheckpoint saved, List<TrainingListener> listeners) {
    if (saved.listeners().size() != listeners.size()) {
      throw new IllegalStateException(
          "the checkpoint of '"
              + saved.task()
              + "' seed "
              + saved.seed()
              + " has "
              + saved.listeners().size()
              + " listener states, the resumed training "
              + listeners.size()
              + " listeners: not the same training");
    }
    for (int i = 0; i < listeners.size(); i++) {
      if (saved.listeners().get(i) != null) {
        listeners.get(i).restore(saved.listeners().get(i));
      }
    }
  }

  private static ConvergenceRule.Judgement convergence(
      Training state, boolean diverged, int epochsRun, TrainingSettings training) {
    if (diverged) {
      return new ConvergenceRule.Judgement(
          false,
          String.format(
              Locale.ROOT, "not converged: diverged (non-finite loss) in epoch %d", epochsRun));
    }
    Training.Stop stop = state.stopRequested();
    if (stop != null) {
      return new ConvergenceRule.Judgement(stop.converged(), stop.reason());
    }
    return new ConvergenceRule(training.convergence()).judge(state.epochLosses());
  }

  private TrainingSettings required() {
    if (settings == null) {
      throw new IllegalStateException(
          "this run has no training settings (its config has no training: section)");
    }
    return settings;
  }

  private TrainingResult add(TrainingResult result) {
    synchronized (results) {
      results.add(result);
    }
    return result;
  }

  /**
   * A training loop the experiment drives itself, step by step (a GAN's alternating discriminator
   * and generator steps): each {@link Loop#step} fits one batch on one network and records its loss
   * as {@link TrainingMetrics#stepLoss} under the series {@code task}; the loop shows progress,
   * counts samples for the run's throughput and, closed, reports like {@link #fit}, with the
   * convergence the experiment judged ({@link Loop#converged}).
   */
  public Loop loop(String task, long seed, long totalSteps) {
    return new Loop(
        task,
        seed,
        progress.start(task + " seed " + seed, totalSteps),
        slicing == null ? Slicing.Cut.WHOLE : slicing.loop(totalSteps));
  }

  /** See {@link #loop}. Not thread-safe; close it (try-with-resources) to record its result. */
  public final class Loop implements AutoCloseable {
    private final String task;
    private final long seed;
    private final ProgressReporter.Task bar;
    private final Slicing.Cut slice;
    private final long start = System.nanoTime();
    private long steps;
    private long samples;
    private double lastLoss = Double.NaN;
    private boolean diverged;
    private boolean closed;
    private boolean converged;
    private String convergence =
        "not converged: the experiment judged no convergence for this loop";
    private boolean threadsChosen;
    private final java.util.Map<String, Model> networks = new java.util.LinkedHashMap<>();

    private Loop(String task, long seed, ProgressReporter.Task bar, Slicing.Cut slice) {
      this.task = task;
      this.seed = seed;
      this.bar = bar;
      this.slice = slice;
    }

    /**
     * Fits {@code batch} once on {@code network}; returns the loss (non-finite marks the loop
     * diverged).
     */
    public double step(String name, Model network, DataSet batch) {
      ResidentMemoryGuard.check();
      applyThreadPolicyOnce(network);
      networks.putIfAbsent(name, network);
      fitBatch(network, batch);
      lastLoss = score(network);
      samples += batch.numExamples();
      metrics.record(seed, task, steps++, TrainingMetrics.stepLoss(name), lastLoss);
      bar.step(lastLoss);
      slice.batchDone();
      diverged |= !Double.isFinite(lastLoss);
      return lastLoss;
    }

    /** A loop's networks (a GAN's pair) are of one size class: the first one decides. */
    private void applyThreadPolicyOnce(Model network) {
      if (!threadsChosen) {
        ThreadPolicy.applyTo(network);
        threadsChosen = true;
      }
    }

    public boolean diverged() {
      return diverged;
    }

    /**
     * Whether the loop should stop stepping: it diverged, or (in estimate mode) its measured slice
     * is complete. The experiment's step loops check this, not {@link #diverged} alone.
     */
    public boolean done() {
      return diverged || !slice.wantsBatch(steps);
    }

    /**
     * The experiment's convergence decision, from a curve it recorded itself (a GAN's sample
     * quality).
     */
    public void converged(boolean converged, String reason) {
      this.converged = converged;
      this.convergence = reason;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      bar.close();
      slice.finish(task, seed);
      if (models != null) { // a GAN's loop: each network it stepped, by its step name
        networks.forEach((name, network) -> models.save(task + "/" + name, seed, network));
      }
      boolean judged = converged && !diverged;
      String reason =
          diverged ? "not converged: diverged (non-finite loss) at step " + steps : convergence;
      add(
          new TrainingResult(
              task,
              seed,
              0,
              steps,
              diverged,
              false,
              lastLoss,
              samples,
              (System.nanoTime() - start) / 1e9,
              judged,
              reason));
    }
  }

  /** Every training so far: the run's throughput, divergences and convergence come from these. */
  public List<TrainingResult> results() {
    synchronized (results) {
      return List.copyOf(results);
    }
  }

  private static void incrementEpochCount(Model network) {
    if (network instanceof MultiLayerNetwork net) {
      net.incrementEpochCount();
    } else if (network instanceof ComputationGraph graph) {
      graph.incrementEpochCount();
    }
  }

  /**
   * One gradient step. A network without an output layer (a variational autoencoder on its own)
   * cannot be trained by {@code fit(DataSet)}: DL4J trains it unsupervised, layer by layer, with
   * {@code pretrainLayer} on the batch's features.
   */
  private static void fitBatch(Model network, DataSet batch) {
    if (network instanceof MultiLayerNetwork net && unsupervised(net)) {
      for (int i = 0; i < net.getnLayers(); i++) {
        if (net.getLayer(i).isPretrainLayer()) {
          net.pretrainLayer(i, batch.getFeatures());
        }
      }
    } else if (network instanceof MultiLayerNetwork net) {
      net.fit(batch);
    } else if (network instanceof ComputationGraph graph) {
      graph.fit(batch);
    } else {
      throw new IllegalArgumentException("cannot train a " + network.getClass().getSimpleName());
    }
  }

  private static double score(Model network) {
    if (network instanceof MultiLayerNetwork net && unsupervised(net)) {
      return net.getLayer(net.getnLayers() - 1).score();
    }
    return network.score();
  }

  private static boolean unsupervised(MultiLayerNetwork net) {
    Layer last = net.getLayer(net.getnLayers() - 1);
    return !(last instanceof IOutputLayer);
  }
}
