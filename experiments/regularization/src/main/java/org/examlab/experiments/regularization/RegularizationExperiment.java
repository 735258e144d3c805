package org.examlab.experiments.regularization;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.datasets.tabular.TeacherTask;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Classification;
import org.examlab.harness.metrics.Measurement;
import org.examlab.harness.metrics.Measurements;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.settings.RunSettings;
import org.examlab.harness.settings.TrainingSettings;
import org.examlab.harness.sweep.SweepAggregate;
import org.examlab.harness.training.TrainingListener;
import org.examlab.harness.training.TrainingResult;
import org.examlab.harness.training.ValidationStopping;
import org.examlab.harness.tuning.Tuner;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;

/**
 * One arm of claim 000-7 on little, label-noisy data; a sweep over {@code strategy} compares them.
 * Every arm chooses its learning rate and strength on a validation split of its own training data
 * through the harness tuner (k-fold: on folds), then trains at the choice on all of it (hold-out
 * early stopping: on the rest). The large test set is used for nothing but the final measurement
 * and the plotted test curve.
 *
 * <p>Measurements per seed: {@code test_accuracy}, {@code train_accuracy} (on the training data as
 * given, noisy labels included), {@code generalization_gap} (their difference), {@code test_loss},
 * {@code epochs_trained}; the tuner adds {@code <arm>.tuned.<param>}. k-fold adds {@code
 * fold_model_test_accuracy} (the same choice, a fold's model kept instead of retrained), {@code
 * oracle_test_accuracy} (the grid's best lambda in hindsight, at the chosen rate) and {@code
 * kfold_regret}; transfer adds {@code source_test_accuracy} (the pretrained network on its own
 * task) and {@code source_label_agreement} (how related the source task is); dropout adds its
 * sub-network ensemble ({@link DropoutEnsemble}).
 */
public final class RegularizationExperiment implements Experiment<RegularizationSettings> {
  /**
   * The trainings the claims gate on; tuning candidates are named {@code tune/...} and gate
   * nothing.
   */
  static final String FINAL_TASK = "final";

  static final Measurement TEST_ACCURACY = Measurement.of("test_accuracy");

  /** On the training data as given, noisy labels included. */
  static final Measurement TRAIN_ACCURACY = Measurement.of("train_accuracy");

  static final Measurement GENERALIZATION_GAP = Measurement.of("generalization_gap");
  static final Measurement TEST_LOSS = Measurement.of("test_loss");
  static final Measurement EPOCHS_TRAINED = Measurement.of("epochs_trained");

  /** k-fold: the same choice, a fold's model kept instead of retrained. */
  static final Measurement FOLD_MODEL_TEST_ACCURACY = Measurement.of("fold_model_test_accuracy");

  /** k-fold: the grid's best lambda in hindsight, at the chosen rate. */
  static final Measurement ORACLE_TEST_ACCURACY = Measurement.of("oracle_test_accuracy");

  static final Measurement KFOLD_REGRET = Measurement.of("kfold_regret");

  @Override
  public String name() {
    return "regularization";
  }

  @Override
  public String summary() {
    return "claim 000-7 on little data: dropout, L2, early stopping (hold-out, retrained), k-fold, shift augmentation, transfer; each arm tuned";
  }

  @Override
  public Class<RegularizationSettings> settingsType() {
    return RegularizationSettings.class;
  }

  @Override
  public List<String> claimIds() {
    return List.of("000-7", "002-3a");
  }

  @Override
  public Measurements measurements(RegularizationSettings settings, RunSettings run) {
    Strategy s = settings.strategy();
    Measurements declared =
        new Measurements()
            .addAll(
                List.of(
                    TEST_ACCURACY, TRAIN_ACCURACY, GENERALIZATION_GAP, TEST_LOSS, EPOCHS_TRAINED));
    if (s == Strategy.L2_KFOLD) {
      declared.addAll(List.of(FOLD_MODEL_TEST_ACCURACY, ORACLE_TEST_ACCURACY, KFOLD_REGRET));
    }
    if (s.usesPretraining()) {
      declared.addAll(TransferSource.ALL);
    }
    if (s.usesDropout()) {
      declared.addAll(DropoutEnsemble.ALL);
    }
    return declared.addAll(Tuner.tunedNames(run.tuning(), s.yamlName()));
  }

  @Override
  public void run(RegularizationSettings settings, RunContext context) throws Exception {
    RegularizationSettings.Data d = settings.data();
    Strategy strategy = settings.strategy();
    TeacherTask teacher = new TeacherTask(d.features(), d.teacherHidden(), 2026L);
    ShiftInvariantTask rings = new ShiftInvariantTask(d.features(), d.shiftFilters(), 2026L);
    for (long seed : context.seeds()) {
      DataSet clean =
          strategy.usesShiftTask()
              ? rings.generate(d.trainExamples(), seed * 2)
              : teacher.generate(d.trainExamples(), seed * 2);
      DataSet test =
          strategy.usesShiftTask()
              ? rings.generate(d.testExamples(), seed * 2 + 1)
              : teacher.generate(d.testExamples(), seed * 2 + 1);
      DataSet train = withFlippedLabels(clean, d.labelNoise(), seed);
      MultiLayerNetwork encoder =
          strategy.usesPretraining()
              ? TransferSource.of(settings, strategy).pretrain(seed, test, context)
              : null;
      new ArmRun(settings, seed, train, test, encoder, context).run();
    }
  }

  /** One arm and seed: tune, train the final model, measure it. */
  private record ArmRun(
      RegularizationSettings settings,
      long seed,
      DataSet train,
      DataSet test,
      MultiLayerNetwork encoder,
      RunContext context) {
    Strategy strategy() {
      return settings.strategy();
    }

    void run() throws Exception {
      SplitTestAndTrain split = context.tuner().split(train, seed);
      DataSet rest = split.getTrain();
      DataSet validation = split.getTest();
      RegularizationSettings.Options o = settings.options();
      int epochs = context.training().epochs();
      String arm = strategy().yamlName();
      switch (strategy()) {
        case EARLY_STOPPING, EARLY_STOPPING_RETRAIN -> {
          ArmParameters p =
              choose(
                  arm,
                  c -> {
                    ValidationStopping stopping = stoppingOn(validation);
                    fit("tune/" + c.describe(), c, rest, epochs, stopping);
                    return stopping.bestLoss();
                  });
          ValidationStopping stopping = stoppingOn(validation);
          if (strategy()
              == Strategy
                  .EARLY_STOPPING) { // the plain form: the hold-out model, best epoch restored
            Fitted model = fit(FINAL_TASK, p, rest, epochs, stopping);
            measure(model.network(), stopping.bestEpoch() + 1);
          } else { // the standard form: that many epochs again, on all the data
            fit("holdout", p, rest, epochs, stopping);
            int chosen = stopping.bestEpoch() + 1;
            measure(fit(FINAL_TASK, p, train, chosen).network(), chosen);
          }
        }
        case L2_KFOLD -> {
          KFold folds = new KFold(train, o.folds());
          ArmParameters p =
              choose(
                  arm,
                  c ->
                      folds.validationLoss(
                          fold ->
                              fit(
                                      "tune/kfold/" + c.describe() + "/fold" + fold,
                                      c,
                                      folds.fitPart(fold),
                                      epochs)
                                  .network()));
          Fitted retrained = fit(FINAL_TASK, p, train, epochs);
          double kept =
              Classification.accuracy(
                  fit("fold-model", p, folds.fitPart(0), epochs).network(), test);
          double testAccuracy = Classification.accuracy(retrained.network(), test);
          double oracle = testAccuracy;
          for (Map<String, Double> c : context.tuner().settings().candidates(arm)) {
            ArmParameters q = ArmParameters.of(strategy(), c, o, context.training());
            if (q.learningRate() == p.learningRate()
                && q.l2()
                    != p.l2()) { // hindsight over lambda at the chosen rate: reported, never chosen
              oracle =
                  Math.max(
                      oracle,
                      Classification.accuracy(
                          fit("oracle/" + q.describe(), q, train, epochs).network(), test));
            }
          }
          MetricsRecorder metrics = context.metrics();
          metrics.measure(seed, FOLD_MODEL_TEST_ACCURACY, kept);
          metrics.measure(seed, ORACLE_TEST_ACCURACY, oracle);
          metrics.measure(seed, KFOLD_REGRET, oracle - testAccuracy);
          measure(retrained.network(), retrained.result().epochs());
        }
        default -> {
          ArmParameters p =
              choose(
                  arm,
                  c ->
                      Classification.crossEntropy(
                          fit("tune/" + c.describe(), c, rest, epochs).network(), validation));
          Fitted model = fit(FINAL_TASK, p, train, epochs);
          measure(model.network(), model.result().epochs());
          if (strategy().usesDropout()) {
            DropoutEnsemble.measure(
                model.network(), test, settings.options().ensembleMasks(), seed, context.metrics());
          }
        }
      }
    }

    interface Objective {
      double validationLoss(ArmParameters candidate) throws Exception;
    }

    private ArmParameters choose(String arm, Objective objective) throws Exception {
      RegularizationSettings.Options o = settings.options();
      var choice =
          context
              .tuner()
              .choose(
                  arm,
                  seed,
                  c ->
                      objective.validationLoss(
                          ArmParameters.of(strategy(), c, o, context.training())));
      return ArmParameters.of(strategy(), choice.chosen(), o, context.training());
    }

    private ValidationStopping stoppingOn(DataSet validation) {
      // Early stopping watches the hold-out's cross-entropy (without the L2 term) and restores the
      // best epoch's weights.
      return new ValidationStopping(
          model -> Classification.crossEntropy(model, validation), settings.options().patience());
    }

    private Fitted fit(
        String task, ArmParameters p, DataSet data, int epochs, TrainingListener... extra) {
      TrainingSettings training = p.training(context.training(), epochs);
      MultiLayerNetwork net = network(settings, seed, training, p.l2(), p.dropoutRetain());
      if (encoder != null) {
        TransferSource.copyHiddenLayers(encoder, net, settings.model().hiddenLayers());
      }
      List<TrainingListener> listeners = new ArrayList<>(List.of(extra));
      if (task.equals(FINAL_TASK)) {
        MetricsRecorder metrics = context.metrics();
        listeners.add(
            TrainingListener.afterEachEpoch(
                t -> {
                  metrics.record(
                      seed, SweepAggregate.CURVE_SERIES, t.epoch(), "train_loss", t.epochLoss());
                  metrics.record(
                      seed,
                      SweepAggregate.CURVE_SERIES,
                      t.epoch(),
                      TEST_ACCURACY.name(),
                      Classification.accuracy(net, test)); // plotted, never used to decide
                }));
      }
      var trainer = context.trainer().with(training);
      TrainingResult result =
          strategy() == Strategy.SHIFT_AUGMENTED
              ? trainer.fit(
                  task,
                  seed,
                  net,
                  new ShiftedEpochs(data, p.shiftShare(), training.batchSize(), seed),
                  listeners)
              : trainer.fit(task, seed, net, data, listeners);
      return new Fitted(net, result);
    }

    private void measure(MultiLayerNetwork net, int epochsTrained) {
      MetricsRecorder metrics = context.metrics();
      double trainAccuracy = Classification.accuracy(net, train);
      double testAccuracy = Classification.accuracy(net, test);
      metrics.measure(seed, TRAIN_ACCURACY, trainAccuracy);
      metrics.measure(seed, TEST_ACCURACY, testAccuracy);
      metrics.measure(seed, GENERALIZATION_GAP, trainAccuracy - testAccuracy);
      metrics.measure(seed, TEST_LOSS, Classification.crossEntropy(net, test));
      metrics.measure(seed, EPOCHS_TRAINED, epochsTrained);
    }
  }

  private record Fitted(MultiLayerNetwork network, TrainingResult result) {}

  static MultiLayerNetwork network(
      RegularizationSettings settings,
      long seed,
      TrainingSettings training,
      double l2,
      double retain) {
    return MlpClassifier.build(
        settings.data().features(),
        settings.model().hiddenLayers(),
        settings.model().width(),
        seed,
        training.newUpdater(),
        l2,
        retain);
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
