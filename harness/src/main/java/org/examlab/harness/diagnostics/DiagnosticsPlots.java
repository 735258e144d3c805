package org.examlab.harness.diagnostics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.metrics.MetricsRecorder.Row;
import org.examlab.harness.plots.Charts;
import org.examlab.harness.training.TrainingMetrics;
import org.knowm.xchart.XYChart;

/**
 * One overview figure per diagnosed training (first seed): per-layer gradient norm, activation std,
 * saturated and dead fractions, and weight std against the iteration.
 */
public final class DiagnosticsPlots {
  private static final String PREFIX = TrainingMetrics.DIAGNOSTICS_PREFIX;
  private static final String HISTOGRAM = "." + TrainingMetrics.HISTOGRAM;

  private DiagnosticsPlots() {}

  public static List<Path> render(MetricsRecorder metrics, long seed, Path plotsDir)
      throws IOException {
    Map<String, List<Row>> bySeries = new TreeMap<>();
    for (Row r : metrics.rows()) {
      if (r.seed() == seed && r.series().startsWith(PREFIX) && !r.name().contains(HISTOGRAM)) {
        bySeries.computeIfAbsent(r.series(), k -> new ArrayList<>()).add(r);
      }
    }
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, List<Row>> e : bySeries.entrySet()) {
      String task = e.getKey().substring(PREFIX.length());
      List<XYChart> charts =
          List.of(
              chart(
                  e.getValue(),
                  TrainingMetrics.GRAD_NORM,
                  task + ": gradient L2 norm per layer",
                  "gradient norm",
                  true),
              chart(
                  e.getValue(),
                  TrainingMetrics.ACT_STD,
                  task + ": activation std per layer",
                  "std of activations",
                  false),
              chart(
                  e.getValue(),
                  TrainingMetrics.ACT_SATURATED,
                  task + ": saturated activations",
                  "fraction saturated",
                  false),
              chart(
                  e.getValue(),
                  TrainingMetrics.ACT_DEAD,
                  task + ": dead units (always 0)",
                  "fraction of units",
                  false),
              chart(
                  e.getValue(),
                  TrainingMetrics.WEIGHT_STD,
                  task + ": weight std per layer",
                  "std of weights",
                  false));
      String file = "diagnostics_" + task.replaceAll("[^A-Za-z0-9._-]+", "_") + ".png";
      written.add(Charts.saveGrid(charts, 2, plotsDir.resolve(file)));
      XYChart histograms = lastHistograms(metrics, seed, e.getKey(), task);
      if (histograms != null) {
        written.add(
            Charts.save(
                histograms,
                plotsDir.resolve(file.replace("diagnostics_", "activation_histograms_"))));
      }
    }
    return written;
  }

  /**
   * Each layer's activation histogram at the last sampled iteration, if histograms were recorded.
   */
  private static XYChart lastHistograms(
      MetricsRecorder metrics, long seed, String series, String task) {
    List<Row> rows =
        metrics.rows().stream()
            .filter(
                r -> r.seed() == seed && r.series().equals(series) && r.name().contains(HISTOGRAM))
            .toList();
    if (rows.isEmpty()) {
      return null;
    }
    long last = rows.stream().mapToLong(Row::step).max().orElse(0);
    Map<String, Map<String, Double>> byLayer = new TreeMap<>();
    for (Row r : rows) {
      if (r.step() == last) {
        int dot = r.name().lastIndexOf(HISTOGRAM);
        byLayer
            .computeIfAbsent(r.name().substring(0, dot), k -> new TreeMap<>())
            .put(r.name().substring(dot + HISTOGRAM.length()), r.value());
      }
    }
    XYChart chart =
        Charts.lines(
            task + ": activation histograms per layer (iteration " + last + ")",
            "activation value (bin centre)",
            "fraction of activations",
            false);
    int bins = LayerDiagnosticsListener.HISTOGRAM_BINS;
    byLayer.forEach(
        (layer, h) -> {
          double low = h.getOrDefault("low", 0.0);
          double width = (h.getOrDefault("high", 1.0) - low) / bins;
          double[] x = new double[bins];
          double[] y = new double[bins];
          for (int b = 0; b < bins; b++) {
            x[b] = low + (b + 0.5) * width;
            y[b] = h.getOrDefault("bin" + b, 0.0);
          }
          Charts.addSeries(chart, layer, x, y, null);
        });
    return chart;
  }

  private static XYChart chart(
      List<Row> rows, String quantity, String title, String yLabel, boolean log) {
    XYChart chart = Charts.lines(title, "training iteration", yLabel, log);
    TreeSet<String> layers = new TreeSet<>();
    for (Row r : rows) {
      if (r.name().endsWith("." + quantity)) {
        layers.add(r.name().substring(0, r.name().length() - quantity.length() - 1));
      }
    }
    for (String layer : layers) {
      List<Row> points =
          rows.stream().filter(r -> r.name().equals(layer + "." + quantity)).toList();
      double[] x = points.stream().mapToDouble(Row::step).toArray();
      double[] y = points.stream().mapToDouble(Row::value).toArray();
      Charts.addSeries(chart, layer, x, y, null);
    }
    if (layers.isEmpty()) {
      Charts.addSeries(chart, "(not recorded)", new double[] {0}, new double[] {log ? 1 : 0}, null);
    }
    return chart;
  }
}
