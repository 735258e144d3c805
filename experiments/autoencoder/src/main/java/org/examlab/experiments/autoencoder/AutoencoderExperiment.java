package org.examlab.experiments.autoencoder;

import static org.examlab.experiments.autoencoder.AutoencoderMeasurements.DENOISING_GAIN_LOG10;
import static org.examlab.experiments.autoencoder.AutoencoderMeasurements.MEAN_IMAGE_HELDOUT_MSE;
import static org.examlab.experiments.autoencoder.AutoencoderMeasurements.NOISY_INPUT_MSE;

import java.io.IOException;
import java.util.List;
import org.deeplearning4j.nn.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Measurements;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.metrics.SegmentationScores;
import org.examlab.harness.settings.RunSettings;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Autoencoders on rendered coin images (claims 003-7 and 002-7), per seed:
 *
 * <ul>
 *   <li>Bottleneck sweep: a dense autoencoder and PCA for every size k in {@code bottleneck.sizes}:
 *       {@code ae.zK.train_mse}, {@code ae.zK.heldout_mse}, and {@code ae.zK.noise_fvu}, the share
 *       of the variance of uniform-noise images it fails to reconstruct (near 0: it copies
 *       anything, not just coins); the same three as {@code pca.kK.*}; {@code
 *       mean_image.heldout_mse} (predicting the mean training image: what "learned nothing"
 *       scores).
 *   <li>Denoising: the conv autoencoder trained clean-to-clean ({@code standard}) and
 *       noisy-to-clean ({@code denoising}), each scored on held-out images: {@code
 *       standard.clean_mse}, {@code standard.denoise_mse} (noisy input, clean target), the same for
 *       {@code denoising.*}, {@code noisy_input.mse} (the noise itself) and {@code
 *       denoising.gain_log10}, log10 of the standard over the denoising autoencoder's error on
 *       noisy inputs.
 *   <li>Sampling: images decoded from random latent vectors of the plain dense autoencoder
 *       (standard normal, {@code ae_random}, and a Gaussian fitted to the training codes, {@code
 *       ae_fitted}) and sampled from a VAE ({@code vae}): {@code X.realism} (mean distance to the
 *       nearest held-out real image over that of real training images: 1 is as close as real coins
 *       are) and {@code X.diversity} (mean pairwise distance over that of real images).
 *   <li>Transfer: segmentation trained on n labelled images from a random init and with the conv
 *       autoencoder's encoder, fine-tuned or frozen, and with the denoising one's frozen: {@code
 *       seg.random.lN.coin_iou}, {@code seg.pretrained.lN.coin_iou}, {@code
 *       seg.frozen.lN.coin_iou}, {@code seg.frozen-denoising.lN.coin_iou} and the {@code
 *       .mean_iou}, {@code .pixel_accuracy} of each, on the labelled test images; the fewest and
 *       most labels also as {@code seg.random.fewest.*}, {@code seg.random.most.*} (and
 *       pretrained).
 *   <li>Holes: the plain autoencoder's and the VAE's codes of training images decoded between and
 *       around them ({@link LatentHoles}): {@code holes.*}.
 *   <li>Sparsity: an overcomplete autoencoder with an L1 penalty on its code ({@link SparseCode}):
 *       {@code sparse.*}.
 * </ul>
 */
public final class AutoencoderExperiment implements Experiment<AutoencoderSettings> {
  static final List<String> BOTTLENECK_METRICS = List.of("train_mse", "heldout_mse", "noise_fvu");
  static final List<String> SAMPLERS = List.of("ae_random", "ae_fitted", "vae");

  /** The conv autoencoder trained on clean inputs, then on noisy ones. */
  static final List<String> DENOISING_MODELS = List.of("standard", "denoising");

  /**
   * Segmentation from a random init, with the pretrained encoder fine-tuned, with it frozen (the
   * exam answer's "frozen weights"), and with the denoising autoencoder's encoder frozen (002-7:
   * whose features serve the downstream task better).
   */
  static final List<String> INITS = List.of("random", "pretrained", "frozen", "frozen-denoising");

  static final List<String> SEGMENTATION_METRICS =
      List.of("coin_iou", "mean_iou", "pixel_accuracy");

  /**
   * Sweep points named by the part they play, so that claims hold whatever sizes a config sweeps.
   */
  static final List<String> BOTTLENECK_ROLES = List.of("smallest", "adequate", "largest");

  static final List<String> LABEL_ROLES = List.of("fewest", "most");
  private static final int NOISE_PROBES = 200;

  @Override
  public String name() {
    return "autoencoder";
  }

  @Override
  public String summary() {
    return "Autoencoders on coin images: bottleneck vs PCA, denoising, VAE vs plain sampling, pretrained encoder for segmentation";
  }

  @Override
  public Class<AutoencoderSettings> settingsType() {
    return AutoencoderSettings.class;
  }

  @Override
  public List<String> claimIds() {
    return List.of("003-7", "002-7", "002-7b", "004-AE/sparse");
  }

  @Override
  public Measurements measurements(AutoencoderSettings settings, RunSettings run) {
    Measurements declared = new Measurements();
    for (String model : List.of("ae", "pca")) {
      for (int k : settings.bottleneck().sizes()) {
        BOTTLENECK_METRICS.forEach(m -> declared.add(AutoencoderMeasurements.atSize(model, k, m)));
      }
      for (String role : BOTTLENECK_ROLES) {
        BOTTLENECK_METRICS.forEach(
            m -> declared.add(AutoencoderMeasurements.atRole(model, role, m)));
      }
    }
    declared.add(MEAN_IMAGE_HELDOUT_MSE);
    for (String model : DENOISING_MODELS) {
      declared.add(AutoencoderMeasurements.cleanMse(model));
      declared.add(AutoencoderMeasurements.denoiseMse(model));
    }
    declared.add(NOISY_INPUT_MSE);
    declared.add(DENOISING_GAIN_LOG10);
    SAMPLERS.forEach(
        s -> {
          declared.add(AutoencoderMeasurements.realism(s));
          declared.add(AutoencoderMeasurements.diversity(s));
        });
    declared.addAll(SparseCode.MEASUREMENTS);
    declared.addAll(LatentHoles.measurements());
    for (String init : INITS) {
      for (int n : settings.segmentation().labels()) {
        SEGMENTATION_METRICS.forEach(
            m ->
                declared.add(
                    AutoencoderMeasurements.segmentation(
                        init, AutoencoderMeasurements.labels(n), m)));
      }
      for (String role : LABEL_ROLES) {
        SEGMENTATION_METRICS.forEach(
            m -> declared.add(AutoencoderMeasurements.segmentation(init, role, m)));
      }
    }
    return declared;
  }

  @Override
  public void run(AutoencoderSettings settings, RunContext context) throws IOException {
    AutoencoderPlots plots = new AutoencoderPlots(settings, context);
    for (long seed : context.seeds()) {
      CoinData data = CoinData.render(settings.data(), seed);
      MultiLayerNetwork samplingAutoencoder = bottleneckSweep(settings, data, seed, context, plots);
      MultiLayerNetwork[] encoders = denoising(settings, data, seed, context, plots);
      sampling(settings, data, samplingAutoencoder, seed, context, plots);
      transfer(settings, data, encoders[0], encoders[1], seed, context);
      SparseCode.measure(settings.sparse(), data, seed, context);
    }
    plots.drawSummaries();
    SparseCode.plot(
        settings.sparse(),
        context.seeds(),
        context.metrics(),
        context.plotsDir().resolve("sparse_code.png"));
  }

  /**
   * Dense autoencoders and PCA at every bottleneck size; returns the autoencoder of size {@code
   * sampling.latent}.
   */
  private MultiLayerNetwork bottleneckSweep(
      AutoencoderSettings settings,
      CoinData data,
      long seed,
      RunContext context,
      AutoencoderPlots plots)
      throws IOException {
    INDArray train = CoinData.rows(data.unlabelled().images());
    INDArray heldOut = CoinData.rows(data.heldOut().images());
    Nd4j.getRandom().setSeed(seed);
    INDArray noise = Nd4j.rand(DataType.FLOAT, NOISE_PROBES, train.columns());
    double noiseVariance = noise.varNumber().doubleValue();
    MetricsRecorder m = context.metrics();
    m.measure(
        seed,
        MEAN_IMAGE_HELDOUT_MSE,
        ImageDistances.mse(heldOut, Nd4j.zerosLike(heldOut).addiRowVector(train.mean(0))));

    PrincipalComponents pca = new PrincipalComponents(train);
    MultiLayerNetwork kept = null;
    for (int k : settings.bottleneck().sizes()) {
      MultiLayerNetwork ae =
          CoinNetworks.dense(
              (int) train.columns(),
              settings.bottleneck().hidden(),
              k,
              seed,
              context.training().newUpdater());
      AutoencoderSettings.Bottleneck b = settings.bottleneck();
      context
          .trainer()
          .with(context.training().withEpochs(b.epochs()).withBatchSize(b.batchSize()))
          .fit(
              denseTask(b, k, settings.sampling().latent()),
              seed,
              ae,
              new DataSet(train, train),
              List.of());
      measureAtSize(
          m,
          seed,
          b,
          "ae",
          k,
          ImageDistances.mse(ae.output(train), train),
          ImageDistances.mse(ae.output(heldOut), heldOut),
          ImageDistances.mse(ae.output(noise), noise) / noiseVariance);
      measureAtSize(
          m,
          seed,
          b,
          "pca",
          k,
          ImageDistances.mse(pca.reconstruct(train, k), train),
          ImageDistances.mse(pca.reconstruct(heldOut, k), heldOut),
          ImageDistances.mse(pca.reconstruct(noise, k), noise) / noiseVariance);
      plots.reconstruction(seed, "AE z=" + k, ae.output(plots.shown(heldOut)));
      plots.reconstruction(seed, "PCA k=" + k, pca.reconstruct(plots.shown(heldOut), k));
      if (k == settings.sampling().latent()) {
        kept = ae;
      }
    }
    plots.saveReconstructions(seed, "reconstructions", plots.shown(heldOut));
    return kept;
  }

  /**
   * The training task of the dense autoencoder of size {@code k}: "dense-z<k>" and under it the
   * roles the size plays ("dense-z2/smallest", "dense-z8/sampling"), so that a claim's {@code
   * trained} names exactly the networks its rule reads ("dense-z8", "dense-*smallest*") in the
   * quick and the full config.
   */
  static String denseTask(AutoencoderSettings.Bottleneck b, int k, int samplingLatent) {
    StringBuilder task = new StringBuilder("dense-z").append(k);
    List<Integer> roleSizes = List.of(b.smallest(), b.adequate(), b.largest());
    for (int r = 0; r < BOTTLENECK_ROLES.size(); r++) {
      if (roleSizes.get(r) == k) {
        task.append('/').append(BOTTLENECK_ROLES.get(r));
      }
    }
    return k == samplingLatent ? task.append("/sampling").toString() : task.toString();
  }

  /**
   * Records a sweep point's train / held-out / noise errors under its size and under every role
   * that size plays.
   */
  private static void measureAtSize(
      MetricsRecorder m,
      long seed,
      AutoencoderSettings.Bottleneck b,
      String model,
      int k,
      double... values) {
    List<Integer> roleSizes = List.of(b.smallest(), b.adequate(), b.largest());
    for (int i = 0; i < BOTTLENECK_METRICS.size(); i++) {
      String metric = BOTTLENECK_METRICS.get(i);
      m.measure(seed, AutoencoderMeasurements.atSize(model, k, metric), values[i]);
      for (int r = 0; r < BOTTLENECK_ROLES.size(); r++) {
        if (roleSizes.get(r) == k) {
          m.measure(
              seed,
              AutoencoderMeasurements.atRole(model, BOTTLENECK_ROLES.get(r), metric),
              values[i]);
        }
      }
    }
  }

  /**
   * The conv autoencoder trained on clean inputs and on noisy ones; returns both (their encoders
   * are transferred).
   */
  private MultiLayerNetwork[] denoising(
      AutoencoderSettings settings,
      CoinData data,
      long seed,
      RunContext context,
      AutoencoderPlots plots)
      throws IOException {
    INDArray clean = data.unlabelled().images();
    INDArray heldOut = data.heldOut().images();
    INDArray noisyTrain = addNoise(clean, settings.denoising().noiseStd(), seed);
    INDArray noisyHeldOut = addNoise(heldOut, settings.denoising().noiseStd(), seed + 1);
    context.metrics().measure(seed, NOISY_INPUT_MSE, ImageDistances.mse(noisyHeldOut, heldOut));
    MultiLayerNetwork standard = null;
    MultiLayerNetwork denoising = null;
    double[] denoiseMse = new double[2];
    for (String model : DENOISING_MODELS) {
      MultiLayerNetwork ae =
          CoinNetworks.convAutoencoder(
              settings.data().side(),
              settings.conv().channels(),
              settings.conv().latent(),
              seed,
              context.training().newUpdater());
      INDArray inputs = model.equals("standard") ? clean : noisyTrain;
      context.trainer().fit("conv-" + model, seed, ae, new DataSet(inputs, clean), List.of());
      context
          .metrics()
          .measure(
              seed,
              AutoencoderMeasurements.cleanMse(model),
              ImageDistances.mse(ae.output(heldOut), heldOut));
      denoiseMse[standard == null ? 0 : 1] = ImageDistances.mse(ae.output(noisyHeldOut), heldOut);
      context
          .metrics()
          .measure(
              seed,
              AutoencoderMeasurements.denoiseMse(model),
              denoiseMse[standard == null ? 0 : 1]);
      plots.reconstruction(
          seed, model + " AE, noisy input", CoinData.rows(ae.output(plots.shown(noisyHeldOut))));
      if (standard == null) {
        standard = ae;
      } else {
        denoising = ae;
      }
    }
    // Errors are compared as a ratio (on a log scale): it varies far less from seed to seed than
    // their difference.
    context
        .metrics()
        .measure(seed, DENOISING_GAIN_LOG10, Math.log10(denoiseMse[0] / denoiseMse[1]));
    plots.reconstruction(seed, "noisy input", CoinData.rows(plots.shown(noisyHeldOut)));
    plots.saveReconstructions(seed, "denoising", CoinData.rows(plots.shown(heldOut)));
    return new MultiLayerNetwork[] {standard, denoising};
  }

  /**
   * Decodes random latent vectors with the plain autoencoder, samples a VAE, and scores both
   * against real coins.
   */
  private void sampling(
      AutoencoderSettings settings,
      CoinData data,
      MultiLayerNetwork plain,
      long seed,
      RunContext context,
      AutoencoderPlots plots)
      throws IOException {
    INDArray train = CoinData.rows(data.unlabelled().images());
    INDArray reference = CoinData.rows(data.heldOut().images());
    int n = settings.sampling().samples();
    int latent = settings.sampling().latent();
    INDArray realQueries =
        train.get(NDArrayIndex.interval(0, Math.min(n, train.rows())), NDArrayIndex.all());
    double realNearest = ImageDistances.meanNearestDistance(realQueries, reference);
    double realDiversity = ImageDistances.meanPairwiseDistance(realQueries);

    MultiLayerNetwork vae =
        CoinNetworks.variational(
            (int) train.columns(),
            settings.bottleneck().hidden(),
            latent,
            seed,
            context.training().newUpdater());
    trainVariational(vae, train, seed, context);

    Nd4j.getRandom().setSeed(seed);
    INDArray z = Nd4j.randn(DataType.FLOAT, n, latent);
    INDArray codes =
        plain
            .feedForwardToLayer(CoinNetworks.DENSE_BOTTLENECK, train, false)
            .get(CoinNetworks.DENSE_BOTTLENECK + 1);
    INDArray fitted = z.mulRowVector(codes.std(0)).addiRowVector(codes.mean(0));
    int last = plain.getnLayers() - 1;
    INDArray[] samples = {
      plain.activateSelectedLayers(CoinNetworks.DENSE_BOTTLENECK + 1, last, z),
      plain.activateSelectedLayers(CoinNetworks.DENSE_BOTTLENECK + 1, last, fitted),
      ((VariationalAutoencoder) vae.getLayer(0)).generateAtMeanGivenZ(z)
    };
    for (int s = 0; s < SAMPLERS.size(); s++) {
      context
          .metrics()
          .measure(
              seed,
              AutoencoderMeasurements.realism(SAMPLERS.get(s)),
              ImageDistances.meanNearestDistance(samples[s], reference) / realNearest);
      context
          .metrics()
          .measure(
              seed,
              AutoencoderMeasurements.diversity(SAMPLERS.get(s)),
              ImageDistances.meanPairwiseDistance(samples[s]) / realDiversity);
      plots.samples(seed, SAMPLERS.get(s), samples[s]);
    }
    plots.samples(seed, "real", realQueries);

    VariationalAutoencoder vaeLayer = (VariationalAutoencoder) vae.getLayer(0);
    LatentHoles.measure(
        "ae",
        x ->
            plain
                .feedForwardToLayer(CoinNetworks.DENSE_BOTTLENECK, x, false)
                .get(CoinNetworks.DENSE_BOTTLENECK + 1),
        code -> plain.activateSelectedLayers(CoinNetworks.DENSE_BOTTLENECK + 1, last, code),
        realQueries,
        reference,
        realNearest,
        seed,
        context.metrics());
    LatentHoles.measure(
        "vae",
        vae::output,
        vaeLayer::generateAtMeanGivenZ,
        realQueries,
        reference,
        realNearest,
        seed,
        context.metrics());
  }

  /**
   * The VAE on shuffled mini-batches of the training images; DL4J trains a VAE layer without an
   * output layer by {@code pretrainLayer}, which the trainer does for such a network.
   */
  private static void trainVariational(
      MultiLayerNetwork vae, INDArray train, long seed, RunContext context) {
    context.trainer().fit("vae", seed, vae, new DataSet(train, train), List.of());
  }

  /**
   * Segmentation from a random init and from the pretrained encoders, for every number of labels.
   */
  private void transfer(
      AutoencoderSettings settings,
      CoinData data,
      MultiLayerNetwork autoencoder,
      MultiLayerNetwork denoisingAutoencoder,
      long seed,
      RunContext context) {
    AutoencoderSettings.Segmentation seg = settings.segmentation();
    DataSet test = new DataSet(data.labelledTest().images(), data.labelledTest().oneHotMasks());
    int batch = context.training().batchSize();
    for (int n : seg.labels()) {
      DataSet train = data.labelledSubset(n);
      int epochs = seg.epochs(n, batch);
      for (String init : INITS) {
        MultiLayerNetwork net =
            CoinNetworks.segmentation(
                settings.data().side(),
                settings.conv().channels(),
                seed,
                context.training().newUpdater());
        if (!init.equals("random")) {
          net =
              CoinNetworks.transferEncoder(
                  init.equals("frozen-denoising") ? denoisingAutoencoder : autoencoder,
                  net,
                  init.startsWith("frozen"));
        }
        List<String> names = new java.util.ArrayList<>(List.of(AutoencoderMeasurements.labels(n)));
        if (n == seg.labels().get(0)) {
          names.add(LABEL_ROLES.get(0));
        }
        if (n == seg.labels().get(seg.labels().size() - 1)) {
          names.add(LABEL_ROLES.get(1));
        }
        // Matched budgets: every init trains the same steps, never stopped early.
        context
            .trainer()
            .with(context.training().withEpochs(epochs).withFullBudget())
            .fit("seg-" + init + "-" + String.join("/", names), seed, net, train, List.of());
        SegmentationScores scores = SegmentationScores.of(net, test);
        double[] values = {scores.iou(1), scores.meanIou(), scores.pixelAccuracy()};
        for (String name : names) {
          for (int i = 0; i < values.length; i++) {
            context
                .metrics()
                .measure(
                    seed,
                    AutoencoderMeasurements.segmentation(init, name, SEGMENTATION_METRICS.get(i)),
                    values[i]);
          }
        }
      }
    }
  }

  /** Gaussian pixel noise of {@code std}, clipped back into [0, 1]. */
  static INDArray addNoise(INDArray images, double std, long seed) {
    Nd4j.getRandom().setSeed(seed * 7_919L + 13);
    INDArray noisy = images.add(Nd4j.randn(images.dataType(), images.shape()).muli(std));
    return Transforms.min(Transforms.max(noisy, 0.0, false), 1.0, false);
  }
}
