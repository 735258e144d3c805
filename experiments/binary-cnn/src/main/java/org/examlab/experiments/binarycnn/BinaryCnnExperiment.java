package org.examlab.experiments.binarycnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datavec.image.loader.NativeImageLoader;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.datasets.binarynumbers.LabelledImageFolder;
import org.examlab.datasets.binarynumbers.LabelledImageFolder.Images;
import org.examlab.datasets.images.ImageFileException;
import org.examlab.harness.config.ConfigException;
import org.examlab.harness.config.RunSettings;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.training.TrainingListener;
import org.examlab.harness.training.ValidationStopping;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CNN that reads a grayscale picture of a binary number ("0101 0110") and predicts its value
 * (claims 000-9a..f). The images are PNG files on disk, generated once into a cache folder (or a
 * labelled folder of one's own), and every epoch reads the training files again through DataVec's
 * {@link NativeImageLoader}, applying the variant's DataVec augmentation transforms on the way;
 * validation and test images are read once and never augmented. Each variant (head, input
 * normalization, augmentation) trains for every seed with validation-loss early stopping.
 *
 * <p>Per variant V: {@code V.exact_accuracy}, {@code V.bit_accuracy}, {@code V.mean_abs_error}
 * (on the test set, with the weights validation stopping kept), {@code V.stop_epoch} (1-based),
 * {@code V.best_test_exact_accuracy} (the best test accuracy over all epochs: an oracle, only to
 * judge the stopping rule), {@code V.stopping_regret} (that best minus the kept weights' test
 * accuracy), and for V other than the reference, {@code V.exact_accuracy_change} (V minus the
 * reference, per seed). Per seed: {@code training_images_per_s} (images fitted per second of
 * fitting), {@code loading_images_per_s} (training images read and augmented through DataVec per
 * second of reading), and {@code hflip_changed_label_share} (share of test numbers whose digits,
 * mirrored left to right, spell another number).
 */
public final class BinaryCnnExperiment implements Experiment<BinaryCnnSettings> {
  private static final Logger LOG = LoggerFactory.getLogger(BinaryCnnExperiment.class);
  static final List<String> PER_VARIANT = List.of("exact_accuracy", "bit_accuracy", "mean_abs_error", "stop_epoch",
      "best_test_exact_accuracy", "stopping_regret");

  @Override
  public String name() {
    return "binary-cnn";
  }

  @Override
  public String summary() {
    return "CNN reading rendered binary numbers through DataVec: normalization, zoom, warp, flips, blur/noise, regression vs bits vs softmax, validation stopping";
  }

  @Override
  public Class<BinaryCnnSettings> settingsType() {
    return BinaryCnnSettings.class;
  }

  @Override
  public List<String> claimIds() {
    return List.of("000-9a", "000-9b", "000-9c", "000-9d", "000-9e", "000-9f");
  }

  @Override
  public Set<String> measurementNames(BinaryCnnSettings settings, RunSettings run) {
    Set<String> names = new LinkedHashSet<>(List.of("training_images_per_s", "loading_images_per_s", "hflip_changed_label_share"));
    for (BinaryCnnSettings.Variant v : settings.variants()) {
      PER_VARIANT.forEach(m -> names.add(v.name() + "." + m));
      if (!v.name().equals(settings.reference())) {
        names.add(v.name() + ".exact_accuracy_change");
      }
    }
    return names;
  }

  /** A folder of one's own is read in full here: any bad file stops the run before it starts. */
  @Override
  public void checkInputs(BinaryCnnSettings settings) throws ConfigException {
    BinaryCnnSettings.Data d = settings.data();
    if (d.folder() != null) {
      try {
        LabelledImageFolder.read(Path.of(d.folder()), d.height(), d.width(), d.maxValue());
      } catch (ImageFileException e) {
        throw new ConfigException("data.folder", "", e.getMessage());
      }
    }
  }

  @Override
  public void run(BinaryCnnSettings settings, RunContext context) throws IOException {
    BinaryCnnSettings.Data d = settings.data();
    Path folder = d.folder() != null ? Path.of(d.folder()) : d.generator().writeTo(Path.of(d.cacheDir()));
    long start = System.nanoTime();
    Images all = LabelledImageFolder.read(folder, d.height(), d.width(), d.maxValue());
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.info("read {} labelled images from {} through DataVec in {} s ({} images/s, checks included)", all.size(), folder,
        String.format("%.2f", seconds), String.format("%.0f", all.size() / seconds));
    Splits data = Splits.of(all, settings.split(), d.seed());
    Standardization standardization = Standardization.of(data.train().pixels());
    LOG.info("training pixels: mean {} std {} gray levels", String.format("%.1f", standardization.mean()), String.format("%.1f", standardization.std()));
    BinaryCnnPlots plots = new BinaryCnnPlots(settings, context);
    plots.drawAugmentations(data.train());

    MetricsRecorder metrics = context.metrics();
    for (long seed : context.seeds()) {
      Throughput throughput = new Throughput(data.train().size());
      for (BinaryCnnSettings.Variant v : settings.variants()) {
        train(settings, v, seed, data, standardization, context, throughput);
      }
      metrics.measure(seed, "training_images_per_s", throughput.trainingImagesPerSecond());
      metrics.measure(seed, "loading_images_per_s", throughput.loadingImagesPerSecond());
      metrics.measure(seed, "hflip_changed_label_share", mirroredChangesShare(data.test().values(), d.bits()));
    }
    Map<String, Map<Long, Double>> measured = metrics.measurements();
    Map<Long, Double> reference = measured.get(settings.reference() + ".exact_accuracy");
    for (BinaryCnnSettings.Variant v : settings.variants()) {
      if (!v.name().equals(settings.reference())) {
        measured.get(v.name() + ".exact_accuracy").forEach((seed, acc) -> metrics.measure(seed, v.name() + ".exact_accuracy_change", acc - reference.get(seed)));
      }
    }
    plots.drawResults();
  }

  private void train(BinaryCnnSettings settings, BinaryCnnSettings.Variant v, long seed, Splits data, Standardization standardization,
      RunContext context, Throughput throughput) {
    BinaryCnnSettings.Data d = settings.data();
    Head head = v.head();
    MultiLayerNetwork net = BinaryCnn.build(settings, head, context.training(), seed);
    NativeImageLoader loader = new NativeImageLoader(d.height(), d.width(), 1, Augmentations.pipeline(v.augment(), seed));
    INDArray trainTargets = head.targets(data.train().values(), d.bits());
    DataSet validation = new DataSet(standardization.inputs(data.validation().pixels(), v.normalize()), head.targets(data.validation().values(), d.bits()));
    INDArray testInputs = standardization.inputs(data.test().pixels(), v.normalize());
    MetricsRecorder metrics = context.metrics();
    String series = BinaryCnnPlots.CURVES + v.name();
    double[] bestTest = {0};
    // Stops on the validation loss and restores the best epoch's weights; the test set plays no part in it.
    ValidationStopping stopping = new ValidationStopping(model -> ((MultiLayerNetwork) model).score(validation),
        settings.stopping().patience());
    TrainingListener scoring = TrainingListener.afterEachEpoch(training -> {
      NumberScores val = scores(net, validation.getFeatures(), data.validation().values(), head, d.bits());
      NumberScores test = scores(net, testInputs, data.test().values(), head, d.bits());
      bestTest[0] = Math.max(bestTest[0], test.exactAccuracy());
      metrics.record(seed, series, training.epoch(), "validation_exact_accuracy", val.exactAccuracy());
      // Plotted and judged against, never used to stop.
      metrics.record(seed, series, training.epoch(), "test_exact_accuracy", test.exactAccuracy());
    });
    AugmentedEpochs epochs = new AugmentedEpochs(data.train().files(), loader, trainTargets, standardization, v.normalize(),
        context.training().batchSize(), seed, throughput);
    context.trainer().fit(v.name(), seed, net, epochs, List.of(throughput, stopping, scoring));
    NumberScores test = scores(net, testInputs, data.test().values(), head, d.bits());
    String p = v.name() + ".";
    metrics.measure(seed, p + "exact_accuracy", test.exactAccuracy());
    metrics.measure(seed, p + "bit_accuracy", test.bitAccuracy());
    metrics.measure(seed, p + "mean_abs_error", test.meanAbsoluteError());
    metrics.measure(seed, p + "stop_epoch", stopping.bestEpoch() + 1);
    metrics.measure(seed, p + "best_test_exact_accuracy", Math.max(bestTest[0], test.exactAccuracy()));
    metrics.measure(seed, p + "stopping_regret", Math.max(bestTest[0], test.exactAccuracy()) - test.exactAccuracy());
  }

  static NumberScores scores(MultiLayerNetwork net, INDArray inputs, long[] values, Head head, int bits) {
    return NumberScores.of(head.decode(net.output(inputs, false), bits), values, bits);
  }

  /** Share of {@code values} whose digits read right to left spell a different number: what a left-right flip does to the label. */
  static double mirroredChangesShare(long[] values, int bits) {
    long changed = java.util.Arrays.stream(values).filter(v -> Long.reverse(v) >>> (64 - bits) != v).count();
    return (double) changed / values.length;
  }
}
