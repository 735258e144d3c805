package org.examlab.experiments.gradientflow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.examlab.datasets.tabular.BooleanTasks;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Curves;
import org.examlab.harness.plots.Charts;
import org.examlab.harness.training.TrainingMetrics;
import org.knowm.xchart.XYChart;

/** The gradient-flow figures; every plotted value is also written to metrics.csv. */
final class GradientFlowPlots {
  private static final int BINS = 30;

  private final GradientFlowSettings settings;
  private final RunContext context;

  /** variant -> quantity -> one per-layer array per seed. */
  private final Map<String, Map<String, List<double[]>>> perLayer = new LinkedHashMap<>();

  /** variant -> per-layer activations of the first seed, for the histogram figure. */
  private final Map<String, float[][]> firstSeedActivations = new LinkedHashMap<>();

  GradientFlowPlots(GradientFlowSettings settings, RunContext context) {
    this.settings = settings;
    this.context = context;
  }

  void initialFlow(long seed, GradientFlowSettings.Variant v, InitialFlow flow) {
    Map<String, double[]> quantities =
        Map.of(
            "error_signal",
            flow.errorSignal(),
            "weight_grad_norm",
            flow.weightGradient(),
            "act_std",
            flow.activationStd(),
            "saturated",
            flow.saturated());
    quantities.forEach(
        (name, values) -> {
          perLayer
              .computeIfAbsent(v.name(), k -> new LinkedHashMap<>())
              .computeIfAbsent(name, k -> new ArrayList<>())
              .add(values);
          for (int i = 0; i < values.length; i++) {
            context.metrics().record(seed, "init/" + v.name(), i, name, values[i]);
          }
        });
    if (seed == context.seeds().get(0)) {
      firstSeedActivations.put(v.name(), flow.activations());
    }
  }

  void drawAll() throws IOException {
    XYChart signal =
        perLayerChart(
            "error_signal", "Error signal ||dL/dz|| per layer at init", "||dL/dz_i|| (log)", true);
    XYChart weights =
        perLayerChart(
            "weight_grad_norm",
            "Weight-gradient norm per layer at init",
            "||dL/dW_i|| (log)",
            true);
    XYChart std =
        perLayerChart(
            "act_std", "Activation std per layer at init", "std of activations (log)", true);
    XYChart loss = lossChart();
    Charts.save(signal, context.plotsDir().resolve("error_signal_per_layer.png"));
    Charts.save(weights, context.plotsDir().resolve("weight_gradient_per_layer.png"));
    Charts.save(std, context.plotsDir().resolve("activation_std_per_layer.png"));
    Charts.save(loss, context.plotsDir().resolve("loss_curves.png"));
    Charts.saveGrid(
        List.of(signal, weights, std, loss), 2, context.plotsDir().resolve("overview.png"));
    histograms();
    perceptronChart();
    clippingChart();
  }

  /** Geometric mean over seeds, per layer, one line per variant. */
  private XYChart perLayerChart(String quantity, String title, String yLabel, boolean log) {
    XYChart chart =
        Charts.lines(
            title + " (geometric mean over seeds)",
            "hidden layer (0 = next to the input)",
            yLabel,
            log);
    perLayer.forEach(
        (variant, quantities) -> {
          List<double[]> logs =
              quantities.get(quantity).stream()
                  .map(a -> Arrays.stream(a).map(Math::log10).toArray())
                  .toList();
          double[] mean = Arrays.stream(Curves.of(logs).mean()).map(x -> Math.pow(10, x)).toArray();
          Charts.addSeries(chart, variant, Charts.range(0, mean.length), mean, null);
        });
    return chart;
  }

  private XYChart lossChart() {
    long seed = context.seeds().get(0);
    XYChart chart =
        Charts.lines(
            "Training loss per variant (seed " + seed + ")",
            "epoch",
            "cross-entropy loss (mean over the epoch)",
            true);
    for (GradientFlowSettings.Variant v : settings.variants()) {
      double[] loss = values(v.name(), TrainingMetrics.EPOCH_LOSS, seed);
      Charts.addSeries(chart, v.name(), Charts.range(1, loss.length), loss, null);
    }
    return chart;
  }

  /**
   * The classic figure (003-2): for each plain variant (no batch norm, no skips), the distribution
   * of activations in five layers from first to last, at initialization.
   */
  private void histograms() throws IOException {
    List<XYChart> charts = new ArrayList<>();
    for (GradientFlowSettings.Variant v : settings.variants()) {
      float[][] layers = firstSeedActivations.get(v.name());
      boolean plain = !v.batchNorm() && !v.residual();
      if (layers == null || !plain || v.activation() == ActivationKind.IDENTITY) {
        continue;
      }
      double low = Double.MAX_VALUE;
      double high = -Double.MAX_VALUE;
      for (float[] layer : layers) {
        for (float a : layer) {
          if (Float.isFinite(
              a)) { // an exploding variant overflows to infinity: the bins cover the finite values
            low = Math.min(low, a);
            high = Math.max(high, a);
          }
        }
      }
      if (low > high) { // nothing finite to bin
        continue;
      }
      if (!(high - low
          > 1e-6
              * Math.max(
                  1,
                  Math.abs(
                      low)))) { // one value: a bin around it, wide enough to be a range at its size
        high = low + 1e-6 * Math.max(1, Math.abs(low));
      }
      XYChart chart =
          Charts.lines(
              v.name() + ": activations per layer at init",
              "activation value",
              "fraction of activations",
              false);
      int depth = layers.length;
      for (int i :
          java.util.stream.IntStream.of(0, depth / 4, depth / 2, 3 * depth / 4, depth - 1)
              .distinct()
              .toArray()) {
        double[] centres = new double[BINS];
        double[] share = new double[BINS];
        double width = (high - low) / BINS;
        for (int b = 0; b < BINS; b++) {
          centres[b] = low + (b + 0.5) * width;
        }
        for (float a : layers[i]) {
          if (Float.isFinite(a)) {
            share[(int) Math.min(BINS - 1, Math.max(0, (a - low) / width))] +=
                1.0 / layers[i].length;
          }
        }
        Charts.addSeries(chart, "layer " + i, centres, share, null);
      }
      charts.add(chart);
    }
    if (!charts.isEmpty()) {
      Charts.saveGrid(charts, 3, context.plotsDir().resolve("activation_histograms.png"));
    }
  }

  private void perceptronChart() throws IOException {
    long seed = context.seeds().get(0);
    XYChart chart =
        Charts.lines(
            "Perceptron rule: misclassified examples per epoch (seed " + seed + ")",
            "epoch",
            "misclassified examples (of 32)",
            false);
    for (BooleanTasks task : List.of(BooleanTasks.AND, BooleanTasks.XOR)) {
      double[] errors =
          values(SmallChecks.perceptronSeries(task), SmallChecks.PERCEPTRON_ERRORS, seed);
      Charts.addSeries(
          chart,
          task == BooleanTasks.XOR ? "XOR" : "AND (linearly separable)",
          Charts.range(1, errors.length),
          errors,
          null);
    }
    Charts.save(chart, context.plotsDir().resolve("perceptron_errors.png"));
  }

  private void clippingChart() throws IOException {
    long seed = context.seeds().get(0);
    GradientFlowSettings.Clipping c = settings.checks().clipping();
    XYChart chart =
        Charts.lines(
            String.format(
                "%s with SGD: update norm per iteration, clipping at %.3g (seed %d)",
                c.variant(), c.clipNorm(), seed),
            "training iteration",
            "||update|| (L2, log)",
            true);
    for (boolean clipped : SmallChecks.CLIPPING) {
      double[] norms = values(SmallChecks.clippingTask(clipped), TrainingMetrics.UPDATE_NORM, seed);
      Charts.addSeries(
          chart, SmallChecks.clippingLabel(clipped), Charts.range(0, norms.length), norms, null);
    }
    Charts.save(chart, context.plotsDir().resolve("clipping_update_norms.png"));
  }

  private double[] values(String series, String name, long seed) {
    return context.metrics().curve(series, name, seed);
  }
}
