package org.examlab.experiments.rnngradients;

import java.io.IOException;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.datasets.sequences.FirstSymbolRecall;
import org.examlab.harness.config.RunSettings;
import org.examlab.harness.config.TrainingSettings;
import org.examlab.harness.diagnostics.UpdateNormListener;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Classification;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.training.Trainer;
import org.examlab.harness.training.TrainingListener;
import org.examlab.harness.training.TrainingMetrics;
import org.examlab.harness.training.TrainingResult;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * LSTM versus vanilla RNN on first-symbol recall (claims 001-2, 002-5, 003-6, 000-6).
 *
 * <ol>
 *   <li>Vanishing: for each sequence length, train one LSTM and one RNN of the same size and
 *       measure held-out accuracy; at the longest length, measure the input-gradient profile
 *       (||dL/dx_t|| for every step t) at initialization and after training.
 *   <li>Exploding: with recurrent weights drawn large, measure the same profile at
 *       initialization, then train with plain SGD with and without gradient clipping and record
 *       every update's norm and the final loss.
 * </ol>
 */
public final class RnnGradientsExperiment implements Experiment<RnnGradientsSettings> {

  @Override
  public String name() {
    return "rnn-gradients";
  }

  @Override
  public String summary() {
    return "LSTM vs vanilla RNN: input gradients through time, accuracy vs sequence length, exploding gradients and clipping";
  }

  @Override
  public Class<RnnGradientsSettings> settingsType() {
    return RnnGradientsSettings.class;
  }

  @Override
  public List<String> claimIds() {
    return List.of("001-2", "002-5", "003-6", "000-6");
  }

  @Override
  public Set<String> measurementNames(RnnGradientsSettings settings, RunSettings run) {
    Set<String> names = new LinkedHashSet<>();
    names.add("chance_accuracy");
    for (RecurrentCell cell : RecurrentCell.values()) {
      String c = cell.label();
      for (int length : settings.task().lengths()) {
        names.add(c + ".accuracy.len" + length);
      }
      names.addAll(List.of(c + ".accuracy.longest", c + ".init.first_over_last_log10", c + ".trained.first_over_last_log10",
          c + ".large_init.first_over_last_log10", c + ".unclipped.max_update_norm_log10", c + ".clipped.max_update_norm_log10",
          c + ".unclipped.final_loss", c + ".clipped.final_loss"));
    }
    return names;
  }

  @Override
  public void run(RnnGradientsSettings settings, RunContext context) throws IOException {
    RnnGradientsSettings.Task taskSettings = settings.task();
    FirstSymbolRecall task = new FirstSymbolRecall(taskSettings.targetSymbols(), taskSettings.distractorSymbols());
    MetricsRecorder metrics = context.metrics();
    RnnGradientsPlots plots = new RnnGradientsPlots(settings, context);
    for (long seed : context.seeds()) {
      metrics.measure(seed, "chance_accuracy", 1.0 / taskSettings.targetSymbols());
      measureVanishing(settings, task, seed, context, plots);
      measureExploding(settings, task, seed, context, plots);
    }
    plots.drawAll();
  }

  private void measureVanishing(RnnGradientsSettings settings, FirstSymbolRecall task, long seed, RunContext context,
      RnnGradientsPlots plots) {
    TrainingSettings training = context.training();
    int longest = settings.task().longest();
    DataSet probe = task.generate(settings.gradientProbe().examples(), longest, dataSeed(seed, longest, 2));
    for (int length : settings.task().lengths()) {
      DataSet train = task.generate(settings.task().trainExamples(), length, dataSeed(seed, length, 0));
      DataSet test = task.generate(settings.task().testExamples(), length, dataSeed(seed, length, 1));
      for (RecurrentCell cell : RecurrentCell.values()) {
        MultiLayerNetwork net = RecurrentClassifier.build(cell, task.inputChannels(), settings.model(), task.targetSymbols(), seed,
            training.newUpdater(), 0, training.gradientClipNorm());
        double[] atInit = length == longest ? InputGradientProfile.measure(net, probe) : null;
        context.trainer().fit(cell.label() + "/len" + length, seed, net, train, List.of());
        double accuracy = Classification.accuracy(net, test);
        context.metrics().measure(seed, cell.label() + ".accuracy.len" + length, accuracy);
        if (length == longest) {
          double[] trained = InputGradientProfile.measure(net, probe);
          context.metrics().measure(seed, cell.label() + ".accuracy.longest", accuracy);
          context.metrics().measure(seed, cell.label() + ".init.first_over_last_log10", InputGradientProfile.firstOverLastLog10(atInit));
          context.metrics().measure(seed, cell.label() + ".trained.first_over_last_log10", InputGradientProfile.firstOverLastLog10(trained));
          plots.profile(seed, cell, "init", atInit);
          plots.profile(seed, cell, "trained", trained);
        }
      }
    }
  }

  private void measureExploding(RnnGradientsSettings settings, FirstSymbolRecall task, long seed, RunContext context,
      RnnGradientsPlots plots) {
    RnnGradientsSettings.Exploding exploding = settings.exploding();
    int hidden = settings.model().hiddenSize();
    double recurrentStd = exploding.recurrentGain() / Math.sqrt(hidden);
    DataSet train = task.generate(settings.task().trainExamples(), exploding.length(), dataSeed(seed, exploding.length(), 3));
    DataSet probe = task.generate(settings.gradientProbe().examples(), exploding.length(), dataSeed(seed, exploding.length(), 4));
    MetricsRecorder metrics = context.metrics();
    // The exploding regime trains its own fixed budget: its final loss is a measurement, not a reason to stop.
    Trainer trainer = context.trainer().with(context.training().withEpochs(exploding.epochs()).withTargetLoss(0.0));
    for (RecurrentCell cell : RecurrentCell.values()) {
      Map<Variant, MultiLayerNetwork> nets = new EnumMap<>(Variant.class);
      for (Variant v : Variant.values()) {
        // Same seed, same initial weights: the two runs differ only in clipping.
        nets.put(v, RecurrentClassifier.build(cell, task.inputChannels(), settings.model(), task.targetSymbols(), seed,
            new Sgd(exploding.learningRate()), recurrentStd, v == Variant.CLIPPED ? exploding.clipNorm() : 0));
      }
      double[] profile = InputGradientProfile.measure(nets.get(Variant.UNCLIPPED), probe);
      metrics.measure(seed, cell.label() + ".large_init.first_over_last_log10", InputGradientProfile.firstOverLastLog10(profile));
      plots.profile(seed, cell, "large init", profile);
      for (Variant v : Variant.values()) {
        String task_ = cell.label() + "/large_init/" + v.label;
        UpdateNormListener updates = new UpdateNormListener();
        TrainingResult result = trainer.fit(task_, seed, nets.get(v), train, List.of(TrainingListener.divergenceIsMeasured(), updates));
        metrics.measure(seed, cell.label() + "." + v.label + ".max_update_norm_log10", Math.log10(updates.maxUpdateNorm()));
        // A diverged run ends with the worst possible loss, not a missing value.
        metrics.measure(seed, cell.label() + "." + v.label + ".final_loss",
            result.diverged() ? Double.POSITIVE_INFINITY : finalEpochLoss(metrics, task_, seed, result));
      }
    }
  }

  private static double finalEpochLoss(MetricsRecorder metrics, String task, long seed, TrainingResult result) {
    double last = TrainingMetrics.lastEpochLoss(metrics, task, seed);
    return Double.isNaN(last) ? result.finalLoss() : last;
  }

  /** Distinct, reproducible data seeds per run seed, length and purpose (train, test, probe...). */
  static long dataSeed(long seed, int length, int purpose) {
    return seed * 1_000_003L + length * 16L + purpose;
  }

  private enum Variant {
    UNCLIPPED("unclipped"),
    CLIPPED("clipped");

    final String label;

    Variant(String label) {
      this.label = label;
    }
  }
}
