package org.examlab.experiments.rnngradients;

import static org.examlab.experiments.rnngradients.RnnGradientsMeasurements.CHANCE_ACCURACY;
import static org.examlab.experiments.rnngradients.RnnGradientsMeasurements.accuracy;
import static org.examlab.experiments.rnngradients.RnnGradientsMeasurements.accuracyLongest;
import static org.examlab.experiments.rnngradients.RnnGradientsMeasurements.cellTransportLog10;
import static org.examlab.experiments.rnngradients.RnnGradientsMeasurements.decadesPerStep;
import static org.examlab.experiments.rnngradients.RnnGradientsMeasurements.explodingEventCount;
import static org.examlab.experiments.rnngradients.RnnGradientsMeasurements.finalLoss;
import static org.examlab.experiments.rnngradients.RnnGradientsMeasurements.forgetPathLog10;
import static org.examlab.experiments.rnngradients.RnnGradientsMeasurements.hiddenTransportLog10;
import static org.examlab.experiments.rnngradients.RnnGradientsMeasurements.maxUpdateNormLog10;
import static org.examlab.experiments.rnngradients.RnnGradientsMeasurements.parameters;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.datasets.sequences.FirstSymbolRecall;
import org.examlab.harness.diagnostics.UpdateNormListener;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Classification;
import org.examlab.harness.metrics.Measurements;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.settings.RunSettings;
import org.examlab.harness.settings.TrainingSettings;
import org.examlab.harness.training.Trainer;
import org.examlab.harness.training.TrainingListener;
import org.examlab.harness.training.TrainingMetrics;
import org.examlab.harness.training.TrainingResult;
import org.examlab.harness.tuning.Tuner;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * LSTM versus vanilla RNN (claims 001-2, 002-5, 000-6).
 *
 * <ol>
 *   <li>Transport (001-2): the norm of the last state's Jacobian with respect to earlier states, by
 *       lag, for both cells at initialization and after training at the longest length ({@link
 *       StateTransport}); no loss or label enters it.
 *   <li>Memory (002-5): for each sequence length of first-symbol recall, one LSTM and one RNN of
 *       the same size, each at its own learning rate chosen on a validation split (the harness
 *       tuner, at the longest length), trained until converged; held-out accuracy.
 *   <li>Exploding (000-6): unclipped plain-SGD trainings over a grid of learning rates and
 *       recurrent scales, counting events in the raw gradient norm ({@link ExplodingEvents}); then
 *       clipped against unclipped from one large initialization: largest update, final loss.
 * </ol>
 */
public final class RnnGradientsExperiment implements Experiment<RnnGradientsSettings> {
  /** Stage names of the transport measurements and their plot series. */
  static final String INIT = "init";

  static final String TRAINED = "trained";

  @Override
  public String name() {
    return "rnn-gradients";
  }

  @Override
  public String summary() {
    return "LSTM vs vanilla RNN: state-Jacobian transport by lag, accuracy vs sequence length, exploding-gradient events and clipping";
  }

  @Override
  public Class<RnnGradientsSettings> settingsType() {
    return RnnGradientsSettings.class;
  }

  @Override
  public List<String> claimIds() {
    return List.of("001-2", "002-5", "000-6");
  }

  @Override
  public Measurements measurements(RnnGradientsSettings settings, RunSettings run) {
    Measurements declared = new Measurements();
    declared.add(CHANCE_ACCURACY);
    for (RecurrentCell cell : RecurrentCell.values()) {
      declared.addAll(Tuner.tunedNames(run.tuning(), cell.label()));
      for (int length : settings.task().lengths()) {
        declared.add(accuracy(cell, length));
      }
      declared.add(accuracyLongest(cell));
      declared.add(parameters(cell));
      declared.add(explodingEventCount(cell));
      declared.add(maxUpdateNormLog10(cell, ClippingVariant.UNCLIPPED));
      declared.add(maxUpdateNormLog10(cell, ClippingVariant.CLIPPED));
      declared.add(finalLoss(cell, ClippingVariant.UNCLIPPED));
      declared.add(finalLoss(cell, ClippingVariant.CLIPPED));
      for (String stage : List.of(INIT, TRAINED)) {
        declared.add(hiddenTransportLog10(cell, stage));
        declared.add(decadesPerStep(cell, stage));
        if (cell == RecurrentCell.LSTM) {
          declared.add(cellTransportLog10(cell, stage));
          declared.add(forgetPathLog10(cell, stage));
        }
      }
    }
    return declared;
  }

  @Override
  public void run(RnnGradientsSettings settings, RunContext context) throws Exception {
    RnnGradientsSettings.Task taskSettings = settings.task();
    FirstSymbolRecall task =
        new FirstSymbolRecall(taskSettings.targetSymbols(), taskSettings.distractorSymbols());
    MetricsRecorder metrics = context.metrics();
    RnnGradientsPlots plots = new RnnGradientsPlots(settings, context);
    for (long seed : context.seeds()) {
      metrics.measure(seed, CHANCE_ACCURACY, 1.0 / taskSettings.targetSymbols());
      measureMemoryAndTransport(settings, task, seed, context, plots);
      measureExploding(settings, task, seed, context);
    }
    for (long seed : settings.exploding().seedsOf(context.seeds())) {
      if (!context.seeds().contains(seed)) {
        measureExploding(
            settings, task, seed,
            context); // exploding.seeds: more seeds for the short fixed-budget trainings
      }
    }
    plots.drawAll();
  }

  private void measureMemoryAndTransport(
      RnnGradientsSettings settings,
      FirstSymbolRecall task,
      long seed,
      RunContext context,
      RnnGradientsPlots plots)
      throws Exception {
    TrainingSettings training = context.training();
    int longest = settings.task().longest();
    RnnGradientsSettings.Transport transport = settings.transport();
    DataSet probe =
        task.generate(
            transport.examples(), transport.length(), dataSeed(seed, transport.length(), 2));
    for (RecurrentCell cell : RecurrentCell.values()) {
      DataSet longestTrain =
          task.generate(settings.task().trainExamples(), longest, dataSeed(seed, longest, 0));
      double learningRate = tunedLearningRate(cell, settings, task, seed, context, longestTrain);
      for (int length : settings.task().lengths()) {
        DataSet train =
            length == longest
                ? longestTrain
                : task.generate(settings.task().trainExamples(), length, dataSeed(seed, length, 0));
        DataSet test =
            task.generate(settings.task().testExamples(), length, dataSeed(seed, length, 1));
        MultiLayerNetwork net =
            network(
                cell,
                settings,
                task,
                seed,
                training.updater().create(learningRate),
                training.gradientClipNorm());
        if (length == longest) {
          context.metrics().measure(seed, parameters(cell), net.numParams());
          measureTransport(
              cell,
              INIT,
              initialTransport(cell, settings, task, seed, net, probe),
              transport.lag(),
              seed,
              context,
              plots);
        }
        context.trainer().fit(cell.memoryTask(length), seed, net, train, List.of());
        double heldOut = Classification.accuracy(net, test);
        context.metrics().measure(seed, accuracy(cell, length), heldOut);
        if (length == longest) {
          context.metrics().measure(seed, accuracyLongest(cell), heldOut);
          measureTransport(
              cell,
              TRAINED,
              StateTransport.measure(cell, net, probe.getFeatures()),
              transport.lag(),
              seed,
              context,
              plots);
        }
      }
    }
  }

  /**
   * The learning rate for {@code cell}: the tuner's choice on a validation split of the longest
   * length's training data (each candidate trained like the real run, scored by its validation
   * loss), or training.learningRate when the config has no grid for the cell.
   */
  private double tunedLearningRate(
      RecurrentCell cell,
      RnnGradientsSettings settings,
      FirstSymbolRecall task,
      long seed,
      RunContext context,
      DataSet train)
      throws Exception {
    Tuner tuner = context.tuner();
    if (!tuner.tunes(cell.label())) {
      return context.training().learningRate();
    }
    SplitTestAndTrain split = tuner.split(train, seed);
    Tuner.Choice choice =
        tuner.choose(
            cell.label(),
            seed,
            candidate -> {
              double rate = candidate.get("learningRate");
              MultiLayerNetwork net =
                  network(
                      cell,
                      settings,
                      task,
                      seed,
                      context.training().updater().create(rate),
                      context.training().gradientClipNorm());
              TrainingResult result =
                  context
                      .trainer()
                      .fit(
                          "tune/" + cell.label() + "/lr" + rate,
                          seed,
                          net,
                          split.getTrain(),
                          List.of(TrainingListener.divergenceIsMeasured()));
              return result.diverged() ? Double.NaN : net.score(split.getTest(), false);
            });
    return choice.chosen().getOrDefault("learningRate", context.training().learningRate());
  }

  private static MultiLayerNetwork network(
      RecurrentCell cell,
      RnnGradientsSettings settings,
      FirstSymbolRecall task,
      long seed,
      org.nd4j.linalg.learning.config.IUpdater updater,
      double clipNorm) {
    return RecurrentClassifier.build(
        cell,
        task.inputChannels(),
        settings.model(),
        task.targetSymbols(),
        seed,
        updater,
        0,
        clipNorm);
  }

  /**
   * One seed's transport at initialisation: the mean of the log10 profiles of {@code
   * transport.initialisations} independent initialisations, each on its own probe batch. The first
   * is {@code net}, the network this seed then trains, on {@code probe}; draw k > 0 is the same
   * architecture built with {@link #initialisationSeed}(seed, k) and probed with sequences drawn
   * from that seed. No training is involved, so many draws are cheap.
   */
  static StateTransport.Profile initialTransport(
      RecurrentCell cell,
      RnnGradientsSettings settings,
      FirstSymbolRecall task,
      long seed,
      MultiLayerNetwork net,
      DataSet probe) {
    RnnGradientsSettings.Transport transport = settings.transport();
    List<StateTransport.Profile> draws = new ArrayList<>();
    draws.add(StateTransport.measure(cell, net, probe.getFeatures()));
    for (int k = 1; k < transport.initialisations(); k++) {
      long drawSeed = initialisationSeed(seed, k);
      // The updater does not enter the initial weights; the network is never trained.
      MultiLayerNetwork draw = network(cell, settings, task, drawSeed, new Sgd(0.1), 0);
      DataSet drawProbe =
          task.generate(
              transport.examples(), transport.length(), dataSeed(drawSeed, transport.length(), 2));
      draws.add(StateTransport.measure(cell, draw, drawProbe.getFeatures()));
    }
    return StateTransport.mean(draws);
  }

  /**
   * The network seed of initialisation {@code k} of run seed {@code seed} (k = 0: the seed itself);
   * distinct for run seeds below 10^9.
   */
  static long initialisationSeed(long seed, int k) {
    return seed + k * 1_000_000_007L;
  }

  private static void measureTransport(
      RecurrentCell cell,
      String stage,
      StateTransport.Profile profile,
      int lag,
      long seed,
      RunContext context,
      RnnGradientsPlots plots) {
    MetricsRecorder metrics = context.metrics();
    metrics.measure(seed, hiddenTransportLog10(cell, stage), profile.hidden()[lag]);
    plots.transport(seed, cell.label() + " dh " + stage, profile.hidden());
    double[] carried = profile.hidden();
    if (cell == RecurrentCell.LSTM) {
      metrics.measure(seed, cellTransportLog10(cell, stage), profile.cell()[lag]);
      metrics.measure(seed, forgetPathLog10(cell, stage), profile.forgetPath()[lag]);
      plots.transport(seed, cell.label() + " dc " + stage, profile.cell());
      plots.transport(seed, cell.label() + " forget path " + stage, profile.forgetPath());
      carried = profile.cell(); // the LSTM's claim is about its cell state
    }
    metrics.measure(
        seed,
        decadesPerStep(cell, stage),
        StateTransport.decadesPerStep(java.util.Arrays.copyOf(carried, lag + 1)));
  }

  private void measureExploding(
      RnnGradientsSettings settings, FirstSymbolRecall task, long seed, RunContext context) {
    RnnGradientsSettings.Exploding exploding = settings.exploding();
    DataSet train = explodingData(settings, task, seed);
    MetricsRecorder metrics = context.metrics();
    // A fixed budget: events are counted over it; the final loss is a measurement, not a reason to
    // stop.
    Trainer trainer =
        context
            .trainer()
            .with(context.training().withEpochs(exploding.epochs()).withTargetLoss(0.0));
    // The clipping comparison has its own length and budget (by default the grid's).
    DataSet clippingTrain =
        exploding.clippingLength() == exploding.length()
            ? train
            : task.generate(
                exploding.trainExamples(),
                exploding.clippingLength(),
                dataSeed(seed, exploding.clippingLength(), 3));
    Trainer clippingTrainer =
        context
            .trainer()
            .with(context.training().withEpochs(exploding.clippingEpochs()).withTargetLoss(0.0));
    for (RecurrentCell cell : RecurrentCell.values()) {
      int events = 0;
      for (double gain : exploding.recurrentGains()) {
        for (double rate : exploding.learningRates()) {
          events += explodingEvents(cell, settings, task, seed, trainer, train, gain, rate);
        }
      }
      metrics.measure(seed, explodingEventCount(cell), events);
      measureClipping(cell, settings, task, seed, clippingTrainer, clippingTrain, context);
    }
  }

  /**
   * The exploding events of one unclipped plain-SGD training at one grid point (recurrent gain,
   * learning rate), over {@code trainer}'s fixed budget; {@code train} comes from {@link
   * #explodingData}.
   */
  static int explodingEvents(
      RecurrentCell cell,
      RnnGradientsSettings settings,
      FirstSymbolRecall task,
      long seed,
      Trainer trainer,
      DataSet train,
      double gain,
      double rate) {
    RnnGradientsSettings.Exploding exploding = settings.exploding();
    MultiLayerNetwork net =
        RecurrentClassifier.build(
            cell,
            task.inputChannels(),
            settings.model(),
            task.targetSymbols(),
            seed,
            new Sgd(rate),
            gain / Math.sqrt(settings.model().hiddenSize()),
            0);
    ExplodingEvents counter =
        new ExplodingEvents(exploding.eventRatio(), exploding.medianWindow(), EVENT_WARMUP);
    trainer.fit(
        cell.explodingTask(gain, rate),
        seed,
        net,
        train,
        List.of(TrainingListener.divergenceIsMeasured(), counter));
    return counter.events();
  }

  /** The training sequences of every exploding-regime training of {@code seed}. */
  static DataSet explodingData(RnnGradientsSettings settings, FirstSymbolRecall task, long seed) {
    RnnGradientsSettings.Exploding exploding = settings.exploding();
    return task.generate(
        exploding.trainExamples(), exploding.length(), dataSeed(seed, exploding.length(), 3));
  }

  /** Norms judged before the first event can be declared: a running median of fewer is noise. */
  static final int EVENT_WARMUP = 5;

  private void measureClipping(
      RecurrentCell cell,
      RnnGradientsSettings settings,
      FirstSymbolRecall task,
      long seed,
      Trainer trainer,
      DataSet train,
      RunContext context) {
    RnnGradientsSettings.Clipping clipping = settings.exploding().clipping();
    double recurrentStd = clipping.recurrentGain() / Math.sqrt(settings.model().hiddenSize());
    MetricsRecorder metrics = context.metrics();
    for (ClippingVariant v : ClippingVariant.values()) {
      // Same seed, same initial weights: the two runs differ only in clipping.
      MultiLayerNetwork net =
          RecurrentClassifier.build(
              cell,
              task.inputChannels(),
              settings.model(),
              task.targetSymbols(),
              seed,
              new Sgd(clipping.learningRate()),
              recurrentStd,
              v == ClippingVariant.CLIPPED ? clipping.clipNorm() : 0);
      String name = cell.largeInitTask(v);
      UpdateNormListener updates = new UpdateNormListener();
      TrainingResult result =
          trainer.fit(
              name, seed, net, train, List.of(TrainingListener.divergenceIsMeasured(), updates));
      metrics.measure(seed, maxUpdateNormLog10(cell, v), Math.log10(updates.maxUpdateNorm()));
      // A diverged run ends with the worst possible loss, not a missing value.
      metrics.measure(
          seed,
          finalLoss(cell, v),
          result.diverged()
              ? Double.POSITIVE_INFINITY
              : finalEpochLoss(metrics, name, seed, result));
    }
  }

  private static double finalEpochLoss(
      MetricsRecorder metrics, String task, long seed, TrainingResult result) {
    double last = TrainingMetrics.lastEpochLoss(metrics, task, seed);
    return Double.isNaN(last) ? result.finalLoss() : last;
  }

  /** Distinct, reproducible data seeds per run seed, length and purpose (train, test, probe...). */
  static long dataSeed(long seed, int length, int purpose) {
    return seed * 1_000_003L + length * 16L + purpose;
  }
}
