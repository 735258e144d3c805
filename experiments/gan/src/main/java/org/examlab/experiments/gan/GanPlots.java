package org.examlab.experiments.gan;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.examlab.datasets.points.RingOfGaussians;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.MetricsRecorder.Row;
import org.examlab.harness.plots.Charts;
import org.examlab.harness.training.TrainingMetrics;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scatter snapshots of generated points over the target, loss curves and the generator's gradient
 * norm.
 */
final class GanPlots {
  private final GanSettings settings;
  private final RunContext context;
  private final RingOfGaussians target;

  /** variant -> (round, samples) snapshots of the first seed. */
  private final Map<String, List<Map.Entry<Integer, double[][]>>> snapshots = new LinkedHashMap<>();

  GanPlots(GanSettings settings, RunContext context, RingOfGaussians target) {
    this.settings = settings;
    this.context = context;
    this.target = target;
  }

  void snapshot(long seed, GanSettings.Variant v, int round, INDArray samples) {
    if (seed == context.seeds().get(0)) {
      snapshots
          .computeIfAbsent(v.name(), k -> new ArrayList<>())
          .add(Map.entry(round, samples.toDoubleMatrix()));
    }
  }

  void drawAll() throws IOException {
    double[][] real = target.sample(500, 99L).toDoubleMatrix();
    for (Map.Entry<String, List<Map.Entry<Integer, double[][]>>> e : snapshots.entrySet()) {
      List<XYChart> charts = new ArrayList<>();
      for (Map.Entry<Integer, double[][]> snap : e.getValue()) {
        XYChart chart =
            Charts.lines(e.getKey() + " after " + snap.getKey() + " rounds", "x", "y", false);
        scatter(chart, "target", real);
        scatter(chart, "generated", snap.getValue());
        charts.add(chart);
      }
      Charts.saveGrid(charts, 3, context.plotsDir().resolve("samples_" + e.getKey() + ".png"));
    }
    long seed = context.seeds().get(0);
    XYChart gradient =
        Charts.lines(
            "Generator gradient norm through the frozen discriminator (seed " + seed + ")",
            "round",
            "||dL_G/d theta_G|| (log)",
            true);
    XYChart dLoss =
        Charts.lines(
            "Discriminator loss (seed " + seed + ")",
            "training step",
            "binary cross-entropy",
            false);
    XYChart gLoss =
        Charts.lines(
            "Generator loss (seed " + seed + ")", "training step", "generator loss", false);
    for (GanSettings.Variant v : settings.variants()) {
      add(gradient, v.name(), rows(v.name(), GanExperiment.GENERATOR_GRADIENT_NORM, seed));
      if (v.adversarial()) {
        add(
            dLoss,
            v.name(),
            rows(v.name(), TrainingMetrics.stepLoss(GanExperiment.DISCRIMINATOR_STEP), seed));
      }
      add(
          gLoss,
          v.name(),
          rows(v.name(), TrainingMetrics.stepLoss(GanExperiment.GENERATOR_STEP), seed));
    }
    Charts.save(gradient, context.plotsDir().resolve("generator_gradient_norm.png"));
    drawQualityCurves();
    drawMmdBySeed();
    Charts.saveGrid(List.of(dLoss, gLoss), 2, context.plotsDir().resolve("losses.png"));
  }

  /**
   * The curves convergence is judged from: modes covered and high-quality share of the fixed probe
   * batch against rounds, the mean over seeds per variant (the last third, where the judgement
   * looks, starts at 2/3 of the rounds).
   */
  private void drawQualityCurves() throws IOException {
    int n = context.seeds().size();
    XYChart modes =
        Charts.lines(
            "Modes covered (of "
                + settings.target().modes()
                + ") vs rounds, mean of "
                + n
                + " seeds",
            "round",
            "modes covered (count)",
            false);
    XYChart share =
        Charts.lines(
            "High-quality share (within 3 std of a mode) vs rounds, mean of " + n + " seeds",
            "round",
            "share of samples",
            false);
    for (GanSettings.Variant v : settings.variants()) {
      addMean(
          modes,
          v.name(),
          context.metrics().rows(v.name(), QualityCurve.metricName(QualityCurve.MODES_COVERED)));
      addMean(
          share,
          v.name(),
          context
              .metrics()
              .rows(v.name(), QualityCurve.metricName(QualityCurve.HIGH_QUALITY_SHARE)));
    }
    Charts.saveGrid(List.of(modes, share), 2, context.plotsDir().resolve("quality_curves.png"));
  }

  /**
   * How steadily quality holds (000-10/unstable): the probe batch's MMD to the data against rounds,
   * one line per seed, one panel per variant, log scale (the MMD spans decades as training goes).
   */
  private void drawMmdBySeed() throws IOException {
    List<XYChart> panels = new java.util.ArrayList<>();
    for (GanSettings.Variant v : settings.variants()) {
      XYChart chart =
          Charts.lines(
              v.name()
                  + (v.adversarial() ? " (GAN)" : " (MMD-trained, no discriminator)")
                  + ": probe MMD^2 to the data vs rounds, each seed",
              "round",
              "MMD^2 (RBF, log)",
              true);
      for (long seed : context.seeds()) {
        add(chart, "seed " + seed, rows(v.name(), QualityCurve.metricName(QualityCurve.MMD), seed));
      }
      panels.add(chart);
    }
    Charts.saveGrid(panels, 2, context.plotsDir().resolve("quality_mmd_by_seed.png"));
  }

  /** One series: at each step, the mean of the rows (one per seed) recorded there. */
  private static void addMean(XYChart chart, String name, List<Row> rows) {
    java.util.TreeMap<Double, double[]> byStep = new java.util.TreeMap<>();
    for (Row r : rows) {
      double[] sumCount = byStep.computeIfAbsent((double) r.step(), k -> new double[2]);
      sumCount[0] += r.value();
      sumCount[1]++;
    }
    Charts.addSeries(
        chart,
        name,
        byStep.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
        byStep.values().stream().mapToDouble(a -> a[0] / a[1]).toArray(),
        null);
  }

  private static void scatter(XYChart chart, String name, double[][] points) {
    double[] x = new double[points.length];
    double[] y = new double[points.length];
    for (int i = 0; i < points.length; i++) {
      x[i] = points[i][0];
      y[i] = points[i][1];
    }
    XYSeries s = chart.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.CIRCLE);
  }

  private static void add(XYChart chart, String name, List<Row> rows) {
    Charts.addSeries(
        chart,
        name,
        rows.stream().mapToDouble(Row::step).toArray(),
        rows.stream().mapToDouble(Row::value).toArray(),
        null);
  }

  private List<Row> rows(String series, String name, long seed) {
    return context.metrics().rows(series, name, seed);
  }
}
