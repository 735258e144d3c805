package org.examlab.experiments.optimization;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.examlab.architecture.ReluMlp;
import org.examlab.datasets.tabular.TeacherTask;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Measurement;
import org.examlab.harness.metrics.Measurements;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.metrics.SeedStatistics;
import org.examlab.harness.plots.Charts;
import org.examlab.harness.settings.RunSettings;
import org.examlab.harness.settings.UpdaterKind;
import org.examlab.harness.training.TrainingMetrics;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Optimization behaviour on one teacher task (claims 002-3b, 003-1b, 003-1h, 003-5, 003-8e): every
 * variant trains the same MLP (same data, same initial weights for a seed) changing one thing:
 * optimizer, learning rate or schedule, batch size, initialization, L2, dropout, width. Compared
 * optimizers, schedules and batch sizes each train at their own learning rate, tuned on a
 * validation split of the training data ({@link VariantTraining}). Divergence is a measurement
 * here, not a failure.
 *
 * <p>Per variant V and seed: {@code V.learning_rate} (the rate it trained at), {@code
 * V.final_train_loss} (cross-entropy on the whole training set after training, without any L2
 * penalty; infinite if it diverged), {@code V.train_loss_drop} (the same at initialization minus at
 * the end), {@code V.relative_loss_drop} (that drop over the initial loss: the loss trajectory's
 * "did it decrease"), {@code V.diverged} (1 if the loss became non-finite or ended higher than it
 * started), {@code V.steps_to_target} (gradient steps until an epoch's mean training loss reached
 * {@code targetLoss}), {@code V.train_accuracy}, {@code V.test_accuracy}, {@code V.loss_noise} (the
 * mini-batch loss fluctuation, {@link LossCurves#lossNoise}). The L2 / weight-decay identity on
 * DL4J's own updaters (003-8e): {@code weight_decay.sgd_discrepancy} and {@code
 * weight_decay.adam_discrepancy}. And the 2-D saddle ({@link SaddleMeasurements}), and the
 * minibatch gradient's variance against the batch size ({@link GradientNoise}).
 */
public final class OptimizationExperiment implements Experiment<OptimizationSettings> {
  static final Measurement WEIGHT_DECAY_SGD = Measurement.of("weight_decay", "sgd_discrepancy");
  static final Measurement WEIGHT_DECAY_ADAM = Measurement.of("weight_decay", "adam_discrepancy");

  @Override
  public String name() {
    return "optimization";
  }

  @Override
  public String summary() {
    return "optimizers, learning rates and schedules, batch sizes, divergence and remedies, L2 vs weight decay";
  }

  @Override
  public Class<OptimizationSettings> settingsType() {
    return OptimizationSettings.class;
  }

  @Override
  public List<String> claimIds() {
    return List.of("002-3b", "003-1b", "003-1h", "003-3a", "003-5", "003-8e");
  }

  @Override
  public Measurements measurements(OptimizationSettings settings, RunSettings run) {
    Measurements declared = new Measurements();
    declared.add(WEIGHT_DECAY_SGD);
    declared.add(WEIGHT_DECAY_ADAM);
    declared.addAll(SaddleMeasurements.ALL).addAll(GradientNoise.MEASUREMENTS);
    settings
        .variants()
        .forEach(v -> declared.addAll(VariantTraining.measurements(v, run.tuning())));
    return declared;
  }

  @Override
  public void run(OptimizationSettings settings, RunContext context) throws Exception {
    Set<String> unknown = new java.util.TreeSet<>(context.tuner().settings().parameters());
    unknown.remove(VariantTraining.RATE);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "tuning.grid: this experiment tunes only " + VariantTraining.RATE + ", not " + unknown);
    }
    OptimizationSettings.Data d = settings.data();
    TeacherTask task = new TeacherTask(d.features(), d.teacherHidden(), 2026L);
    for (long seed : context.seeds()) {
      DataSet train = task.generate(d.trainExamples(), seed * 2);
      DataSet test = task.generate(d.testExamples(), seed * 2 + 1);
      VariantTraining trainings = new VariantTraining(settings, context, seed, train, test);
      for (OptimizationSettings.Variant v : settings.variants()) {
        trainings.measure(v);
      }
      MetricsRecorder m = context.metrics();
      m.measure(
          seed,
          WEIGHT_DECAY_SGD,
          WeightDecayIdentity.discrepancy(UpdaterKind.SGD, settings, seed, train));
      m.measure(
          seed,
          WEIGHT_DECAY_ADAM,
          WeightDecayIdentity.discrepancy(UpdaterKind.ADAM, settings, seed, train));
      SaddleMeasurements.measure(settings.saddle(), seed, m);
      GradientNoise.measure(settings.gradientNoise(), settings, task, seed, m);
    }
    plots(settings, context);
    SaddleMeasurements.plot(settings.saddle(), context.plotsDir().resolve("saddle_escape.png"));
    GradientNoise.plot(
        settings.gradientNoise(),
        context.seeds(),
        context.metrics(),
        context.plotsDir().resolve("gradient_noise.png"));
  }

  static MultiLayerNetwork network(
      OptimizationSettings settings,
      OptimizationSettings.Variant v,
      long seed,
      org.nd4j.linalg.learning.config.IUpdater updater,
      double l2) {
    NeuralNetConfiguration.Builder base =
        new NeuralNetConfiguration.Builder().seed(seed).updater(updater).l2(l2);
    switch (v.init()) {
      case HE -> base.weightInit(WeightInit.RELU);
      case ZERO -> base.weightInit(WeightInit.ZERO);
      case LARGE -> base.weightInit(new WeightInitDistribution(new NormalDistribution(0, 1)));
    }
    int width = v.width() != null ? v.width() : settings.model().width();
    int depth = v.depth() != null ? v.depth() : settings.model().hiddenLayers();
    return ReluMlp.build(
        base, settings.data().features(), depth, width, v.dropoutRetain(), v.batchNorm());
  }

  private void plots(OptimizationSettings settings, RunContext context) throws IOException {
    long seed = context.seeds().get(0);
    XYChart curves =
        Charts.lines(
            "Training loss per epoch, every variant (seed " + seed + ")",
            "epoch",
            "cross-entropy (mean over the epoch, log)",
            true);
    List<String> names = new ArrayList<>();
    List<Double> finals = new ArrayList<>();
    List<Double> errors = new ArrayList<>();
    Map<String, Map<Long, Double>> measured = context.metrics().measurements();
    for (OptimizationSettings.Variant v : settings.variants()) {
      double[] loss = context.metrics().curve(v.name(), TrainingMetrics.EPOCH_LOSS, seed);
      Charts.addSeries(curves, v.name(), Charts.range(1, loss.length), loss, null);
      SeedStatistics s =
          SeedStatistics.of(
              measured.getOrDefault(VariantTraining.finalTrainLoss(v).name(), Map.of()).values());
      if (Double.isFinite(s.mean())) {
        names.add(v.name());
        finals.add(s.mean());
        errors.add(Double.isFinite(s.ciHigh()) ? s.ciHigh() - s.mean() : 0.0);
      }
    }
    Charts.save(curves, context.plotsDir().resolve("loss_curves.png"));
    if (!names.isEmpty()) {
      CategoryChart bars =
          Charts.bars(
              "Final training loss by variant (mean, bars: 95% CI; diverged variants left out)",
              "variant", "cross-entropy");
      bars.addSeries("final training loss", names, finals, errors);
      Charts.save(bars, context.plotsDir().resolve("final_loss_by_variant.png"));
    }
  }
}
