package org.examlab.experiments.regularization;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.datasets.tabular.TeacherTask;
import org.examlab.harness.config.RunSettings;
import org.examlab.harness.config.TrainingSettings;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Classification;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.sweep.SweepAggregate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One regularization strategy on a small, label-noisy teacher task (claim 000-7); a sweep over
 * {@code strategy} compares them side by side. The test set is large and used for nothing but
 * the final measurement (and the plotted test curve): early stopping decides on a hold-out cut
 * from the training data, k-fold on folds of it.
 *
 * <p>Measurements per seed: {@code test_accuracy}, {@code train_accuracy} (on the training data
 * as given, noisy labels included), {@code generalization_gap} (their difference),
 * {@code test_loss}, {@code epochs_trained}, and for l2-kfold {@code chosen_l2_log10}.
 */
public final class RegularizationExperiment implements Experiment<RegularizationSettings> {

  @Override
  public String name() {
    return "regularization";
  }

  @Override
  public String summary() {
    return "regularization strategies on little data: none, dropout, L2, early stopping, dropout+L2, augmentation, k-fold L2";
  }

  @Override
  public Class<RegularizationSettings> settingsType() {
    return RegularizationSettings.class;
  }

  @Override
  public List<String> claimIds() {
    return List.of("000-7");
  }

  @Override
  public Set<String> measurementNames(RegularizationSettings settings, RunSettings run) {
    Set<String> names = new LinkedHashSet<>(List.of("test_accuracy", "train_accuracy", "generalization_gap", "test_loss", "epochs_trained"));
    if (settings.strategy() == Strategy.L2_KFOLD) {
      names.add("chosen_l2_log10");
    }
    return names;
  }

  @Override
  public void run(RegularizationSettings settings, RunContext context) {
    RegularizationSettings.Data d = settings.data();
    TeacherTask task = new TeacherTask(d.features(), d.teacherHidden(), 2026L);
    for (long seed : context.seeds()) {
      DataSet train = withFlippedLabels(task.generate(d.trainExamples(), seed * 2), d.labelNoise(), seed);
      DataSet test = task.generate(d.testExamples(), seed * 2 + 1);
      runStrategy(settings, seed, train, test, context);
    }
  }

  private void runStrategy(RegularizationSettings settings, long seed, DataSet train, DataSet test, RunContext context) {
    RegularizationSettings.Options o = settings.options();
    MetricsRecorder metrics = context.metrics();
    Strategy strategy = settings.strategy();
    double l2 = strategy.usesFixedL2() ? o.l2() : 0.0;
    DataSet fitData = train;
    DataSet holdOut = null;
    if (strategy == Strategy.EARLY_STOPPING) {
      // DL4J's first argument is the number of examples kept for training; the split is shuffled by the seed.
      int keep = (int) Math.round(train.numExamples() * (1.0 - o.holdOutFraction()));
      SplitTestAndTrain split = train.copy().splitTestAndTrain(keep, new java.util.Random(seed));
      fitData = split.getTrain();
      holdOut = split.getTest();
    } else if (strategy == Strategy.AUGMENTATION) {
      fitData = augmented(train, o.augmentCopies(), o.augmentNoise(), seed);
    } else if (strategy == Strategy.L2_KFOLD) {
      l2 = chooseL2ByKFold(settings, seed, train, context);
      metrics.measure(seed, "chosen_l2_log10", Math.log10(Math.max(l2, 1e-12)));
    }

    MultiLayerNetwork net = network(settings, seed, context.training(), l2, strategy.usesDropout() ? o.dropoutRetain() : 1.0);
    EarlyStopping stopping = holdOut == null ? null : new EarlyStopping(net, holdOut, o.patience());
    DataSet testSet = test;
    var result = context.trainer().fit(strategy.yamlName(), seed, net, fitData, context.training(), (epoch, loss) -> {
      metrics.record(seed, SweepAggregate.CURVE_SERIES, epoch, "train_loss", loss);
      metrics.record(seed, SweepAggregate.CURVE_SERIES, epoch, "test_accuracy", Classification.accuracy(net, testSet)); // plotted, never used to decide
      return stopping == null || stopping.afterEpoch(epoch);
    });
    if (stopping != null) {
      stopping.restoreBest();
    }
    double trainAccuracy = Classification.accuracy(net, train);
    double testAccuracy = Classification.accuracy(net, test);
    metrics.measure(seed, "train_accuracy", trainAccuracy);
    metrics.measure(seed, "test_accuracy", testAccuracy);
    metrics.measure(seed, "generalization_gap", trainAccuracy - testAccuracy);
    metrics.measure(seed, "test_loss", Classification.crossEntropy(net, test));
    metrics.measure(seed, "epochs_trained", stopping != null ? stopping.bestEpoch() + 1 : result.epochs());
  }

  /** Mean validation accuracy over k folds for each candidate; the best candidate (the larger on a tie). */
  private double chooseL2ByKFold(RegularizationSettings settings, long seed, DataSet train, RunContext context) {
    RegularizationSettings.Options o = settings.options();
    int n = train.numExamples();
    double best = o.lambdas().get(0);
    double bestAccuracy = -1;
    for (double lambda : o.lambdas()) {
      double sum = 0;
      for (int fold = 0; fold < o.folds(); fold++) {
        int from = fold * n / o.folds();
        int to = (fold + 1) * n / o.folds();
        List<DataSet> fitParts = new ArrayList<>();
        List<DataSet> validationParts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          (i >= from && i < to ? validationParts : fitParts).add(train.get(i));
        }
        MultiLayerNetwork net = network(settings, seed, context.training(), lambda, 1.0);
        context.trainer().fit("kfold/l2=" + lambda + "/fold" + fold, seed, net, DataSet.merge(fitParts), context.training());
        sum += Classification.accuracy(net, DataSet.merge(validationParts));
      }
      double mean = sum / o.folds();
      context.metrics().record(seed, "kfold", 0, "l2=" + lambda + ".validation_accuracy", mean);
      if (mean >= bestAccuracy) {
        bestAccuracy = mean;
        best = lambda;
      }
    }
    return best;
  }

  static MultiLayerNetwork network(RegularizationSettings settings, long seed, TrainingSettings training, double l2, double retain) {
    return MlpClassifier.build(settings.data().features(), settings.model().hiddenLayers(), settings.model().width(), seed,
        training.newUpdater(), l2, retain);
  }

  /** The training set plus {@code copies} jittered copies of it (x + N(0, noise^2), same labels). */
  static DataSet augmented(DataSet train, int copies, double noise, long seed) {
    Nd4j.getRandom().setSeed(seed);
    List<DataSet> parts = new ArrayList<>();
    parts.add(train);
    for (int c = 0; c < copies; c++) {
      INDArray jitter = Nd4j.randn(train.getFeatures().dataType(), train.getFeatures().shape()).muli(noise);
      parts.add(new DataSet(train.getFeatures().add(jitter), train.getLabels().dup()));
    }
    return DataSet.merge(parts);
  }

  /** Flips the label of a {@code share} of examples, chosen by the seed. */
  static DataSet withFlippedLabels(DataSet data, double share, long seed) {
    SplittableRandom random = new SplittableRandom(seed * 7919L + 17);
    INDArray labels = data.getLabels().dup();
    for (int i = 0; i < labels.rows(); i++) {
      if (random.nextDouble() < share) {
        double first = labels.getDouble(i, 0);
        labels.putScalar(i, 0, labels.getDouble(i, 1));
        labels.putScalar(i, 1, first);
      }
    }
    return new DataSet(data.getFeatures(), labels);
  }
}
