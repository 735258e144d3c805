package org.examlab.experiments.gradientflow;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.datasets.tabular.BooleanTasks;
import org.examlab.harness.diagnostics.UpdateNormListener;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Classification;
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
  private final GradientFlowSettings settings;
  private final RunContext context;
  private final MetricsRecorder metrics;

  SmallChecks(GradientFlowSettings settings, RunContext context) {
    this.settings = settings;
    this.context = context;
    this.metrics = context.metrics();
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
    for (ActivationKind kind :
        new ActivationKind[] {ActivationKind.IDENTITY, ActivationKind.TANH}) {
      String label = kind == ActivationKind.IDENTITY ? "linear" : "nonlinear";
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
      metrics.measure(seed, "xor." + label + ".accuracy", Classification.accuracy(net, truthTable));
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
    metrics.measure(seed, "sigmoid_relu.min_output", stats[0]);
    metrics.measure(seed, "sigmoid_relu.below_half_fraction", stats[1]);
    metrics.measure(
        seed,
        "sigmoid_relu.negative_z_fraction",
        z.lt(0).castTo(DataType.DOUBLE).meanNumber().doubleValue());
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
    metrics.measure(seed, "uniform_init.bound", UniformBound.varianceKeepingBound(n));
    metrics.measure(
        seed, "uniform_init.variance_ratio", varianceRatio(n, settings.checks().samples(), seed));
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
      String name = task == BooleanTasks.AND ? "separable" : "xor";
      for (int e = 0; e < errors.length; e++) {
        metrics.record(seed, "perceptron/" + name, e, "errors", errors[e]);
      }
      metrics.measure(seed, "perceptron." + name + ".final_errors", errors[errors.length - 1]);
      metrics.measure(
          seed, "perceptron." + name + ".min_errors", Arrays.stream(errors).min().orElse(0));
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
    for (boolean clipped : new boolean[] {false, true}) {
      String label = clipped ? "clipped" : "unclipped";
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
      String task = "clipping/" + label;
      UpdateNormListener updates = new UpdateNormListener();
      Trainer trainer =
          context.trainer().with(context.training().withEpochs(c.epochs()).withTargetLoss(0.0));
      TrainingResult result =
          trainer.fit(
              task, seed, net, train, List.of(TrainingListener.divergenceIsMeasured(), updates));
      metrics.measure(
          seed, "clipping." + label + ".max_update_log10", Math.log10(updates.maxUpdateNorm()));
      metrics.measure(
          seed,
          "clipping." + label + ".final_loss",
          result.diverged() ? Double.POSITIVE_INFINITY : result.finalLoss());
    }
  }
}
