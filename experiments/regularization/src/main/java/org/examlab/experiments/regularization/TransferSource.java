package org.examlab.experiments.regularization;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.datasets.tabular.TeacherTask;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Classification;
import org.examlab.harness.metrics.Measurement;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The larger task a transfer arm pretrains its encoder on. The related source is the target's
 * teacher with {@code sourceExtraHidden} more hidden units: TeacherTask draws its units one by one
 * from the teacher seed, so the first {@code teacherHidden} units are exactly the target's and the
 * label is the target's function plus a perturbation. The unrelated control has the same size and
 * another teacher seed. Both are noise-free and {@code sourceExamples} large.
 */
record TransferSource(TeacherTask task, TeacherTask target, RegularizationSettings settings) {
  static final long TEACHER_SEED = 2026L;

  /** The pretrained network's accuracy on its own (source) task. */
  static final Measurement SOURCE_TEST_ACCURACY = Measurement.of("source_test_accuracy");

  /** How often the source's labels agree with the target's: how related the tasks are. */
  static final Measurement SOURCE_LABEL_AGREEMENT = Measurement.of("source_label_agreement");

  static final List<Measurement> ALL = List.of(SOURCE_TEST_ACCURACY, SOURCE_LABEL_AGREEMENT);

  static TransferSource of(RegularizationSettings settings, Strategy strategy) {
    RegularizationSettings.Data d = settings.data();
    int hidden = d.teacherHidden() + settings.options().sourceExtraHidden();
    long seed = strategy == Strategy.TRANSFER ? TEACHER_SEED : TEACHER_SEED + 1;
    return new TransferSource(
        new TeacherTask(d.features(), hidden, seed),
        new TeacherTask(d.features(), d.teacherHidden(), TEACHER_SEED),
        settings);
  }

  /**
   * Trains a network on the source task at the run's learning rate (task {@code pretrain}) and
   * measures it on the source labels of the target's test inputs, and how often those agree with
   * the target's labels.
   */
  MultiLayerNetwork pretrain(long seed, DataSet targetTest, RunContext context) {
    var training = context.training().withEpochs(settings.options().pretrainEpochs());
    MultiLayerNetwork net = RegularizationExperiment.network(settings, seed, training, 0.0, 1.0);
    context
        .trainer()
        .with(training)
        .fit(
            "pretrain",
            seed,
            net,
            task.generate(settings.options().sourceExamples(), seed * 2 + 1_000_003L),
            List.of());
    // The same generation seed gives the same inputs for every teacher: only the labels differ.
    DataSet sourceTest = task.generate(targetTest.numExamples(), seed * 2 + 1);
    context.metrics().measure(seed, SOURCE_TEST_ACCURACY, Classification.accuracy(net, sourceTest));
    context
        .metrics()
        .measure(
            seed,
            SOURCE_LABEL_AGREEMENT,
            Classification.accuracy(sourceTest.getLabels(), targetTest.getLabels()));
    return net;
  }

  /**
   * Copies the first {@code layers} (hidden) layers' weights and biases of {@code from} into {@code
   * to}; the output layer stays fresh.
   */
  static void copyHiddenLayers(MultiLayerNetwork from, MultiLayerNetwork to, int layers) {
    for (int i = 0; i < layers; i++) {
      to.setParam(i + "_W", from.getParam(i + "_W").dup());
      to.setParam(i + "_b", from.getParam(i + "_b").dup());
    }
  }
}
