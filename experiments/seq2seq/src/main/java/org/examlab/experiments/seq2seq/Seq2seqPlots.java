package org.examlab.experiments.seq2seq;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.datasets.sequences.SequencePair;
import org.examlab.datasets.sequences.SequencePairs;
import org.examlab.datasets.sequences.Vocabulary;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.SeedStatistics;
import org.examlab.harness.plots.Charts;
import org.examlab.harness.training.TrainingMetrics;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The experiment's figures, drawn from what the run recorded (every value is also in metrics.csv).
 */
final class Seq2seqPlots {
  private static final Color[] COLOURS = {
    new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44)
  };

  private final Seq2seqSettings settings;
  private final RunContext context;
  private final Vocabulary vocabulary;
  private final List<HeatMapChart> heatmaps = new ArrayList<>();

  Seq2seqPlots(Seq2seqSettings settings, RunContext context, Vocabulary vocabulary) {
    this.settings = settings;
    this.context = context;
    this.vocabulary = vocabulary;
  }

  /**
   * Decodes {@code pairs} greedily or by beam and keeps one heat map per pair: output tokens x
   * input tokens.
   */
  void heatmaps(
      Attention attention, ComputationGraph net, List<SequencePair> pairs, int beamWidth) {
    for (SequencePair pair : pairs) {
      int[] source = vocabulary.encode(pair.source());
      int[] output =
          BeamSearch.decode(net, vocabulary, List.of(source), pair.target().length() + 1, beamWidth)
              .get(0);
      // The decoder reads the start token, then the model's own outputs but the last.
      int[] decoderInput = Vocabulary.withStart(java.util.Arrays.copyOf(output, output.length - 1));
      INDArray weights =
          AttentionWeights.of(
              net,
              attention,
              SequencePairs.padded(vocabulary, List.of(source)),
              SequencePairs.oneHot(vocabulary, List.of(decoderInput)));
      heatmaps.add(heatmap(attention, pair, source, output, weights));
    }
  }

  private HeatMapChart heatmap(
      Attention attention, SequencePair pair, int[] source, int[] output, INDArray weights) {
    String decoded = vocabulary.decode(output);
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(560)
            .height(480)
            .title(
                String.format(
                    "%s: \"%s\" -> \"%s\" (%s)",
                    attention.displayName(),
                    pair.source(),
                    decoded,
                    decoded.equals(pair.target()) ? "right" : "target \"" + pair.target() + "\""))
            .xAxisTitle("input token (position:token)")
            .yAxisTitle("output token (step:token)")
            .build();
    chart.getStyler().setMin(0).setMax(1).setShowValue(false);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < source.length; i++) {
      inputs.add(i + ":" + vocabulary.token(source[i]));
    }
    List<String> outputs = new ArrayList<>();
    for (int t = 0; t < output.length; t++) {
      outputs.add(t + ":" + vocabulary.token(output[t]));
    }
    List<Number[]> cells = new ArrayList<>();
    for (int t = 0; t < output.length; t++) {
      for (int i = 0; i < source.length; i++) {
        cells.add(new Number[] {i, t, weights.getDouble(0, t, i)});
      }
    }
    chart.addSeries("attention weight (each row sums to 1)", inputs, outputs, cells);
    return chart;
  }

  void drawAll() throws IOException {
    accuracyChart();
    lossChart();
    if (!heatmaps.isEmpty()) {
      Charts.saveGrid(
          heatmaps,
          settings.heatmaps().examples(),
          context.plotsDir().resolve("attention_heatmaps.png"));
    }
  }

  private void accuracyChart() throws IOException {
    Seq2seqSettings.Task task = settings.task();
    List<XYChart> charts = new ArrayList<>();
    for (String metric : List.of(Seq2seqMeasurements.EXACT, Seq2seqMeasurements.TOKEN)) {
      XYChart chart =
          Charts.lines(
              String.format(
                  "%s accuracy vs input length, %s, trained on lengths %d..%d (mean ± std over seeds)",
                  metric.equals(Seq2seqMeasurements.EXACT) ? "Exact-match" : "Token",
                  task.kind().name().toLowerCase(),
                  task.trainMinLength(),
                  task.trainMaxLength()),
              "input length (tokens)",
              metric.equals(Seq2seqMeasurements.EXACT)
                  ? "exact-match accuracy (whole output right)"
                  : "token accuracy",
              false);
      double[] x = task.testLengths().stream().mapToDouble(Integer::doubleValue).toArray();
      Map<String, Map<Long, Double>> measured = context.metrics().measurements();
      for (Attention variant : settings.variants()) {
        double[] mean = new double[x.length];
        double[] std = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          SeedStatistics s =
              SeedStatistics.of(
                  measured
                      .getOrDefault(
                          Seq2seqMeasurements.atLength(variant, metric, task.testLengths().get(i))
                              .name(),
                          Map.of())
                      .values());
          mean[i] = s.mean();
          std[i] = s.std();
        }
        Charts.addSeries(chart, variant.displayName(), x, mean, std);
      }
      charts.add(chart);
    }
    Charts.saveGrid(charts, 1, context.plotsDir().resolve("accuracy_vs_length.png"));
  }

  /** One line per variant and seed, one colour per variant, one legend entry per variant. */
  private void lossChart() throws IOException {
    XYChart chart =
        Charts.lines(
            "Teacher-forced training loss (one line per seed)",
            "epoch",
            "cross-entropy per sequence (summed over output steps; epoch mean)",
            true);
    for (int v = 0; v < settings.variants().size(); v++) {
      Attention variant = settings.variants().get(v);
      boolean first = true;
      for (long seed : context.seeds()) {
        double[] loss = context.metrics().curve(variant.label(), TrainingMetrics.EPOCH_LOSS, seed);
        String name = first ? variant.displayName() : variant.label() + " seed " + seed;
        XYSeries series = Charts.addSeries(chart, name, Charts.range(1, loss.length), loss, null);
        series.setLineColor(COLOURS[v % COLOURS.length]);
        series.setMarkerColor(COLOURS[v % COLOURS.length]);
        series.setShowInLegend(first);
        first = false;
      }
    }
    Charts.save(chart, context.plotsDir().resolve("loss_curves.png"));
  }
}
