package org.examlab.experiments.rnngradients;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Curves;
import org.examlab.harness.plots.Charts;
import org.examlab.harness.training.TrainingMetrics;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The experiment's figures, drawn from what the run recorded (every value is also in metrics.csv).
 */
final class RnnGradientsPlots {
  static final String TRANSPORT_SERIES = "state_transport";

  private final RnnGradientsSettings settings;
  private final RunContext context;

  /** "rnn dh init" -> one log10 profile per seed. */
  private final Map<String, List<double[]>> profiles = new LinkedHashMap<>();

  RnnGradientsPlots(RnnGradientsSettings settings, RunContext context) {
    this.settings = settings;
    this.context = context;
  }

  /**
   * Keeps a log10 transport profile for the figures and writes it to metrics.csv, one row per lag.
   */
  void transport(long seed, String key, double[] log10ByLag) {
    profiles.computeIfAbsent(key, k -> new ArrayList<>()).add(log10ByLag);
    for (int lag = 0; lag < log10ByLag.length; lag++) {
      context
          .metrics()
          .record(
              seed,
              TRANSPORT_SERIES + "/" + key.replace(' ', '_'),
              lag,
              "log10_norm",
              log10ByLag[lag]);
    }
  }

  void drawAll() throws IOException {
    int longest = settings.task().longest();
    transportChart(RnnGradientsExperiment.INIT, "at initialization", "state_transport_init.png");
    transportChart(
        RnnGradientsExperiment.TRAINED,
        "after training on recall, length " + longest,
        "state_transport_trained.png");
    accuracyChart();
    lossChart(longest);
    updateNormChart();
    gradientNormChart();
  }

  /**
   * Geometric mean over seeds (solid) and one standard deviation of log10 either side (dashed, no
   * legend).
   */
  private void transportChart(String stage, String when, String file) throws IOException {
    XYChart chart =
        Charts.lines(
            "State transport through the recurrence "
                + when
                + " (geometric mean, band = ±1 sd of log10 over seeds)",
            "lag T - t (time steps)",
            "||d s_T / d s_t|| (RMS singular value, 1 at lag 0)",
            true);
    java.awt.Color[] palette = {
      new java.awt.Color(255, 127, 14),
      new java.awt.Color(31, 119, 180),
      new java.awt.Color(44, 160, 44),
      new java.awt.Color(148, 103, 189)
    };
    int index = 0;
    for (String key : profiles.keySet()) {
      if (!key.endsWith(" " + stage)) {
        continue;
      }
      java.awt.Color colour = palette[index++ % palette.length];
      Curves c = Curves.of(profiles.get(key));
      int n = c.mean().length;
      double[] lag = Charts.range(0, n);
      String name =
          key.substring(0, key.length() - stage.length() - 1)
              .replace("dh", "||dh_T/dh_t||")
              .replace("dc", "||dc_T/dc_t||");
      XYSeries mean = Charts.addSeries(chart, name, lag, pow10(c.mean(), c.std(), 0), null);
      mean.setLineColor(colour);
      mean.setMarkerColor(colour);
      for (int side : new int[] {-1, 1}) {
        XYSeries band =
            Charts.addSeries(
                chart,
                name + (side < 0 ? " -sd" : " +sd"),
                lag,
                pow10(c.mean(), c.std(), side),
                null);
        band.setLineColor(colour);
        band.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
        band.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        band.setShowInLegend(false);
      }
    }
    Charts.save(chart, context.plotsDir().resolve(file));
  }

  private static double[] pow10(double[] meanLog, double[] stdLog, int side) {
    double[] out = new double[meanLog.length];
    for (int i = 0; i < out.length; i++) {
      double sd = Double.isFinite(stdLog[i]) ? stdLog[i] : 0;
      out[i] = Math.pow(10, meanLog[i] + side * sd);
    }
    return out;
  }

  private void accuracyChart() throws IOException {
    List<Integer> lengths = settings.task().lengths().stream().sorted().toList();
    double[] x = lengths.stream().mapToDouble(Integer::doubleValue).toArray();
    XYChart chart =
        Charts.lines(
            "First-symbol recall: held-out accuracy vs sequence length (mean ± std over seeds)",
            "sequence length (time steps)",
            "accuracy",
            false);
    Map<String, Map<Long, Double>> measured = context.metrics().measurements();
    for (RecurrentCell cell : RecurrentCell.values()) {
      double[] mean = new double[x.length];
      double[] std = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        Map<Long, Double> perSeed =
            measured.getOrDefault(
                RnnGradientsMeasurements.accuracy(cell, lengths.get(i)).name(), Map.of());
        Curves c = Curves.of(perSeed.values().stream().map(v -> new double[] {v}).toList());
        mean[i] = c.mean().length > 0 ? c.mean()[0] : Double.NaN;
        std[i] = c.std().length > 0 ? c.std()[0] : Double.NaN;
      }
      Charts.addSeries(chart, cell.label(), x, mean, std);
    }
    double chance = 1.0 / settings.task().targetSymbols();
    Charts.addSeries(
        chart, "chance", x, java.util.Arrays.stream(x).map(v -> chance).toArray(), null);
    Charts.save(chart, context.plotsDir().resolve("accuracy_vs_length.png"));
  }

  /**
   * One curve per cell and seed (early stopping at training.targetLoss makes their lengths differ),
   * one colour per cell, one legend entry per cell.
   */
  private void lossChart(int longest) throws IOException {
    XYChart chart =
        Charts.lines(
            "Training loss at length " + longest + " (one line per seed)",
            "epoch",
            "cross-entropy loss (mean over the epoch)",
            true);
    for (RecurrentCell cell : RecurrentCell.values()) {
      java.awt.Color colour =
          cell == RecurrentCell.LSTM
              ? new java.awt.Color(31, 119, 180)
              : new java.awt.Color(255, 127, 14);
      boolean first = true;
      for (long seed : context.seeds()) {
        double[] loss = values(cell.memoryTask(longest), TrainingMetrics.EPOCH_LOSS, seed);
        XYSeries series =
            Charts.addSeries(
                chart,
                first ? cell.label() : cell.label() + " seed " + seed,
                Charts.range(1, loss.length),
                loss,
                null);
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setShowInLegend(first);
        first = false;
      }
    }
    Charts.save(chart, context.plotsDir().resolve("loss_curves.png"));
  }

  private void updateNormChart() throws IOException {
    long seed = context.seeds().get(0);
    XYChart chart =
        Charts.lines(
            String.format(
                "Large recurrent init: SGD update norms, with and without clipping at %.3g (seed %d)",
                settings.exploding().clipping().clipNorm(), seed),
            "training iteration",
            "||update|| (L2)",
            true);
    for (RecurrentCell cell : RecurrentCell.values()) {
      for (ClippingVariant variant : ClippingVariant.values()) {
        double[] y = values(cell.largeInitTask(variant), TrainingMetrics.UPDATE_NORM, seed);
        Charts.addSeries(
            chart, cell.label() + " " + variant.label(), Charts.range(0, y.length), y, null);
      }
    }
    Charts.save(chart, context.plotsDir().resolve("update_norms_clipping.png"));
  }

  /**
   * The raw gradient norm in the harshest cell of the exploding grid (largest gain and rate), first
   * seed.
   */
  private void gradientNormChart() throws IOException {
    long seed = context.seeds().get(0);
    RnnGradientsSettings.Exploding e = settings.exploding();
    double gain = java.util.Collections.max(e.recurrentGains());
    double rate = java.util.Collections.max(e.learningRates());
    XYChart chart =
        Charts.lines(
            String.format(
                "Raw gradient norm in unclipped SGD, recurrent gain %s, learning rate %s (seed %d)",
                gain, rate, seed),
            "training iteration",
            "||gradient|| before the updater (L2, summed over the batch)",
            true);
    for (RecurrentCell cell : RecurrentCell.values()) {
      double[] y = values(cell.explodingTask(gain, rate), ExplodingEvents.GRADIENT_NORM, seed);
      Charts.addSeries(chart, cell.label(), Charts.range(0, y.length), y, null);
    }
    Charts.save(chart, context.plotsDir().resolve("raw_gradient_norms.png"));
  }

  private double[] values(String series, String name, long seed) {
    return context.metrics().curve(series, name, seed);
  }
}
