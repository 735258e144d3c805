package org.examlab.harness.plots;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.examlab.harness.run.RunDirectory;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PNG figures with XChart. Every chart gets a title, labelled axes and a legend; on a log axis
 * points that cannot be drawn (zero, negative, NaN) are left out rather than failing the run.
 */
public final class Charts {
  private Charts() {}

  public static XYChart lines(String title, String xLabel, String yLabel, boolean logY) {
    XYChart chart =
        new XYChartBuilder()
            .width(1000)
            .height(560)
            .title(title)
            .xAxisTitle(xLabel)
            .yAxisTitle(yLabel)
            .build();
    Styler styler = chart.getStyler();
    // Beside the plot, one entry a line: a row under it overflows with many series.
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setLegendLayout(Styler.LegendLayout.Vertical);
    chart.getStyler().setXAxisDecimalPattern("#,##0.##");
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setYAxisDecimalPattern(logY ? "0.0E0" : "#,##0.###");
    return chart;
  }

  /**
   * A bar chart; add series with error bars via {@code chart.addSeries(name, categories, values,
   * errors)}.
   */
  public static CategoryChart bars(String title, String xLabel, String yLabel) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(1000)
            .height(560)
            .title(title)
            .xAxisTitle(xLabel)
            .yAxisTitle(yLabel)
            .build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setXAxisLabelRotation(30);
    chart.getStyler().setYAxisDecimalPattern("#,##0.###");
    return chart;
  }

  /** Adds a line; {@code errors} (may be null) draws ± error bars, e.g. the std over seeds. */
  public static XYSeries addSeries(
      XYChart chart, String name, double[] x, double[] y, double[] errors) {
    boolean logY = chart.getStyler().isYAxisLogarithmic();
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    List<Double> es = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      boolean drawable = Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!logY || y[i] > 0);
      if (drawable) {
        xs.add(x[i]);
        ys.add(y[i]);
        double e = errors == null || !Double.isFinite(errors[i]) ? 0 : errors[i];
        // On a log axis an error bar reaching zero cannot be drawn; cap it just above zero.
        es.add(logY ? Math.min(e, 0.999 * y[i]) : e);
      }
    }
    if (xs.isEmpty()) {
      xs.add(Double.NaN); // XChart refuses empty series; an invisible point keeps the legend honest
      ys.add(Double.NaN);
      es.add(0.0);
    }
    XYSeries series =
        errors == null ? chart.addSeries(name, xs, ys) : chart.addSeries(name, xs, ys, es);
    series.setMarker(x.length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    return series;
  }

  public static double[] range(int from, int count) {
    double[] r = new double[count];
    for (int i = 0; i < count; i++) {
      r[i] = from + i;
    }
    return r;
  }

  /** Writes the chart atomically: a reader never sees half a PNG. */
  public static Path save(Chart<?, ?> chart, Path file) throws IOException {
    return write(image(chart), file);
  }

  /**
   * The chart drawn. An XY chart none of whose series has a drawable point gets fixed axes first:
   * with no finite range XChart's tick calculation never ends (a figure of a variant whose values
   * all overflowed hung a whole run).
   */
  static BufferedImage image(Chart<?, ?> chart) {
    if (chart instanceof XYChart xy) {
      if (xy.getSeriesCollection().stream().allMatch(Charts::nothingToDraw)) {
        xy.getStyler()
            .setXAxisMin(0.0)
            .setXAxisMax(1.0)
            .setYAxisMin(xy.getStyler().isYAxisLogarithmic() ? 0.1 : 0.0)
            .setYAxisMax(1.0);
      }
      // Plain decimals for values of 1e15 and more never end XChart's tick calculation (an
      // exploding variant's activations hung a run); past a million they are unreadable anyway.
      if (largest(xy, false) >= HUGE) {
        xy.getStyler().setXAxisDecimalPattern(SCIENTIFIC);
      }
      if (largest(xy, true) >= HUGE) {
        xy.getStyler().setYAxisDecimalPattern(SCIENTIFIC);
      }
    }
    return BitmapEncoder.getBufferedImage(chart);
  }

  private static final double HUGE = 1e6;
  private static final String SCIENTIFIC = "0.##E0";

  /** The largest finite magnitude on one axis, error bars included. */
  private static double largest(XYChart chart, boolean yAxis) {
    double largest = 0;
    for (XYSeries series : chart.getSeriesCollection()) {
      double[] values = yAxis ? series.getYData() : series.getXData();
      double[] errors = yAxis ? series.getExtraValues() : null;
      for (int i = 0; i < values.length; i++) {
        if (Double.isFinite(values[i])) {
          largest =
              Math.max(largest, Math.abs(values[i]) + (errors == null ? 0 : Math.abs(errors[i])));
        }
      }
    }
    return largest;
  }

  private static boolean nothingToDraw(XYSeries series) {
    double[] x = series.getXData();
    double[] y = series.getYData();
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        return false;
      }
    }
    return true;
  }

  /** Several charts in one figure, {@code columns} wide. */
  public static Path saveGrid(List<? extends Chart<?, ?>> charts, int columns, Path file)
      throws IOException {
    List<BufferedImage> images = new ArrayList<>();
    for (Chart<?, ?> c : charts) {
      images.add(image(c));
    }
    int w = images.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
    int h = images.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
    int rows = (images.size() + columns - 1) / columns;
    BufferedImage grid =
        new BufferedImage(
            w * Math.min(columns, images.size()), h * rows, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = grid.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
    for (int i = 0; i < images.size(); i++) {
      g.drawImage(images.get(i), (i % columns) * w, (i / columns) * h, null);
    }
    g.dispose();
    return write(grid, file);
  }

  /**
   * Rows of {@code side x side} grayscale pixels in [0, 1] as one image grid, {@code columns} wide,
   * each tile scaled up {@code scale} times: sample grids of generative models.
   */
  public static Path saveImageGrid(INDArray rows, int side, int columns, int scale, Path file)
      throws IOException {
    int n = (int) rows.rows();
    int tile = side * scale + 2;
    int gridRows = (n + columns - 1) / columns;
    BufferedImage grid =
        new BufferedImage(columns * tile, gridRows * tile, BufferedImage.TYPE_INT_RGB);
    float[][] pixels = rows.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatMatrix();
    for (int i = 0; i < n; i++) {
      int x0 = (i % columns) * tile + 1;
      int y0 = (i / columns) * tile + 1;
      for (int p = 0; p < side * side; p++) {
        int v = Math.max(0, Math.min(255, Math.round(pixels[i][p] * 255)));
        int rgb = (v << 16) | (v << 8) | v;
        for (int dy = 0; dy < scale; dy++) {
          for (int dx = 0; dx < scale; dx++) {
            grid.setRGB(x0 + (p % side) * scale + dx, y0 + (p / side) * scale + dy, rgb);
          }
        }
      }
    }
    return write(grid, file);
  }

  /** Writes a figure an experiment composed itself (image panels), atomically like every chart. */
  public static Path saveImage(BufferedImage image, Path file) throws IOException {
    return write(image, file);
  }

  private static Path write(BufferedImage image, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    // Encoded in memory: ImageIO writing to a File it cannot open prints a stack trace itself.
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(image, "png", png);
    RunDirectory.writeAtomically(file, png.toByteArray());
    return file;
  }
}
