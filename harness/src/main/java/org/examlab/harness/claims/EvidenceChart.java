package org.examlab.harness.claims;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.examlab.harness.plots.Charts;
import org.examlab.harness.verdict.Verdict;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A small chart of the difference that decided a verdict, so SUPPORTED / REFUTED / INCONCLUSIVE can
 * be read at a glance: each seed's d (dots), the mean with its interval (an error bar, in the
 * verdict's colour), the margin d must clear (or +-margin for an equivalence) and zero. The verdict
 * is where the interval sits against the margin line.
 */
final class EvidenceChart {
  static final int WIDTH = 560;
  static final int HEIGHT = 340;
  private static final BasicStroke DASHED =
      new BasicStroke(
          1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0);

  private EvidenceChart() {}

  static Path save(String claimId, DecidingDifference d, Path file) throws IOException {
    return Charts.save(chart(claimId, d), file);
  }

  static XYChart chart(String claimId, DecidingDifference d) {
    List<Long> seeds = new ArrayList<>(d.perSeed().keySet());
    int n = seeds.size();
    boolean interval = d.mean() != null && d.low() != null && d.high() != null;
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(abbreviate(claimId + " " + d.verdict() + ": " + d.definition(), 72))
            .xAxisTitle(
                interval
                    ? "seed no. 1.." + n + ", then the mean at " + (n + 1)
                    : "seed no. 1.." + n)
            .yAxisTitle("d (the measurement's units)")
            .build();
    Styler styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setMarkerSize(8);
    chart.getStyler().setXAxisMin(0.5);
    chart.getStyler().setXAxisMax(n + (interval ? 1.5 : 0.5));
    // Plain numbered ticks: XChart 4's tick-label function loops forever on some label sets.
    chart.getStyler().setXAxisDecimalPattern("0.#");
    chart
        .getStyler()
        .setYAxisTickLabelsFormattingFunction(y -> String.format(Locale.ROOT, "%.3g", y));
    chart.getStyler().setErrorBarsColorSeriesColor(true);

    double[] xs = new double[n];
    double[] ys = new double[n];
    int infinite = 0;
    for (int i = 0; i < n; i++) {
      xs[i] = i + 1;
      ys[i] = d.perSeed().get(seeds.get(i));
      infinite += Double.isInfinite(ys[i]) ? 1 : 0;
    }
    XYSeries dots =
        Charts.addSeries(
            chart,
            "d per seed" + (infinite > 0 ? " (" + infinite + " infinite, not drawn)" : ""),
            xs,
            ys,
            null);
    dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    dots.setMarker(SeriesMarkers.CIRCLE);
    dots.setMarkerColor(new Color(70, 70, 70));
    if (interval) {
      double half = (d.high() - d.low()) / 2;
      XYSeries mean =
          Charts.addSeries(
              chart,
              String.format(
                  Locale.ROOT,
                  "mean, %.0f%% CI",
                  100 * (d.confidence() == null ? 0.95 : d.confidence())),
              new double[] {n + 1},
              new double[] {(d.high() + d.low()) / 2},
              new double[] {half});
      mean.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      mean.setMarker(SeriesMarkers.DIAMOND);
      mean.setMarkerColor(colour(d.verdict()));
    }
    double right = n + (interval ? 1.5 : 0.5);
    if (d.margin() > 0) {
      line(
          chart,
          String.format(Locale.ROOT, d.equivalence() ? "+-margin %.3g" : "margin %.3g", d.margin()),
          d.margin(),
          right,
          new Color(200, 60, 60),
          new BasicStroke(1.5f));
      if (d.equivalence()) {
        line(chart, "-margin", -d.margin(), right, new Color(200, 60, 60), new BasicStroke(1.5f))
            .setShowInLegend(false);
      }
    }
    line(chart, d.margin() > 0 ? "zero" : "zero = margin", 0, right, Color.GRAY, DASHED);
    return chart;
  }

  private static XYSeries line(
      XYChart chart, String name, double y, double right, Color colour, BasicStroke stroke) {
    XYSeries s = chart.addSeries(name, new double[] {0.5, right}, new double[] {y, y});
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(colour);
    s.setLineStyle(stroke);
    return s;
  }

  /** The verdict's colour, as in the report's table: green, red, amber. */
  static Color colour(Verdict verdict) {
    return switch (verdict) {
      case SUPPORTED -> new Color(40, 150, 40);
      case REFUTED -> new Color(200, 40, 40);
      case INCONCLUSIVE -> new Color(200, 150, 0);
    };
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /**
   * The chart's file name in the report folder's evidence/: the claim id as one word
   * ("000-7_dropout.png").
   */
  static String fileName(String claimId) {
    return claimId.replaceAll("[^A-Za-z0-9+-]", "_") + ".png";
  }
}
