package org.examlab.experiments.gradientflow;

import java.io.IOException;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.datasets.tabular.TeacherTask;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Classification;
import org.examlab.harness.metrics.Measurements;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.metrics.MetricsRecorder.Row;
import org.examlab.harness.settings.RunSettings;
import org.examlab.harness.training.TrainingMetrics;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Gradient flow through deep MLPs (claims 000-1..5, 001-1, 003-2, 003-1e, 003-8a/b/c/f, 004-FF).
 *
 * <p>For each variant (activation x initialization x batch norm x residual) and seed: at
 * initialization, per-layer error signal ||dL/dz_i||, weight-gradient norm and activation
 * statistics on a probe batch; then training on a teacher-labelled task, with the harness's
 * per-layer diagnostics, to final loss and test accuracy. Then the exams' small checks.
 *
 * <p>Per-variant measurements, for verdict rules: {@code <variant>.init.signal_ratio_log10} (log10
 * of first-layer over last-layer error signal: below 0 vanishing towards the input, above 0
 * exploding), {@code .init.signal_imbalance_log10} (its absolute value), {@code
 * .init.weight_grad_ratio_log10} and its absolute value {@code .init.weight_grad_imbalance_log10}
 * (with batch norm, read these: the bias-gradient error signal summed over a batch cancels, since
 * batch norm's backward pass removes the batch mean), {@code .init.act_std_ratio_log10} (last over
 * first hidden layer), {@code .init.act_std_drift_log10} (its absolute value), {@code
 * .init.saturated_last}, {@code .final_loss}, {@code .test_accuracy}; with diagnostics on, {@code
 * .train.first_grad_log10} (mean first-layer gradient norm during training) and {@code
 * .train.first_weight_std_change} (relative change of the first layer's weight std).
 */
public final class GradientFlowExperiment implements Experiment<GradientFlowSettings> {
  @Override
  public String name() {
    return "gradient-flow";
  }

  @Override
  public String summary() {
    return "deep MLPs: initialization, activations, batch norm and skip connections vs gradient flow; the exams' small checks";
  }

  @Override
  public Class<GradientFlowSettings> settingsType() {
    return GradientFlowSettings.class;
  }

  @Override
  public List<String> claimIds() {
    return List.of(
        "000-1", "000-2", "000-3", "000-4", "000-5", "001-1", "003-2", "003-8f", "003-1e", "003-8a",
        "003-8b", "003-8c", "004-FF");
  }

  @Override
  public Measurements measurements(GradientFlowSettings settings, RunSettings run) {
    Measurements declared = new Measurements().addAll(SmallChecks.measurements());
    for (GradientFlowSettings.Variant v : settings.variants()) {
      declared.addAll(VariantMeasurements.all(v, run.diagnostics().enabled()));
    }
    return declared;
  }

  @Override
  public void run(GradientFlowSettings settings, RunContext context) throws IOException {
    GradientFlowSettings.Task t = settings.task();
    TeacherTask task = new TeacherTask(t.features(), t.teacherHidden(), 2026L);
    GradientFlowPlots plots = new GradientFlowPlots(settings, context);
    for (long seed : context.seeds()) {
      DataSet train = task.generate(t.trainExamples(), seed * 3);
      DataSet test = task.generate(t.testExamples(), seed * 3 + 1);
      DataSet probe = task.generate(t.probeExamples(), seed * 3 + 2);
      for (GradientFlowSettings.Variant v : settings.variants()) {
        measureVariant(settings, v, seed, train, test, probe, context, plots);
      }
      new SmallChecks(settings, context).run(seed, train);
    }
    plots.drawAll();
  }

  private void measureVariant(
      GradientFlowSettings settings,
      GradientFlowSettings.Variant v,
      long seed,
      DataSet train,
      DataSet test,
      DataSet probe,
      RunContext context,
      GradientFlowPlots plots) {
    int depth = v.depthOr(settings.network().depth());
    ComputationGraph net =
        DeepMlp.build(
            v,
            depth,
            settings.network().width(),
            settings.task().features(),
            2,
            seed,
            context.training().newUpdater(),
            context.training().gradientClipNorm());
    InitialFlow flow = InitialFlow.measure(net, v, depth, probe);
    MetricsRecorder m = context.metrics();
    double signalRatio = InitialFlow.firstOverLastLog10(flow.errorSignal());
    double actRatio = InitialFlow.lastOverFirstLog10(flow.activationStd());
    m.measure(seed, VariantMeasurements.signalRatio(v), signalRatio);
    m.measure(seed, VariantMeasurements.signalImbalance(v), Math.abs(signalRatio));
    double weightRatio = InitialFlow.firstOverLastLog10(flow.weightGradient());
    m.measure(seed, VariantMeasurements.weightGradRatio(v), weightRatio);
    m.measure(seed, VariantMeasurements.weightGradImbalance(v), Math.abs(weightRatio));
    m.measure(seed, VariantMeasurements.actStdRatio(v), actRatio);
    m.measure(seed, VariantMeasurements.actStdDrift(v), Math.abs(actRatio));
    m.measure(seed, VariantMeasurements.saturatedLast(v), flow.saturated()[depth - 1]);
    plots.initialFlow(seed, v, flow);

    var result = context.trainer().fit(v.name(), seed, net, train, List.of());
    m.measure(
        seed,
        VariantMeasurements.finalLoss(v),
        result.diverged() ? Double.POSITIVE_INFINITY : result.finalLoss());
    m.measure(seed, VariantMeasurements.testAccuracy(v), Classification.accuracy(net, test));
    if (context.run().diagnostics().enabled()) {
      measureTrainingDiagnostics(m, v, seed);
    }
  }

  /**
   * 001-1: the average first-layer gradient norm and the change of its weight distribution during
   * training.
   */
  private static void measureTrainingDiagnostics(
      MetricsRecorder m, GradientFlowSettings.Variant v, long seed) {
    String series = TrainingMetrics.diagnosticsSeries(v.name());
    String first = DeepMlp.denseName(0);
    List<Row> grads =
        m.rows(series, TrainingMetrics.layerMetric(first, TrainingMetrics.GRAD_NORM), seed);
    List<Row> stds =
        m.rows(series, TrainingMetrics.layerMetric(first, TrainingMetrics.WEIGHT_STD), seed);
    double meanGrad = grads.stream().mapToDouble(Row::value).average().orElse(Double.NaN);
    m.measure(seed, VariantMeasurements.firstGradDuringTraining(v), Math.log10(meanGrad));
    double change =
        stds.size() < 2
            ? Double.NaN
            : Math.abs(stds.get(stds.size() - 1).value() / stds.get(0).value() - 1);
    m.measure(seed, VariantMeasurements.firstWeightStdChange(v), change);
  }
}
