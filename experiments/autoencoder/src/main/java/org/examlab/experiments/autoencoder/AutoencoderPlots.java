package org.examlab.experiments.autoencoder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.SeedStatistics;
import org.examlab.harness.plots.Charts;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The experiment's figures: image grids of the first seed (reconstructions side by side, the
 * denoising comparison, sample grids) and, over all seeds, error versus bottleneck size (AE vs PCA,
 * train and held-out) and IoU versus number of labels (pretrained vs random init).
 */
final class AutoencoderPlots {
  private static final int SHOWN = 10;
  private static final int SAMPLE_GRID = 64;
  private final AutoencoderSettings settings;
  private final RunContext context;
  private final List<String> labels = new ArrayList<>();
  private final List<INDArray> rows = new ArrayList<>();

  AutoencoderPlots(AutoencoderSettings settings, RunContext context) {
    this.settings = settings;
    this.context = context;
  }

  /** The images a reconstruction grid shows: the first few. */
  INDArray shown(INDArray images) {
    return images.get(NDArrayIndex.interval(0, Math.min(SHOWN, images.size(0)))).dup();
  }

  /**
   * Adds a row (pixel rows of the shown images) to the next reconstruction grid; first seed only.
   */
  void reconstruction(long seed, String label, INDArray reconstructed) {
    if (seed == context.seeds().get(0)) {
      labels.add(label);
      rows.add(reconstructed);
    }
  }

  /** Writes {@code name}.png: the originals, then each row added since the last grid. */
  void saveReconstructions(long seed, String name, INDArray originals) throws IOException {
    if (seed == context.seeds().get(0)) {
      List<String> all = new ArrayList<>(List.of("original"));
      all.addAll(labels);
      List<INDArray> images = new ArrayList<>(List.of(originals));
      images.addAll(rows);
      int side = settings.data().side();
      INDArray grid =
          Nd4j.vstack(
              images.stream()
                  .map(r -> CoinData.images(r.castTo(originals.dataType()), side))
                  .toArray(INDArray[]::new));
      RgbImageGrid.save(
          grid, (int) originals.size(0), 4, all, context.plotsDir().resolve(name + ".png"));
    }
    labels.clear();
    rows.clear();
  }

  /** A grid of the first generated images of {@code sampler} (first seed only). */
  void samples(long seed, String sampler, INDArray samples) throws IOException {
    if (seed == context.seeds().get(0)) {
      INDArray first =
          samples.get(
              NDArrayIndex.interval(0, Math.min(SAMPLE_GRID, samples.rows())), NDArrayIndex.all());
      RgbImageGrid.save(
          CoinData.images(first.dup(), settings.data().side()),
          8,
          4,
          List.of(),
          context.plotsDir().resolve("samples_" + sampler + ".png"));
    }
  }

  /** The figures over all seeds: mean and std per point. */
  void drawSummaries() throws IOException {
    Map<String, Map<Long, Double>> m = context.metrics().measurements();
    List<Integer> sizes = settings.bottleneck().sizes();
    XYChart bottleneck =
        Charts.lines(
            "Reconstruction error vs bottleneck size ("
                + settings.data().unlabelled()
                + " training images, mean ± std over seeds)",
            "bottleneck size = PCA components",
            "mean squared error per pixel",
            true);
    bottleneck.getStyler().setXAxisLogarithmic(true);
    for (String model : List.of("ae", "pca")) {
      for (String split : List.of("train_mse", "heldout_mse")) {
        String name =
            (model.equals("ae") ? "autoencoder" : "PCA")
                + (split.startsWith("train") ? " train" : " held-out");
        line(
            bottleneck,
            name,
            m,
            sizes.stream()
                .map(k -> AutoencoderMeasurements.atSize(model, k, split).name())
                .toList(),
            sizes);
      }
    }
    Charts.save(bottleneck, context.plotsDir().resolve("bottleneck.png"));

    List<Integer> counts = settings.segmentation().labels();
    XYChart iou =
        Charts.lines(
            "Segmentation: held-out coin IoU vs labelled training images (mean ± std over seeds)",
            "labelled training images",
            "coin IoU",
            false);
    iou.getStyler().setXAxisLogarithmic(true);
    for (String init : AutoencoderExperiment.INITS) {
      line(
          iou,
          switch (init) {
            case "random" -> "random init";
            case "pretrained" -> "pretrained encoder, fine-tuned";
            case "frozen" -> "pretrained encoder, frozen";
            case "frozen-denoising" -> "denoising autoencoder's encoder, frozen";
            default -> init; // a series name of its own: XChart refuses a name given twice
          },
          m,
          counts.stream()
              .map(
                  n ->
                      AutoencoderMeasurements.segmentation(
                              init, AutoencoderMeasurements.labels(n), "coin_iou")
                          .name())
              .toList(),
          counts);
    }
    Charts.save(iou, context.plotsDir().resolve("iou_vs_labels.png"));
  }

  private static void line(
      XYChart chart,
      String name,
      Map<String, Map<Long, Double>> m,
      List<String> measurements,
      List<Integer> xs) {
    double[] x = new double[xs.size()];
    double[] y = new double[xs.size()];
    double[] e = new double[xs.size()];
    for (int i = 0; i < xs.size(); i++) {
      SeedStatistics s = SeedStatistics.of(m.getOrDefault(measurements.get(i), Map.of()).values());
      x[i] = xs.get(i);
      y[i] = s.mean();
      e[i] = s.std();
    }
    Charts.addSeries(chart, name, x, y, e);
  }
}
