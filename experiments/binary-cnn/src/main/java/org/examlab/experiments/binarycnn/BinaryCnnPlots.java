package org.examlab.experiments.binarycnn;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.datavec.image.loader.NativeImageLoader;
import org.datavec.image.transform.ImageTransform;
import org.examlab.datasets.binarynumbers.LabelledImageFolder;
import org.examlab.datasets.binarynumbers.LabelledImageFolder.Images;
import org.examlab.datasets.images.ImageFiles;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Curves;
import org.examlab.harness.metrics.MetricsRecorder.Row;
import org.examlab.harness.metrics.SeedStatistics;
import org.examlab.harness.plots.Charts;
import org.examlab.harness.training.TrainingMetrics;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The experiment's figures: sample inputs under each augmentation ({@code augmentations.png}), test
 * scores per variant with error bars of one standard deviation over seeds ({@code accuracy.png}),
 * and learning curves with the epochs validation stopping kept ({@code learning-curves.png}).
 * Curves are read back from the metrics recorder.
 */
final class BinaryCnnPlots {
  /**
   * The experiment's own per-epoch rows (validation and test accuracy); the losses are in the
   * trainer's series, the variant's name.
   */
  static final String CURVES = "curves/";

  private static final int SAMPLES = 6;
  private static final int SCALE = 3;
  private static final int LABEL_WIDTH = 150;

  private final BinaryCnnSettings settings;
  private final RunContext context;

  BinaryCnnPlots(BinaryCnnSettings settings, RunContext context) {
    this.settings = settings;
    this.context = context;
  }

  /** The first training images as read for each augmented variant (first row: as on disk). */
  void drawAugmentations(Images train) throws IOException {
    BinaryCnnSettings.Data d = settings.data();
    List<String> names = new ArrayList<>(List.of("original"));
    List<INDArray> rows = new ArrayList<>();
    List<java.nio.file.Path> files = train.files().subList(0, Math.min(SAMPLES, train.size()));
    rows.add(LabelledImageFolder.read(files, new NativeImageLoader(d.height(), d.width(), 1)));
    for (BinaryCnnSettings.Variant v : settings.variants()) {
      ImageTransform transform = Augmentations.pipeline(v.augment(), context.seeds().get(0));
      if (transform != null) {
        names.add(v.name());
        rows.add(
            LabelledImageFolder.read(
                files, new NativeImageLoader(d.height(), d.width(), 1, transform)));
      }
    }
    int tileW = d.width() * SCALE + 4;
    int tileH = d.height() * SCALE + 4;
    BufferedImage grid =
        new BufferedImage(
            LABEL_WIDTH + files.size() * tileW,
            30 + rows.size() * tileH,
            BufferedImage.TYPE_INT_RGB);
    Graphics2D g = grid.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString("Training inputs under each augmentation (labels: " + labels(train) + ")", 6, 20);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    for (int r = 0; r < rows.size(); r++) {
      int y0 = 30 + r * tileH;
      g.setColor(Color.BLACK);
      g.drawString(names.get(r), 6, y0 + tileH / 2 + 5);
      INDArray pixels = rows.get(r);
      for (int i = 0; i < pixels.size(0); i++) {
        int x0 = LABEL_WIDTH + i * tileW + 2;
        for (int y = 0; y < d.height() * SCALE; y++) {
          for (int x = 0; x < d.width() * SCALE; x++) {
            int v =
                Math.max(
                    0,
                    Math.min(255, (int) Math.round(pixels.getDouble(i, 0, y / SCALE, x / SCALE))));
            grid.setRGB(x0 + x, y0 + 2 + y, v << 16 | v << 8 | v);
          }
        }
      }
    }
    g.dispose();
    ImageFiles.writePng(grid, context.plotsDir().resolve("augmentations.png"));
  }

  private String labels(Images train) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < Math.min(SAMPLES, train.size()); i++) {
      texts.add(Long.toString(train.values()[i]));
    }
    return String.join(", ", texts);
  }

  void drawResults() throws IOException {
    Map<String, Map<Long, Double>> measured = context.metrics().measurements();
    List<String> variants =
        settings.variants().stream().map(BinaryCnnSettings.Variant::name).toList();
    List<CategoryChart> bars =
        List.of(
            bars(
                measured,
                variants,
                VariantMetric.EXACT_ACCURACY,
                "Test accuracy: whole number right",
                "share of test images"),
            bars(
                measured,
                variants,
                VariantMetric.BIT_ACCURACY,
                "Test accuracy per digit",
                "share of digits"),
            bars(
                measured,
                variants,
                VariantMetric.MEAN_ABS_ERROR,
                "Test mean absolute error of the value",
                "|predicted - true|"));
    Charts.saveGrid(bars, 3, context.plotsDir().resolve("accuracy.png"));

    XYChart validation =
        Charts.lines("Validation accuracy (mean over seeds)", "epoch", "exact accuracy", false);
    XYChart loss =
        Charts.lines(
            "Training loss (mean over seeds; each head has its own loss)",
            "epoch",
            "mean training loss",
            true);
    for (String v : variants) {
      Curves val = curves(CURVES + v, "validation_exact_accuracy");
      Charts.addSeries(validation, v, Charts.range(1, val.mean().length), val.mean(), val.std());
      Curves train =
          curves(
              v,
              TrainingMetrics
                  .EPOCH_LOSS); // the trainer's curve, in the series named after the variant
      Charts.addSeries(loss, v, Charts.range(1, train.mean().length), train.mean(), null);
    }
    String reference = settings.reference();
    XYChart stopping =
        Charts.lines(
            "Validation stopping, variant "
                + reference
                + ": test accuracy per epoch, kept epoch marked",
            "epoch",
            "test exact accuracy",
            false);
    for (Map.Entry<Long, double[]> e :
        perSeed(CURVES + reference, "test_exact_accuracy").entrySet()) {
      double[] test = e.getValue();
      Charts.addSeries(stopping, "seed " + e.getKey(), Charts.range(1, test.length), test, null);
      double kept = measured.get(VariantMetric.STOP_EPOCH.of(reference).name()).get(e.getKey());
      int index = (int) kept - 1;
      if (index >= 0 && index < test.length) {
        Charts.addSeries(
            stopping,
            "seed " + e.getKey() + " kept (epoch " + (int) kept + ")",
            new double[] {kept},
            new double[] {test[index]},
            null);
      }
    }
    // Claim 000-9f: the validation loss the stopping rule watched, to see it turn up (log: it spans
    // decades).
    XYChart watched =
        Charts.lines(
            "Validation loss watched by the stopping rule, variant " + reference + " (per seed)",
            "epoch",
            "validation loss (log)",
            true);
    for (Map.Entry<Long, double[]> e :
        perSeed(reference, TrainingMetrics.VALIDATION_LOSS).entrySet()) {
      Charts.addSeries(
          watched, "seed " + e.getKey(), Charts.range(1, e.getValue().length), e.getValue(), null);
    }
    Charts.saveGrid(
        List.of(validation, loss, stopping, watched),
        1,
        context.plotsDir().resolve("learning-curves.png"));
  }

  private static CategoryChart bars(
      Map<String, Map<Long, Double>> measured,
      List<String> variants,
      VariantMetric measurement,
      String title,
      String yLabel) {
    CategoryChart chart = Charts.bars(title + " (error bars: 1 std over seeds)", "variant", yLabel);
    List<Double> means = new ArrayList<>();
    List<Double> errors = new ArrayList<>();
    for (String v : variants) {
      SeedStatistics s = SeedStatistics.of(measured.get(measurement.of(v).name()).values());
      means.add(s.mean());
      errors.add(s.std());
    }
    chart.addSeries(measurement.label, variants, means, errors);
    return chart;
  }

  private Curves curves(String series, String name) {
    return Curves.of(perSeed(series, name).values());
  }

  private Map<Long, double[]> perSeed(String series, String name) {
    Map<Long, List<Double>> bySeed = new TreeMap<>();
    for (Row r : context.metrics().rows(series, name)) {
      bySeed.computeIfAbsent(r.seed(), s -> new ArrayList<>()).add(r.value());
    }
    Map<Long, double[]> curves = new TreeMap<>();
    bySeed.forEach(
        (seed, values) ->
            curves.put(seed, values.stream().mapToDouble(Double::doubleValue).toArray()));
    return curves;
  }
}
