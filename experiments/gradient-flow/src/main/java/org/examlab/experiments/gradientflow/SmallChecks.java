package org.examlab.experiments.gradientflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.datasets.tabular.BooleanTasks;
import org.examlab.harness.diagnostics.UpdateNormListener;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Classification;
import org.examlab.harness.metrics.Measurement;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.training.Trainer;
import org.examlab.harness.training.TrainingListener;
import org.examlab.harness.training.TrainingResult;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The exams' small checks, each computed with ND4J and recorded as measurements. */
final class SmallChecks {
  /** 003-8a's two nets: identity activations (one linear map) and tanh. */
  private static final List<ActivationKind> XOR_ACTIVATIONS =
      List.of(ActivationKind.IDENTITY, ActivationKind.TANH);

  /** 003-8c's two trainings: without and with clipping. */
  static final List<Boolean> CLIPPING = List.of(false, true);

  static final Measurement SIGMOID_RELU_MIN_OUTPUT = Measurement.of("sigmoid_relu", "min_output");
  static final Measurement SIGMOID_RELU_BELOW_HALF =
      Measurement.of("sigmoid_relu", "below_half_fraction");
  static final Measurement SIGMOID_RELU_NEGATIVE_Z =
      Measurement.of("sigmoid_relu", "negative_z_fraction");
  static final Measurement UNIFORM_INIT_BOUND = Measurement.of("uniform_init", "bound");
  static final Measurement UNIFORM_INIT_VARIANCE_RATIO =
      Measurement.of("uniform_init", "variance_ratio");

  /** The metrics series of the perceptron's misclassified examples per epoch. */
  static final String PERCEPTRON_ERRORS = "errors";

  private final GradientFlowSettings settings;
  private final RunContext context;
  private final MetricsRecorder metrics;

  SmallChecks(GradientFlowSettings settings, RunContext context) {
    this.settings = settings;
    this.context = context;
    this.metrics = context.metrics();
  }

  /** Every measurement the checks record. */
  static List<Measurement> measurements() {
    List<Measurement> all = new ArrayList<>();
    XOR_ACTIVATIONS.forEach(kind -> all.add(xorAccuracy(kind)));
    all.addAll(
        List.of(
            SIGMOID_RELU_MIN_OUTPUT,
            SIGMOID_RELU_BELOW_HALF,
            SIGMOID_RELU_NEGATIVE_Z,
            UNIFORM_INIT_BOUND,
            UNIFORM_INIT_VARIANCE_RATIO));
    for (BooleanTasks task : BooleanTasks.values()) {
      all.add(perceptronFinalErrors(task));
      all.add(perceptronMinErrors(task));
    }
    CLIPPING.forEach(clipped -> all.add(clippingMaxUpdate(clipped)));
    CLIPPING.forEach(clipped -> all.add(clippingFinalLoss(clipped)));
    return all;
  }

  private static String xorLabel(ActivationKind kind) {
    return kind == ActivationKind.IDENTITY ? "linear" : "nonlinear";
  }

  static Measurement xorAccuracy(ActivationKind kind) {
    return Measurement.of("xor", xorLabel(kind), "accuracy");
  }

  private static String perceptronLabel(BooleanTasks task) {
    return task == BooleanTasks.AND ? "separable" : "xor";
  }

  /** The metrics series of the perceptron's run on {@code task}. */
  static String perceptronSeries(BooleanTasks task) {
    return "perceptron/" + perceptronLabel(task);
  }

  static Measurement perceptronFinalErrors(BooleanTasks task) {
    return Measurement.of("perceptron", perceptronLabel(task), "final_errors");
  }

  static Measurement perceptronMinErrors(BooleanTasks task) {
    return Measurement.of("perceptron", perceptronLabel(task), "min_errors");
  }

  static String clippingLabel(boolean clipped) {
    return clipped ? "clipped" : "unclipped";
  }

  /** The training task (and metrics series) of the clipping check's run. */
  static String clippingTask(boolean clipped) {
    return "clipping/" + clippingLabel(clipped);
  }

  static Measurement clippingMaxUpdate(boolean clipped) {
    return Measurement.of("clipping", clippingLabel(clipped), "max_update_log10");
  }

  static Measurement clippingFinalLoss(boolean clipped) {
    return Measurement.of("clipping", clippingLabel(clipped), "final_loss");
  }

  void run(long seed, DataSet train) {
    xor(seed);
    sigmoidOfRelu(seed);
    uniformBound(seed);
    perceptron(seed);
    clipping(seed, train);
  }

  /** 003-8a: the same deep net with identity activations (one linear map) and with tanh, on XOR. */
  private void xor(long seed) {
    GradientFlowSettings.Xor xor = settings.checks().xor();
    DataSet data = BooleanTasks.XOR.generate(16, 0.05, seed);
    DataSet truthTable = BooleanTasks.XOR.generate(1, 0.0, seed);
    for (ActivationKind kind : XOR_ACTIVATIONS) {
      String label = xorLabel(kind);
      var variant =
          new GradientFlowSettings.Variant(
              "xor-" + label, kind, InitKind.XAVIER, false, false, null);
      ComputationGraph net =
          DeepMlp.build(
              variant, xor.depth(), xor.width(), 2, 2, seed, new Adam(xor.learningRate()), 0);
      // Full-batch training for the check's own budget.
      Trainer fullBatch =
          context
              .trainer()
              .with(
                  context
                      .training()
                      .withEpochs(xor.epochs())
                      .withBatchSize(data.numExamples())
                      .withTargetLoss(0.0));
      fullBatch.fit("xor/" + label, seed, net, data, List.of());
      metrics.measure(seed, xorAccuracy(kind), Classification.accuracy(net, truthTable));
    }
  }

  /**
   * 003-8b: y = sigmoid(ReLU(z)) over many z of both signs; the smallest output and the share below
   * 0.5.
   */
  private void sigmoidOfRelu(long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray z = Nd4j.randn(DataType.DOUBLE, settings.checks().samples(), 1).muli(10);
    double[] stats = sigmoidOfReluStats(z);
    metrics.measure(seed, SIGMOID_RELU_MIN_OUTPUT, stats[0]);
    metrics.measure(seed, SIGMOID_RELU_BELOW_HALF, stats[1]);
    metrics.measure(
        seed, SIGMOID_RELU_NEGATIVE_Z, z.lt(0).castTo(DataType.DOUBLE).meanNumber().doubleValue());
  }

  /** {min of sigmoid(ReLU(z)), share of outputs below 0.5} for the given z. */
  static double[] sigmoidOfReluStats(INDArray z) {
    INDArray y = Transforms.sigmoid(Transforms.relu(z, true), false);
    return new double[] {
      y.minNumber().doubleValue(), y.lt(0.5).castTo(DataType.DOUBLE).meanNumber().doubleValue()
    };
  }

  /**
   * 003-8f: Var(xW) / Var(x) for W ~ U(-a, a), a = sqrt(3/n), through one linear layer of width n.
   */
  private void uniformBound(long seed) {
    int n = settings.network().width();
    metrics.measure(seed, UNIFORM_INIT_BOUND, UniformBound.varianceKeepingBound(n));
    metrics.measure(
        seed, UNIFORM_INIT_VARIANCE_RATIO, varianceRatio(n, settings.checks().samples(), seed));
  }

  /**
   * Var(y) / Var(x) for y = x W, x ~ N(0, 1) of shape [samples, n], W ~ U(-a, a) with the derived
   * bound.
   */
  static double varianceRatio(int n, int samples, long seed) {
    double a = UniformBound.varianceKeepingBound(n);
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.randn(DataType.DOUBLE, samples, n);
    INDArray w = Nd4j.rand(DataType.DOUBLE, n, n).muli(2 * a).subi(a);
    return x.mmul(w).varNumber().doubleValue() / x.varNumber().doubleValue();
  }

  /** 004-FF: the perceptron rule on AND (separable) and XOR. */
  private void perceptron(long seed) {
    GradientFlowSettings.Perceptron p = settings.checks().perceptron();
    for (BooleanTasks task : BooleanTasks.values()) {
      DataSet data = task.generate(8, 0.05, seed);
      int[] errors =
          Perceptron.errorsPerEpoch(
              data.getFeatures(), BooleanTasks.signLabels(data), p.epochs(), p.learningRate());
      for (int e = 0; e < errors.length; e++) {
        metrics.record(seed, perceptronSeries(task), e, PERCEPTRON_ERRORS, errors[e]);
      }
      metrics.measure(seed, perceptronFinalErrors(task), errors[errors.length - 1]);
      metrics.measure(seed, perceptronMinErrors(task), Arrays.stream(errors).min().orElse(0));
    }
  }

  /**
   * 003-8c: the named variant trained with plain SGD, with and without per-layer gradient clipping.
   */
  private void clipping(long seed, DataSet train) {
    GradientFlowSettings.Clipping c = settings.checks().clipping();
    GradientFlowSettings.Variant variant =
        settings.variants().stream()
            .filter(v -> v.name().equals(c.variant()))
            .findFirst()
            .orElseThrow();
    int depth = variant.depthOr(settings.network().depth());
    for (boolean clipped : CLIPPING) {
      // Same seed, same initial weights: the runs differ only in clipping.
      ComputationGraph net =
          DeepMlp.build(
              variant,
              depth,
              settings.network().width(),
              settings.task().features(),
              2,
              seed,
              new Sgd(c.learningRate()),
              clipped ? c.clipNorm() : 0);
      String task = clippingTask(clipped);
      UpdateNormListener updates = new UpdateNormListener();
      Trainer trainer =
          context.trainer().with(context.training().withEpochs(c.epochs()).withTargetLoss(0.0));
      TrainingResult result =
          trainer.fit(
              task, seed, net, train, List.of(TrainingListener.divergenceIsMeasured(), updates));
      metrics.measure(seed, clippingMaxUpdate(clipped), Math.log10(updates.maxUpdateNorm()));
      metrics.measure(
          seed,
          clippingFinalLoss(clipped),
          result.diverged() ? Double.POSITIVE_INFINITY : result.finalLoss());
    }
  }
}
