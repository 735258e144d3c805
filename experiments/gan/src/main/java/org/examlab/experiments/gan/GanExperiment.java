package org.examlab.experiments.gan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.examlab.datasets.images.RenderedDigits;
import org.examlab.datasets.points.RingOfGaussians;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Measurements;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.plots.Charts;
import org.examlab.harness.settings.RunSettings;
import org.examlab.harness.training.Trainer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * GANs on a ring of Gaussians (claim 000-10): k discriminator steps, then one generator step (seed
 * 004's algorithm), for each variant and seed, optionally after training the discriminator alone
 * until its loss stops falling; the generator's raw gradient along the way; a quality curve (modes
 * covered, high-quality share of a fixed probe batch) from which each training's convergence is
 * judged ({@link QualityCurve}); at the end, the generator is saved on its own, reloaded, and its
 * samples scored without the discriminator.
 *
 * <p>Per variant V: {@code V.modes_covered} (modes holding at least a tenth of their fair share of
 * the samples that land within 3 std of a mode), {@code V.high_quality_share} (share of samples
 * within 3 std of some mode), {@code V.mmd} (RBF-kernel maximum mean discrepancy to real samples),
 * {@code V.mmd_at_init} (the same for the untrained generator, same latent points) and {@code
 * V.mmd_remaining} (their ratio), {@code V.gen_grad_early_log10} / {@code V.gen_grad_log10} (mean
 * log10 raw generator gradient norm over the first tenth of the rounds / all of them), {@code
 * V.gen_grad_first_log10} and {@code V.d_fake_score_first} (at the first generator step: the raw
 * gradient, and mean D(G(z))), {@code V.objective_cosine} / {@code V.objective_norm_ratio_log10}
 * (there, the saturating against the non-saturating loss's raw gradient: 004-GAN/objective), {@code
 * V.final_d_loss}, {@code V.final_g_loss}, {@code V.saved_generator_matches} (1 when the reloaded
 * generator alone reproduces the trained one's samples); with pretraining, {@code
 * V.d_pretrain_steps} and {@code V.d_pretrain_converged}. On images: {@code images.V.mmd} and
 * {@code images.V.mmd_at_init} (untrained generator), and {@code images.V.diversity_ratio} (mean
 * pairwise distance of generated images over that of real ones: near 0 means mode collapse).
 */
public final class GanExperiment implements Experiment<GanSettings> {
  /**
   * "D converged" during pretraining: the mean discriminator loss of the last {@code
   * PRETRAIN_WINDOW} steps fell by less than {@code PRETRAIN_TOLERANCE} nats from the window before
   * (absolute, not relative: against a fixed generator the loss heads for 0, where a relative
   * change never settles).
   */
  static final int PRETRAIN_WINDOW = 50;

  static final double PRETRAIN_TOLERANCE = 0.01;
  private static final int GRADIENT_EVERY = 10;

  /**
   * Points of the quality curve a GAN's convergence is judged from, and the samples each is
   * measured on.
   */
  static final int QUALITY_POINTS = 20;

  static final int QUALITY_SAMPLES = 500;

  /** The loop's step names: their losses are recorded as {@code d_loss} and {@code g_loss}. */
  static final String DISCRIMINATOR_STEP = "d";

  static final String GENERATOR_STEP = "g";

  /** The metric row of the raw generator gradient norm, every {@code GRADIENT_EVERY} rounds. */
  static final String GENERATOR_GRADIENT_NORM = "generator_gradient_norm";

  @Override
  public String name() {
    return "gan";
  }

  @Override
  public String summary() {
    return "GANs on a ring of Gaussians: k:1 alternation, D trained to convergence first, saturating vs non-saturating loss, dropout";
  }

  @Override
  public Class<GanSettings> settingsType() {
    return GanSettings.class;
  }

  @Override
  public List<String> claimIds() {
    return List.of("000-10", "004-GAN");
  }

  @Override
  public Measurements measurements(GanSettings settings, RunSettings run) {
    Measurements declared = new Measurements();
    settings.variants().forEach(v -> declared.addAll(GanMeasurements.onRing(v)));
    settings.variants().stream()
        .filter(v -> v.pretrainDiscriminator() > 0)
        .forEach(v -> declared.addAll(GanMeasurements.pretraining(v)));
    if (settings.images() != null) {
      settings.images().variants().forEach(v -> declared.addAll(GanMeasurements.images(v)));
    }
    return declared;
  }

  @Override
  public void run(GanSettings settings, RunContext context) throws IOException {
    GanSettings.Target t = settings.target();
    RingOfGaussians target = new RingOfGaussians(t.modes(), t.radius(), t.std());
    GanPlots plots = new GanPlots(settings, context, target);
    for (long seed : context.seeds()) {
      for (GanSettings.Variant v : settings.variants()) {
        GanNetworks nets =
            train(
                settings,
                v,
                seed,
                v.name(),
                context.training().epochs(),
                2,
                Activation.IDENTITY,
                s -> target.sample(context.training().batchSize(), s),
                QualityCurve.ring(
                    target, target.sample(QUALITY_SAMPLES, seed * 31 + 11), t.radius() / 4),
                context,
                plots);
        evaluate(settings, v, seed, target, nets, context);
      }
      if (settings.images() != null) {
        trainOnImages(settings, seed, context);
      }
    }
    plots.drawAll();
  }

  /**
   * The same GAN training on rendered digits: MMD to real images before and after, and a sample
   * grid.
   */
  private void trainOnImages(GanSettings settings, long seed, RunContext context)
      throws IOException {
    GanSettings.Images images = settings.images();
    RenderedDigits digits = new RenderedDigits(images.size());
    int dim = images.size() * images.size();
    int batch = context.training().batchSize();
    INDArray real = digits.sample(images.samples(), seed * 7 + 3, null);
    double sigma = Math.sqrt(dim / 10.0); // about the typical distance between two digit images
    for (String name : images.variants()) {
      GanSettings.Variant v =
          settings.variants().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
      QualityCurve quality =
          QualityCurve.mmd(
              real.get(
                  NDArrayIndex.interval(0, Math.min(QUALITY_SAMPLES, images.samples())),
                  NDArrayIndex.all()),
              sigma);
      GanNetworks nets =
          train(
              settings,
              v,
              seed,
              "images/" + name,
              images.rounds(),
              dim,
              Activation.SIGMOID,
              s -> digits.sample(batch, s, null),
              quality,
              context,
              null);
      INDArray z = Nd4j.randn(DataType.FLOAT, images.samples(), settings.networks().latent());
      INDArray generated = nets.generate(z);
      context
          .metrics()
          .measure(seed, GanMeasurements.imagesMmd(name), Mmd.rbf(generated, real, sigma));
      // Mode collapse shows as generated images far more alike than real ones.
      int pairs = Math.min(200, images.samples());
      context
          .metrics()
          .measure(
              seed,
              GanMeasurements.imagesDiversityRatio(name),
              Mmd.meanPairwiseDistance(
                      generated.get(NDArrayIndex.interval(0, pairs), NDArrayIndex.all()))
                  / Mmd.meanPairwiseDistance(
                      real.get(NDArrayIndex.interval(0, pairs), NDArrayIndex.all())));
      GanNetworks untrained =
          new GanNetworks(
              settings.networks(),
              v,
              seed,
              context.training().newUpdater(),
              dim,
              Activation.SIGMOID);
      context
          .metrics()
          .measure(
              seed,
              GanMeasurements.imagesMmdAtInit(name),
              Mmd.rbf(untrained.generate(z), real, sigma));
      if (seed == context.seeds().get(0)) {
        int shown = Math.min(64, images.samples());
        Charts.saveImageGrid(
            generated.get(NDArrayIndex.interval(0, shown), NDArrayIndex.all()),
            images.size(),
            8,
            3,
            context.plotsDir().resolve("images_" + name + ".png"));
        Charts.saveImageGrid(
            real.get(NDArrayIndex.interval(0, shown), NDArrayIndex.all()),
            images.size(),
            8,
            3,
            context.plotsDir().resolve("images_real.png"));
      }
    }
  }

  /**
   * Trains one GAN: {@code rounds} of k discriminator steps and one generator step, on batches
   * {@code real} draws (by a running seed). Records losses and generator gradient norms under
   * {@code task}, and per-variant gradient measurements when {@code plots} is given (the ring).
   * Every {@code rounds / QUALITY_POINTS} rounds the {@code quality} of a fixed batch of samples is
   * recorded; from that curve the loop's convergence is judged ({@link QualityCurve#judge}).
   */
  private GanNetworks train(
      GanSettings settings,
      GanSettings.Variant v,
      long seed,
      String task,
      int rounds,
      int dataDim,
      Activation output,
      LongFunction<INDArray> real,
      QualityCurve quality,
      RunContext context,
      GanPlots plots) {
    int batch = context.training().batchSize();
    int latent = settings.networks().latent();
    GanNetworks nets =
        new GanNetworks(
            settings.networks(), v, seed, context.training().newUpdater(), dataDim, output);
    // The quality probe's latent batch comes from a generator of its own: the training's random
    // stream stays as it was.
    INDArray probeZ =
        Nd4j.randn(
                Nd4j.getRandomFactory().getNewRandomInstance(seed * 31 + 17),
                QUALITY_SAMPLES,
                latent)
            .castTo(DataType.FLOAT);
    int qualityEvery = Math.max(1, rounds / QUALITY_POINTS);
    Nd4j.getRandom().setSeed(seed);
    MetricsRecorder m = context.metrics();
    INDArray ones = Nd4j.ones(DataType.FLOAT, batch, 1);
    INDArray dLabels = Nd4j.vstack(ones, Nd4j.zeros(DataType.FLOAT, batch, 1));
    long realSeed = seed * 1_000_003L;
    List<Double> gradients = new ArrayList<>();
    List<Double> early = new ArrayList<>();
    int snapshotEvery = Math.max(1, rounds / settings.evaluation().snapshots());
    double dLoss = Double.NaN;
    double gLoss = Double.NaN;
    long totalSteps = v.pretrainDiscriminator() + (long) rounds * (v.discriminatorSteps() + 1);
    try (Trainer.Loop loop = context.trainer().loop(task, seed, totalSteps)) {
      if (v.pretrainDiscriminator() > 0) {
        List<Double> losses = new ArrayList<>();
        boolean dConverged = false;
        while (losses.size() < v.pretrainDiscriminator() && !dConverged && !loop.done()) {
          losses.add(
              loop.step(
                  DISCRIMINATOR_STEP,
                  nets.discriminator,
                  discriminatorBatch(nets, real.apply(realSeed++), latent, dLabels)));
          dConverged = plateaued(losses);
        }
        dLoss = losses.get(losses.size() - 1);
        if (plots != null) {
          m.measure(seed, GanMeasurements.dPretrainSteps(v), losses.size());
          m.measure(seed, GanMeasurements.dPretrainConverged(v), dConverged ? 1.0 : 0.0);
        }
      }
      for (int round = 0; round < rounds && !loop.done(); round++) {
        for (int k = 0; k < v.discriminatorSteps(); k++) {
          dLoss =
              loop.step(
                  DISCRIMINATOR_STEP,
                  nets.discriminator,
                  discriminatorBatch(nets, real.apply(realSeed++), latent, dLabels));
        }
        INDArray z = Nd4j.randn(DataType.FLOAT, batch, latent);
        DataSet generatorBatch;
        if (v.adversarial()) {
          nets.syncDiscriminatorIntoStacked();
          generatorBatch = new DataSet(z, ones);
        } else {
          generatorBatch = new DataSet(z, real.apply(realSeed++)); // the MMD loss's real minibatch
        }
        if (round == 0 && plots != null && v.adversarial()) {
          firstGeneratorStep(nets, v, seed, generatorBatch, m);
        }
        if (round % GRADIENT_EVERY == 0) {
          double norm = GeneratorGradient.norm(GeneratorGradient.of(nets.stacked, generatorBatch));
          m.record(seed, task, round, GENERATOR_GRADIENT_NORM, norm);
          gradients.add(Math.log10(norm));
          if (round < Math.max(GRADIENT_EVERY + 1, rounds / 10)) {
            early.add(Math.log10(norm));
          }
        }
        gLoss = loop.step(GENERATOR_STEP, nets.stacked, generatorBatch);
        if ((round + 1) % qualityEvery == 0) {
          int at = round + 1;
          quality
              .add(at, nets.generate(probeZ))
              .forEach(
                  (name, value) -> m.record(seed, task, at, QualityCurve.metricName(name), value));
        }
        if (plots != null && (round + 1) % snapshotEvery == 0) {
          plots.snapshot(
              seed, v, round + 1, nets.generate(Nd4j.randn(DataType.FLOAT, 500, latent)));
        }
      }
      QualityCurve.Judgement judgement = quality.judge(rounds);
      loop.converged(judgement.converged(), judgement.reason());
    }
    if (plots != null) {
      if (v.adversarial()) {
        m.measure(seed, GanMeasurements.finalDLoss(v), dLoss);
      }
      List<Double> mmdCurve = quality.values(QualityCurve.MMD);
      m.measure(seed, GanMeasurements.qualityJitter(v), QualityStability.jitter(mmdCurve));
      m.measure(seed, GanMeasurements.worseningShare(v), QualityStability.worseningShare(mmdCurve));
      m.measure(seed, GanMeasurements.finalGLoss(v), gLoss);
      m.measure(seed, GanMeasurements.genGrad(v), mean(gradients));
      m.measure(seed, GanMeasurements.genGradEarly(v), mean(early));
    }
    return nets;
  }

  /**
   * Where the generator's first step starts (against the discriminator as pretraining left it): its
   * raw gradient, how confidently D rejects its samples, and the gradients the two generator losses
   * would give there, compared (004-GAN/objective: the same update or not).
   */
  private static void firstGeneratorStep(
      GanNetworks nets, GanSettings.Variant v, long seed, DataSet batch, MetricsRecorder m) {
    m.measure(
        seed,
        GanMeasurements.genGradFirst(v),
        Math.log10(GeneratorGradient.norm(GeneratorGradient.of(nets.stacked, batch))));
    m.measure(
        seed,
        GanMeasurements.dFakeScoreFirst(v),
        nets.discriminator
            .output(nets.generate(batch.getFeatures()), false)
            .meanNumber()
            .doubleValue());
    INDArray saturating =
        GeneratorGradient.of(nets.stackedWithLoss(GanSettings.GeneratorLoss.SATURATING), batch);
    INDArray nonSaturating =
        GeneratorGradient.of(nets.stackedWithLoss(GanSettings.GeneratorLoss.NON_SATURATING), batch);
    m.measure(
        seed,
        GanMeasurements.objectiveCosine(v),
        GeneratorGradient.cosine(saturating, nonSaturating));
    m.measure(
        seed,
        GanMeasurements.objectiveNormRatio(v),
        Math.log10(GeneratorGradient.norm(saturating) / GeneratorGradient.norm(nonSaturating)));
  }

  /** Whether the discriminator's pretraining loss stopped falling: see {@link #PRETRAIN_WINDOW}. */
  static boolean plateaued(List<Double> losses) {
    int n = losses.size();
    if (n < 2 * PRETRAIN_WINDOW || n % PRETRAIN_WINDOW != 0) {
      return false;
    }
    double before = mean(losses.subList(n - 2 * PRETRAIN_WINDOW, n - PRETRAIN_WINDOW));
    double last = mean(losses.subList(n - PRETRAIN_WINDOW, n));
    return before - last < PRETRAIN_TOLERANCE;
  }

  /**
   * Saves the generator alone, reloads it, and scores its samples: the discriminator is not needed
   * any more.
   */
  private void evaluate(
      GanSettings settings,
      GanSettings.Variant v,
      long seed,
      RingOfGaussians target,
      GanNetworks nets,
      RunContext context)
      throws IOException {
    Path file =
        context.plotsDir().resolveSibling("generator_" + v.name() + "_seed" + seed + ".zip");
    ModelSerializer.writeModel(nets.extractGenerator(), file.toFile(), false);
    MultiLayerNetwork generator = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
    INDArray z =
        Nd4j.randn(DataType.FLOAT, settings.evaluation().samples(), settings.networks().latent());
    INDArray samples = generator.output(z);
    double difference = samples.sub(nets.generate(z)).amaxNumber().doubleValue();
    MetricsRecorder m = context.metrics();
    m.measure(seed, GanMeasurements.savedGeneratorMatches(v), difference < 1e-5 ? 1.0 : 0.0);
    SampleQuality quality = SampleQuality.of(target, samples);
    m.measure(seed, GanMeasurements.modesCovered(v), quality.modesCovered());
    m.measure(seed, GanMeasurements.highQualityShare(v), quality.highQualityShare());
    int n = Math.min(1000, settings.evaluation().samples());
    INDArray real = target.sample(n, seed * 31 + 7);
    double sigma = settings.target().radius() / 4;
    INDArray firstZ = z.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
    double mmd = Mmd.rbf(samples.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()), real, sigma);
    // The same seed builds the same initial weights: the untrained generator, on the same latent
    // points.
    GanNetworks untrained =
        new GanNetworks(
            settings.networks(),
            v,
            seed,
            new org.nd4j.linalg.learning.config.Sgd(0.0),
            2,
            Activation.IDENTITY);
    double atInit = Mmd.rbf(untrained.generate(firstZ), real, sigma);
    m.measure(seed, GanMeasurements.mmd(v), mmd);
    m.measure(seed, GanMeasurements.mmdAtInit(v), atInit);
    m.measure(seed, GanMeasurements.mmdRemaining(v), mmd / atInit);
  }

  /** Real then generated points, labelled 1 then 0. */
  private static DataSet discriminatorBatch(
      GanNetworks nets, INDArray real, int latent, INDArray labels) {
    INDArray fake = nets.generate(Nd4j.randn(DataType.FLOAT, real.rows(), latent));
    return new DataSet(Nd4j.vstack(real, fake), labels);
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }
}
