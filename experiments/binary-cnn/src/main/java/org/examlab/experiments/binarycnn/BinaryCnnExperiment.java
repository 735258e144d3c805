package org.examlab.experiments.binarycnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datavec.image.loader.NativeImageLoader;
import org.datavec.image.transform.ImageTransform;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.datasets.binarynumbers.LabelledImageFolder;
import org.examlab.datasets.binarynumbers.LabelledImageFolder.Images;
import org.examlab.datasets.images.ImageFileException;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Measurement;
import org.examlab.harness.metrics.Measurements;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.settings.RunSettings;
import org.examlab.harness.settings.TrainingSettings;
import org.examlab.harness.training.Trainer;
import org.examlab.harness.training.TrainingListener;
import org.examlab.harness.training.ValidationStopping;
import org.examlab.harness.tuning.Tuner;
import org.examlab.harness.validation.ConfigException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CNN that reads a grayscale picture of a binary number ("0101 0110") and predicts its value
 * (claims 000-9a..f). The images are PNG files on disk, generated once into a cache folder (or a
 * labelled folder of one's own), and every epoch reads the training files again through DataVec's
 * {@link NativeImageLoader}, applying the variant's DataVec augmentation transforms on the way;
 * validation and test images are read once and never augmented. Each variant (head, input
 * normalization, batch normalization, augmentation) trains for every seed with validation-loss
 * early stopping (best weights restored), its learning rate chosen on the validation split when the
 * config's {@code tuning} grid names it.
 *
 * <p>Per variant V: {@code V.exact_accuracy}, {@code V.bit_accuracy}, {@code V.mean_abs_error} (on
 * the test set, with the weights validation stopping kept), {@code V.stop_epoch} (1-based, the
 * epoch kept), {@code V.stopped_early} (1 when the validation loss turned up and stopped the
 * training before its budget), {@code V.oracle_epoch} and {@code V.best_test_exact_accuracy} (the
 * epoch with the best test accuracy, and that accuracy: an oracle, only to judge the stopping
 * rule), {@code V.last_epoch_exact_accuracy} (the last epoch trained, without the restore), {@code
 * V.stopping_regret} (the oracle's accuracy minus the kept weights'), and for V other than the
 * reference {@code V.exact_accuracy_change} (V minus the reference, per seed). For an augmentation
 * without flips: {@code V.varied_exact_accuracy} and {@code V.reference_varied_exact_accuracy} (V
 * and the reference on the test pictures with V's augmentation applied, one fixed draw) and {@code
 * V.varied_gain} (their difference). Per seed: {@code training_images_per_s}, {@code
 * loading_images_per_s}, and for each flip F ({@code horizontal_flip}, {@code vertical_flip})
 * {@code F.misread_share} (share of flipped test pictures the trained reference reads as another
 * number than the label) and {@code F.label_change} (that share minus the reference's own misread
 * share on the unflipped pictures).
 */
public final class BinaryCnnExperiment implements Experiment<BinaryCnnSettings> {
  private static final Logger LOG = LoggerFactory.getLogger(BinaryCnnExperiment.class);
  static final Measurement TRAINING_IMAGES_PER_S = Measurement.of("training_images_per_s");
  static final Measurement LOADING_IMAGES_PER_S = Measurement.of("loading_images_per_s");

  /** The tuned parameter: the updater's step size. */
  static final String LEARNING_RATE = "learningRate";

  /**
   * The trainer's task name of a learning-rate candidate; apart from the tuner's own series
   * (tuning/<arm>) and from the claims' arms.
   */
  static final String TUNING_TASK = "rate-candidate/";

  @Override
  public String name() {
    return "binary-cnn";
  }

  @Override
  public String summary() {
    return "CNN reading rendered binary numbers through DataVec: normalization with and without batch norm, zoom, warp, flips, blur/noise, regression vs bits vs softmax, validation stopping";
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
  public Measurements measurements(BinaryCnnSettings settings, RunSettings run) {
    Measurements declared = new Measurements();
    declared.add(TRAINING_IMAGES_PER_S);
    declared.add(LOADING_IMAGES_PER_S);
    for (LabelProbes.FlipKind flip : LabelProbes.flips()) {
      declared.add(flip.misreadShare());
      declared.add(flip.labelChange());
    }
    for (BinaryCnnSettings.Variant v : settings.variants()) {
      VariantMetric.PER_VARIANT.forEach(m -> declared.add(m.of(v.name())));
      if (!v.name().equals(settings.reference())) {
        declared.add(VariantMetric.EXACT_ACCURACY_CHANGE.of(v.name()));
      }
      if (variesTheTest(v, settings)) {
        VariantMetric.VARIED.forEach(m -> declared.add(m.of(v.name())));
      }
      declared.addAll(Tuner.tunedNames(run.tuning(), v.name()));
    }
    return declared;
  }

  /**
   * An augmentation whose variation, applied to the test pictures, keeps their label: everything
   * but flips.
   */
  static boolean variesTheTest(BinaryCnnSettings.Variant v, BinaryCnnSettings settings) {
    return !v.name().equals(settings.reference())
        && !v.augment().isIdentity()
        && v.augment().flip() == BinaryCnnSettings.Flip.NONE;
  }

  /** A folder of one's own is read in full here: any bad file stops the run before it starts. */
  @Override
  public void checkInputs(BinaryCnnSettings settings, Path home) throws ConfigException {
    BinaryCnnSettings.Data d = settings.data();
    if (d.folder() != null) {
      try {
        LabelledImageFolder.read(home.resolve(d.folder()), d.height(), d.width(), d.maxValue());
      } catch (ImageFileException e) {
        throw new ConfigException("data.folder", "", e.getMessage());
      }
    }
  }

  @Override
  public void run(BinaryCnnSettings settings, RunContext context) throws IOException {
    BinaryCnnSettings.Data d = settings.data();
    Path folder =
        d.folder() != null
            ? context.resolve(d.folder())
            : d.generator().writeTo(context.resolve(d.cacheDir()));
    long start = System.nanoTime();
    Images all = LabelledImageFolder.read(folder, d.height(), d.width(), d.maxValue());
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.info(
        "read {} labelled images from {} through DataVec in {} s ({} images/s, checks included)",
        all.size(),
        folder,
        String.format("%.2f", seconds),
        String.format("%.0f", all.size() / seconds));
    Splits data = Splits.of(all, settings.split(), d.seed());
    Standardization standardization = Standardization.of(data.train().pixels());
    LOG.info(
        "training pixels: mean {} std {} gray levels",
        String.format("%.1f", standardization.mean()),
        String.format("%.1f", standardization.std()));
    BinaryCnnPlots plots = new BinaryCnnPlots(settings, context);
    plots.drawAugmentations(data.train());
    LabelProbes probes =
        new LabelProbes(data.test(), standardization, d.height(), d.width(), d.bits());
    // The varied test sets: one fixed draw of each augmentation (the data seed), the same for every
    // run seed.
    Map<String, INDArray> variedTests = new LinkedHashMap<>();
    for (BinaryCnnSettings.Variant v : settings.variants()) {
      if (variesTheTest(v, settings)) {
        variedTests.put(
            v.name(), probes.transformed(Augmentations.pipeline(v.augment(), d.seed())));
      }
    }
    Map<LabelProbes.FlipKind, INDArray> flippedTests = new LinkedHashMap<>();
    LabelProbes.flips().forEach(f -> flippedTests.put(f, probes.transformed(LabelProbes.flip(f))));

    MetricsRecorder metrics = context.metrics();
    BinaryCnnSettings.Variant reference =
        settings.variants().stream()
            .filter(v -> v.name().equals(settings.reference()))
            .findFirst()
            .orElseThrow();
    for (long seed : context.seeds()) {
      Throughput throughput = new Throughput(data.train().size());
      // The reference first: it is the reader of the flipped and varied test pictures.
      MultiLayerNetwork reader =
          train(settings, reference, seed, data, standardization, context, throughput);
      double cleanMisread =
          probes.misreadShare(
              reader, reference.head(), reference.normalize(), data.test().pixels());
      flippedTests.forEach(
          (flip, pixels) -> {
            double misread =
                probes.misreadShare(reader, reference.head(), reference.normalize(), pixels);
            metrics.measure(seed, flip.misreadShare(), misread);
            metrics.measure(seed, flip.labelChange(), misread - cleanMisread);
          });
      for (BinaryCnnSettings.Variant v : settings.variants()) {
        if (v == reference) {
          continue;
        }
        MultiLayerNetwork net =
            train(settings, v, seed, data, standardization, context, throughput);
        INDArray varied = variedTests.get(v.name());
        if (varied != null) {
          double own = probes.readingScores(net, v.head(), v.normalize(), varied).exactAccuracy();
          double ref =
              probes
                  .readingScores(reader, reference.head(), reference.normalize(), varied)
                  .exactAccuracy();
          metrics.measure(seed, VariantMetric.VARIED_EXACT_ACCURACY.of(v.name()), own);
          metrics.measure(seed, VariantMetric.REFERENCE_VARIED_EXACT_ACCURACY.of(v.name()), ref);
          metrics.measure(seed, VariantMetric.VARIED_GAIN.of(v.name()), own - ref);
        }
      }
      metrics.measure(seed, TRAINING_IMAGES_PER_S, throughput.trainingImagesPerSecond());
      metrics.measure(seed, LOADING_IMAGES_PER_S, throughput.loadingImagesPerSecond());
    }
    Map<String, Map<Long, Double>> measured = metrics.measurements();
    Map<Long, Double> referenceAccuracy =
        measured.get(VariantMetric.EXACT_ACCURACY.of(settings.reference()).name());
    for (BinaryCnnSettings.Variant v : settings.variants()) {
      if (!v.name().equals(settings.reference())) {
        measured
            .get(VariantMetric.EXACT_ACCURACY.of(v.name()).name())
            .forEach(
                (seed, acc) ->
                    metrics.measure(
                        seed,
                        VariantMetric.EXACT_ACCURACY_CHANGE.of(v.name()),
                        acc - referenceAccuracy.get(seed)));
      }
    }
    plots.drawResults();
  }

  /**
   * Trains {@code v} for {@code seed} (its learning rate tuned first if the grid names it) and
   * records its test scores; returns the kept network.
   */
  private MultiLayerNetwork train(
      BinaryCnnSettings settings,
      BinaryCnnSettings.Variant v,
      long seed,
      Splits data,
      Standardization standardization,
      RunContext context,
      Throughput throughput) {
    TrainingSettings training = context.training();
    if (context.tuner().tunes(v.name())) {
      TrainingSettings shortBudget =
          withLearningRate(training, training.learningRate())
              .withEpochs(settings.stopping().tuningEpochs());
      try {
        Tuner.Choice choice =
            context
                .tuner()
                .choose(
                    v.name(),
                    seed,
                    candidate -> {
                      TrainingSettings trial =
                          withLearningRate(shortBudget, candidate.get(LEARNING_RATE));
                      return fit(
                              settings,
                              v,
                              seed,
                              data,
                              standardization,
                              context.trainer().with(trial),
                              context.metrics(),
                              trial,
                              TUNING_TASK + v.name(),
                              throughput,
                              false)
                          .validationLoss();
                    });
        training = withLearningRate(training, choice.chosen().get(LEARNING_RATE));
      } catch (Exception e) {
        throw new IllegalStateException(
            "tuning " + v.name() + " on seed " + seed + ": " + e.getMessage(), e);
      }
    }
    Fitted fitted =
        fit(
            settings,
            v,
            seed,
            data,
            standardization,
            context.trainer().with(training),
            context.metrics(),
            training,
            v.name(),
            throughput,
            true);
    MetricsRecorder metrics = context.metrics();
    BinaryCnnSettings.Data d = settings.data();
    NumberScores test =
        scores(
            fitted.net(),
            standardization.inputs(data.test().pixels(), v.normalize()),
            data.test().values(),
            v.head(),
            d.bits());
    String n = v.name();
    double oracle = Math.max(fitted.bestTest(), test.exactAccuracy());
    metrics.measure(seed, VariantMetric.EXACT_ACCURACY.of(n), test.exactAccuracy());
    metrics.measure(seed, VariantMetric.BIT_ACCURACY.of(n), test.bitAccuracy());
    metrics.measure(seed, VariantMetric.MEAN_ABS_ERROR.of(n), test.meanAbsoluteError());
    metrics.measure(seed, VariantMetric.STOP_EPOCH.of(n), fitted.keptEpoch() + 1);
    metrics.measure(
        seed, VariantMetric.STOPPED_EARLY.of(n), fitted.epochsRun() < training.epochs() ? 1 : 0);
    metrics.measure(seed, VariantMetric.ORACLE_EPOCH.of(n), fitted.bestTestEpoch() + 1);
    metrics.measure(seed, VariantMetric.BEST_TEST_EXACT_ACCURACY.of(n), oracle);
    metrics.measure(seed, VariantMetric.LAST_EPOCH_EXACT_ACCURACY.of(n), fitted.lastTest());
    metrics.measure(seed, VariantMetric.STOPPING_REGRET.of(n), oracle - test.exactAccuracy());
    return fitted.net();
  }

  /**
   * One training of {@code v}: early stopping on the validation loss with the best weights kept;
   * with {@code record} the validation and test accuracy of every epoch go to the curves (the test
   * one plotted and judged against, never used to stop or to tune).
   */
  private Fitted fit(
      BinaryCnnSettings settings,
      BinaryCnnSettings.Variant v,
      long seed,
      Splits data,
      Standardization standardization,
      Trainer trainer,
      MetricsRecorder metrics,
      TrainingSettings training,
      String task,
      Throughput throughput,
      boolean record) {
    BinaryCnnSettings.Data d = settings.data();
    Head head = v.head();
    MultiLayerNetwork net =
        BinaryCnn.build(settings, head, v.batchNormIn(settings.network()), training, seed);
    ImageTransform augmentation = Augmentations.pipeline(v.augment(), seed);
    NativeImageLoader loader = new NativeImageLoader(d.height(), d.width(), 1, augmentation);
    INDArray trainTargets = head.targets(data.train().values(), d.bits());
    DataSet validation =
        new DataSet(
            standardization.inputs(data.validation().pixels(), v.normalize()),
            head.targets(data.validation().values(), d.bits()));
    INDArray testInputs = standardization.inputs(data.test().pixels(), v.normalize());
    String series = BinaryCnnPlots.CURVES + v.name();
    double[] test = {-1, -1, 0}; // best test accuracy, its epoch, last epoch's
    int[] epochs = {0};
    ValidationStopping stopping =
        new ValidationStopping(
            model -> score((MultiLayerNetwork) model, validation), settings.stopping().patience());
    TrainingListener scoring =
        TrainingListener.afterEachEpoch(
            t -> {
              epochs[0] = t.epoch() + 1;
              if (!record) {
                return;
              }
              NumberScores val =
                  scores(net, validation.getFeatures(), data.validation().values(), head, d.bits());
              NumberScores now = scores(net, testInputs, data.test().values(), head, d.bits());
              if (now.exactAccuracy() > test[0]) {
                test[0] = now.exactAccuracy();
                test[1] = t.epoch();
              }
              test[2] = now.exactAccuracy();
              metrics.record(
                  seed, series, t.epoch(), "validation_exact_accuracy", val.exactAccuracy());
              metrics.record(seed, series, t.epoch(), "test_exact_accuracy", now.exactAccuracy());
            });
    AugmentedEpochs batches =
        new AugmentedEpochs(
            data.train().files(),
            loader,
            augmentation != null,
            trainTargets,
            standardization,
            v.normalize(),
            training.batchSize(),
            seed,
            throughput);
    trainer.fit(task, seed, net, batches, List.of(throughput, stopping, scoring));
    return new Fitted(
        net, stopping.bestEpoch(), stopping.bestLoss(), epochs[0], test[0], (int) test[1], test[2]);
  }

  /** A finished training: the kept network and what its epochs showed. */
  private record Fitted(
      MultiLayerNetwork net,
      int keptEpoch,
      double validationLoss,
      int epochsRun,
      double bestTest,
      int bestTestEpoch,
      double lastTest) {}

  static TrainingSettings withLearningRate(TrainingSettings t, double learningRate) {
    return t.withLearningRate(learningRate);
  }

  /**
   * Evaluation runs in chunks of this many images: a 16-bit softmax's output for a 15,000-image
   * test set at once would be 15,000 x 65,536 floats (3.9 GB).
   */
  static final int EVALUATION_CHUNK = 1024;

  static NumberScores scores(
      MultiLayerNetwork net, INDArray inputs, long[] values, Head head, int bits) {
    long[] decoded = new long[values.length];
    for (int from = 0; from < values.length; from += EVALUATION_CHUNK) {
      int to = Math.min(values.length, from + EVALUATION_CHUNK);
      long[] part = head.decode(net.output(rows(inputs, from, to), false), bits);
      System.arraycopy(part, 0, decoded, from, part.length);
    }
    return NumberScores.of(decoded, values, bits);
  }

  /**
   * The mean loss on {@code data} (with the weight penalty), computed chunk by chunk: the same as
   * {@code net.score(data)}.
   */
  static double score(MultiLayerNetwork net, DataSet data) {
    int n = data.numExamples();
    if (n <= EVALUATION_CHUNK) {
      return net.score(data);
    }
    double weighted = 0;
    for (int from = 0; from < n; from += EVALUATION_CHUNK) {
      int to = Math.min(n, from + EVALUATION_CHUNK);
      weighted +=
          net.score(
                  new DataSet(rows(data.getFeatures(), from, to), rows(data.getLabels(), from, to)))
              * (to - from);
    }
    return weighted / n;
  }

  private static INDArray rows(INDArray a, int from, int to) {
    if (from == 0 && to == a.size(0)) {
      return a;
    }
    INDArrayIndex[] index = new INDArrayIndex[a.rank()];
    Arrays.fill(index, NDArrayIndex.all());
    index[0] = NDArrayIndex.interval(from, to);
    return a.get(index);
  }
}
