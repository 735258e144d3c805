package org.examlab.experiments.rnngradients;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Curves;
import org.examlab.harness.metrics.MetricsRecorder.Row;
import org.examlab.harness.plots.Charts;
import org.examlab.harness.training.TrainingMetrics;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The experiment's figures, drawn from what the run recorded (every value is also in metrics.csv). */
final class RnnGradientsPlots {
  static final String PROFILE_SERIES = "input_gradient";

  private final RnnGradientsSettings settings;
  private final RunContext context;
  /** "lstm trained" -> one profile per seed. */
  private final Map<String, List<double[]>> profiles = new LinkedHashMap<>();

  RnnGradientsPlots(RnnGradientsSettings settings, RunContext context) {
    this.settings = settings;
    this.context = context;
  }

  /** Keeps a profile for the figures and writes it to metrics.csv, one row per time step. */
  void profile(long seed, RecurrentCell cell, String stage, double[] byStep) {
    String key = cell.label() + " " + stage;
    profiles.computeIfAbsent(key, k -> new ArrayList<>()).add(byStep);
    for (int t = 0; t < byStep.length; t++) {
      context.metrics().record(seed, PROFILE_SERIES + "/" + key.replace(' ', '_'), t, "grad_norm", byStep[t]);
    }
  }

  void drawAll() throws IOException {
    int longest = settings.task().longest();
    profileChart("Input gradient through time, length " + longest + " (geometric mean over seeds)",
        List.of("lstm init", "rnn init", "lstm trained", "rnn trained"), "input_gradient_profile.png");
    profileChart(String.format("Large recurrent init (gain %.2g): input gradient at initialization", settings.exploding().recurrentGain()),
        List.of("lstm large init", "rnn large init"), "exploding_gradient_profile.png");
    accuracyChart();
    lossChart(longest);
    updateNormChart();
  }

  private void profileChart(String title, List<String> keys, String file) throws IOException {
    XYChart chart = Charts.lines(title, "time steps before the loss (0 = last input)", "||dL/dx_t|| (per example)", true);
    for (String key : keys) {
      List<double[]> perSeed = profiles.get(key);
      if (perSeed == null) {
        continue;
      }
      List<double[]> logs = perSeed.stream().map(p -> java.util.Arrays.stream(p).map(Math::log10).toArray()).toList();
      double[] meanLog = Curves.of(logs).mean();
      int n = meanLog.length;
      double[] stepsBefore = new double[n];
      double[] value = new double[n];
      for (int t = 0; t < n; t++) {
        stepsBefore[t] = n - 1 - t;
        value[t] = Math.pow(10, meanLog[t]);
      }
      Charts.addSeries(chart, key, stepsBefore, value, null);
    }
    Charts.save(chart, context.plotsDir().resolve(file));
  }

  private void accuracyChart() throws IOException {
    List<Integer> lengths = settings.task().lengths().stream().sorted().toList();
    double[] x = lengths.stream().mapToDouble(Integer::doubleValue).toArray();
    XYChart chart = Charts.lines("First-symbol recall: held-out accuracy vs sequence length (mean ± std over seeds)",
        "sequence length (time steps)", "accuracy", false);
    Map<String, Map<Long, Double>> measured = context.metrics().measurements();
    for (RecurrentCell cell : RecurrentCell.values()) {
      double[] mean = new double[x.length];
      double[] std = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        Map<Long, Double> perSeed = measured.getOrDefault(cell.label() + ".accuracy.len" + lengths.get(i), Map.of());
        Curves c = Curves.of(perSeed.values().stream().map(v -> new double[] {v}).toList());
        mean[i] = c.mean().length > 0 ? c.mean()[0] : Double.NaN;
        std[i] = c.std().length > 0 ? c.std()[0] : Double.NaN;
      }
      Charts.addSeries(chart, cell.label(), x, mean, std);
    }
    double chance = 1.0 / settings.task().targetSymbols();
    Charts.addSeries(chart, "chance", x, java.util.Arrays.stream(x).map(v -> chance).toArray(), null);
    Charts.save(chart, context.plotsDir().resolve("accuracy_vs_length.png"));
  }

  /**
   * One curve per cell and seed (early stopping at training.targetLoss makes their lengths
   * differ), one colour per cell, one legend entry per cell.
   */
  private void lossChart(int longest) throws IOException {
    XYChart chart = Charts.lines("Training loss at length " + longest + " (one line per seed)", "epoch",
        "cross-entropy loss (mean over the epoch)", true);
    for (RecurrentCell cell : RecurrentCell.values()) {
      java.awt.Color colour = cell == RecurrentCell.LSTM ? new java.awt.Color(31, 119, 180) : new java.awt.Color(255, 127, 14);
      boolean first = true;
      for (long seed : context.seeds()) {
        double[] loss = values(cell.label() + "/len" + longest, TrainingMetrics.EPOCH_LOSS, seed);
        XYSeries series = Charts.addSeries(chart, first ? cell.label() : cell.label() + " seed " + seed,
            Charts.range(1, loss.length), loss, null);
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
    XYChart chart = Charts.lines(String.format("Large recurrent init: SGD update norms, with and without clipping at %.3g (seed %d)",
        settings.exploding().clipNorm(), seed), "training iteration", "||update|| (L2)", true);
    for (RecurrentCell cell : RecurrentCell.values()) {
      for (String variant : List.of("unclipped", "clipped")) {
        double[] y = values(cell.label() + "/large_init/" + variant, TrainingMetrics.UPDATE_NORM, seed);
        Charts.addSeries(chart, cell.label() + " " + variant, Charts.range(0, y.length), y, null);
      }
    }
    Charts.save(chart, context.plotsDir().resolve("update_norms_clipping.png"));
  }

  private double[] values(String series, String name, long seed) {
    return context.metrics().rows(series, name).stream().filter(r -> r.seed() == seed).mapToDouble(Row::value).toArray();
  }
}
