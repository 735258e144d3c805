package org.examlab.experiments.optimization;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Classification;
import org.examlab.harness.metrics.Measurement;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.settings.TrainingSettings;
import org.examlab.harness.settings.TuningSettings;
import org.examlab.harness.settings.UpdaterKind;
import org.examlab.harness.training.TrainingListener;
import org.examlab.harness.training.TrainingMetrics;
import org.examlab.harness.training.TrainingResult;
import org.examlab.harness.tuning.Tuner;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;

/**
 * One seed's trainings, variant by variant in config order. A variant's learning rate is, in this
 * order: tuned on a validation split of the training data when the config's {@code tuning} grid
 * names it (or {@code "*"}), another earlier variant's rate times {@code rateFactor} ({@code
 * rateOf}), its own {@code learningRate}, or the run's. The chosen rate then trains on the whole
 * training set; the test set is only evaluated after.
 */
final class VariantTraining {
  static final String RATE = "learningRate";

  private final OptimizationSettings settings;
  private final RunContext context;
  private final long seed;
  private final DataSet train;
  private final DataSet test;
  private final Map<String, Double> rates = new HashMap<>();

  VariantTraining(
      OptimizationSettings settings, RunContext context, long seed, DataSet train, DataSet test) {
    this.settings = settings;
    this.context = context;
    this.seed = seed;
    this.train = train;
    this.test = test;
  }

  /** The rate {@code v} trained at. */
  static Measurement learningRate(OptimizationSettings.Variant v) {
    return Measurement.of(v.name(), "learning_rate");
  }

  /** Cross-entropy on the training set after training (no L2 penalty); infinite if diverged. */
  static Measurement finalTrainLoss(OptimizationSettings.Variant v) {
    return Measurement.of(v.name(), "final_train_loss");
  }

  /** The training loss at initialization minus at the end. */
  static Measurement trainLossDrop(OptimizationSettings.Variant v) {
    return Measurement.of(v.name(), "train_loss_drop");
  }

  /** {@link #trainLossDrop} over the initial loss. */
  static Measurement relativeLossDrop(OptimizationSettings.Variant v) {
    return Measurement.of(v.name(), "relative_loss_drop");
  }

  /** 1 if the loss became non-finite or ended higher than it started. */
  static Measurement diverged(OptimizationSettings.Variant v) {
    return Measurement.of(v.name(), "diverged");
  }

  /** Gradient steps until an epoch's mean training loss reached the target loss. */
  static Measurement stepsToTarget(OptimizationSettings.Variant v) {
    return Measurement.of(v.name(), "steps_to_target");
  }

  static Measurement trainAccuracy(OptimizationSettings.Variant v) {
    return Measurement.of(v.name(), "train_accuracy");
  }

  static Measurement testAccuracy(OptimizationSettings.Variant v) {
    return Measurement.of(v.name(), "test_accuracy");
  }

  /** The mini-batch loss fluctuation, {@link LossCurves#lossNoise}. */
  static Measurement lossNoise(OptimizationSettings.Variant v) {
    return Measurement.of(v.name(), "loss_noise");
  }

  /**
   * Everything {@link #measure} records for {@code v}: the measurements above and, when the run
   * tunes its rate, the tuner's choice.
   */
  static List<Measurement> measurements(OptimizationSettings.Variant v, TuningSettings tuning) {
    List<Measurement> all =
        new ArrayList<>(
            List.of(
                learningRate(v),
                finalTrainLoss(v),
                trainLossDrop(v),
                relativeLossDrop(v),
                diverged(v),
                stepsToTarget(v),
                trainAccuracy(v),
                testAccuracy(v),
                lossNoise(v)));
    all.addAll(Tuner.tunedNames(tuning, v.name()));
    return all;
  }

  void measure(OptimizationSettings.Variant v) throws Exception {
    double rate = rate(v);
    rates.put(v.name(), rate);
    MultiLayerNetwork net = network(v, rate);
    double initial = Classification.crossEntropy(net, train);
    TrainingResult result = fit(v.name(), v, net, train);
    MetricsRecorder m = context.metrics();
    double last =
        result.diverged() ? Double.POSITIVE_INFINITY : Classification.crossEntropy(net, train);
    // Diverged: the loss became non-finite, or training ended with a higher training loss than it
    // started with.
    boolean diverged = result.diverged() || !(last <= initial);
    m.measure(seed, learningRate(v), rate);
    m.measure(seed, finalTrainLoss(v), last);
    m.measure(seed, trainLossDrop(v), initial - last);
    m.measure(seed, relativeLossDrop(v), (initial - last) / initial);
    m.measure(seed, diverged(v), diverged ? 1.0 : 0.0);
    m.measure(
        seed,
        stepsToTarget(v),
        LossCurves.stepsToTarget(
            m.curve(v.name(), TrainingMetrics.EPOCH_LOSS, seed),
            batchesPerEpoch(v),
            settings.targetLoss()));
    // Accuracy is measured even after a divergence: whatever the broken network predicts.
    m.measure(seed, trainAccuracy(v), Classification.accuracy(net, train));
    m.measure(seed, testAccuracy(v), Classification.accuracy(net, test));
    m.measure(
        seed, lossNoise(v), LossCurves.lossNoise(m.curve(v.name(), TrainingMetrics.LOSS, seed)));
  }

  private double rate(OptimizationSettings.Variant v) throws Exception {
    Tuner tuner = context.tuner();
    if (tuner.tunes(v.name())) {
      SplitTestAndTrain split = tuner.split(train, seed);
      int[] candidate = {0};
      Tuner.Choice choice =
          tuner.choose(
              v.name(),
              seed,
              c -> {
                double rate = c.get(RATE) * v.rateFactor();
                MultiLayerNetwork net = network(v, rate);
                // "tune/" keeps the candidates' trainings apart from the arm's own (a claim's
                // `trained` names the arm).
                TrainingResult r =
                    fit("tune/" + v.name() + "/" + candidate[0]++, v, net, split.getTrain());
                return r.diverged()
                    ? Double.NaN
                    : Classification.crossEntropy(net, split.getTest());
              });
      return choice.chosen().get(RATE) * v.rateFactor();
    }
    if (v.rateOf() != null) {
      return rates.get(v.rateOf()) * v.rateFactor();
    }
    return (v.learningRate() != null ? v.learningRate() : context.training().learningRate())
        * v.rateFactor();
  }

  private TrainingResult fit(
      String task, OptimizationSettings.Variant v, MultiLayerNetwork net, DataSet data) {
    TrainingSettings t = context.training();
    int batch =
        v.batchSize() == null
            ? t.batchSize()
            : v.batchSize() == 0 ? data.numExamples() : v.batchSize();
    // Every variant trains its whole budget (no target-loss stop): losses and crossings are
    // compared.
    TrainingSettings own = t.withBatchSize(batch).withTargetLoss(0.0).withEpochs(epochs(v));
    return context
        .trainer()
        .with(own)
        .fit(task, seed, net, data, List.of(TrainingListener.divergenceIsMeasured()));
  }

  private int epochs(OptimizationSettings.Variant v) {
    if (v.stepsOf() != null) {
      OptimizationSettings.Variant other =
          settings.variants().stream()
              .filter(o -> o.name().equals(v.stepsOf()))
              .findFirst()
              .orElseThrow();
      long steps = (long) epochs(other) * batchesPerEpoch(other);
      if (steps % batchesPerEpoch(v) != 0) {
        throw new IllegalArgumentException(
            "variants."
                + v.name()
                + ".stepsOf: "
                + steps
                + " steps of "
                + other.name()
                + " are not a whole number of its epochs ("
                + batchesPerEpoch(v)
                + " steps each)");
      }
      return (int) (steps / batchesPerEpoch(v));
    }
    return v.epochs() != null ? v.epochs() : context.training().epochs();
  }

  private int batchesPerEpoch(OptimizationSettings.Variant v) {
    int batch =
        v.batchSize() == null
            ? context.training().batchSize()
            : v.batchSize() == 0 ? train.numExamples() : v.batchSize();
    return (train.numExamples() + batch - 1) / batch;
  }

  private MultiLayerNetwork network(OptimizationSettings.Variant v, double rate) {
    UpdaterKind updater = v.updater() != null ? v.updater() : context.training().updater();
    return OptimizationExperiment.network(
        settings, v, seed, updater.create(v.schedule().create(rate, epochs(v))), v.l2());
  }
}
