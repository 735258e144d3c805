package org.examlab.experiments.autoencoder;

import java.util.List;
import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;

/**
 * The autoencoder experiment's own config keys. {@code training.epochs} is the number of passes
 * over the unlabelled images for every autoencoder (dense, convolutional, denoising, variational).
 *
 * @param data how many coin images of which size, for which purpose
 * @param bottleneck the dense autoencoder / PCA sweep
 * @param conv the convolutional autoencoder: its encoder is the one transferred into segmentation
 * @param denoising the noise added to the denoising autoencoder's inputs (and to the test inputs)
 * @param sampling the plain autoencoder and the VAE compared as generators
 * @param segmentation coin / background segmentation trained on few labels
 * @param sparse the overcomplete L1-penalised autoencoder of claim 004-AE/sparse
 */
public record AutoencoderSettings(
    Data data,
    Bottleneck bottleneck,
    Conv conv,
    Denoising denoising,
    Sampling sampling,
    Segmentation segmentation,
    Sparse sparse) {

  public AutoencoderSettings {
    Require.present("data", data);
    Require.present("bottleneck", bottleneck);
    Require.present("conv", conv);
    Require.present("denoising", denoising);
    Require.present("sampling", sampling);
    Require.present("segmentation", segmentation);
    Require.present("sparse", sparse);
    if (sparse.code() <= 3 * data.side() * data.side()) {
      throw new InvalidSettingException(
          "sparse.code",
          "must be overcomplete, more units than the "
              + 3 * data.side() * data.side()
              + " input pixels (3 * side^2), got "
              + sparse.code());
    }
    if (!bottleneck.sizes().contains(sampling.latent())) {
      throw new InvalidSettingException(
          "sampling.latent",
          "must be one of bottleneck.sizes "
              + bottleneck.sizes()
              + " (the plain autoencoder it samples is the one trained there), got "
              + sampling.latent());
    }
    if (!bottleneck.sizes().contains(bottleneck.adequate())) {
      throw new InvalidSettingException(
          "bottleneck.adequate", "must be one of bottleneck.sizes " + bottleneck.sizes());
    }
    int pixels = 3 * data.side() * data.side();
    if (bottleneck.sizes().stream().anyMatch(k -> k > Math.min(pixels, data.unlabelled()))) {
      throw new InvalidSettingException(
          "bottleneck.sizes",
          "PCA has at most min(3 * side^2, unlabelled) = "
              + Math.min(pixels, data.unlabelled())
              + " components, got "
              + bottleneck.sizes());
    }
    for (int n : segmentation.labels()) {
      if (n > data.labelled()) {
        throw new InvalidSettingException(
            "segmentation.labels",
            "cannot use " + n + " labels: data.labelled is " + data.labelled());
      }
    }
    if (data.side() % 4 != 0) {
      throw new InvalidSettingException(
          "data.side", "must be a multiple of 4 (two 2x2 poolings), got " + data.side());
    }
  }

  /**
   * @param code ReLU code units J, more than the input pixels (an overcomplete code)
   * @param lambdas the L1 weights trained, increasing, the first 0 (the unpenalised reference)
   * @param tolerance the largest validation error, as a multiple of lambda = 0's, a lambda may cost
   * @param validationFraction the share of the unlabelled images held back to choose lambda
   * @param epochs passes over the training images per lambda
   * @param batchSize images per step
   */
  public record Sparse(
      int code,
      List<Double> lambdas,
      double tolerance,
      double validationFraction,
      int epochs,
      int batchSize) {
    public Sparse {
      Require.inRange("sparse.code", code, 2, 100_000);
      if (lambdas == null || lambdas.size() < 2 || lambdas.get(0) != 0.0) {
        throw new InvalidSettingException(
            "sparse.lambdas",
            "must start with 0 (the unpenalised reference) and list at least one lambda > 0, got "
                + lambdas);
      }
      for (int k = 1; k < lambdas.size(); k++) {
        if (!(lambdas.get(k) > lambdas.get(k - 1))) {
          throw new InvalidSettingException("sparse.lambdas", "must increase, got " + lambdas);
        }
      }
      Require.inRange("sparse.tolerance", tolerance, 1.0, 100.0);
      Require.inRange("sparse.validationFraction", validationFraction, 0.05, 0.5);
      Require.inRange("sparse.epochs", epochs, 1, 100_000);
      Require.inRange("sparse.batchSize", batchSize, 1, 100_000);
    }
  }

  /**
   * @param side image width and height (pixels)
   * @param unlabelled training images for the autoencoders (the exam: 10,000)
   * @param heldOut unlabelled images never trained on: held-out errors and the realism reference
   * @param labelled labelled images segmentation may train on (the exam: 1,000)
   * @param labelledTest labelled images the IoU is measured on
   */
  public record Data(int side, int unlabelled, int heldOut, int labelled, int labelledTest) {
    public Data {
      Require.inRange("side", side, 8, 256);
      Require.inRange("unlabelled", unlabelled, 16, 1_000_000);
      Require.inRange("heldOut", heldOut, 16, 1_000_000);
      Require.inRange("labelled", labelled, 1, 1_000_000);
      Require.inRange("labelledTest", labelledTest, 1, 1_000_000);
    }
  }

  /**
   * @param sizes bottleneck sizes (= PCA components), from too small to as large as the input
   * @param hidden width of the dense autoencoder's hidden layers; a bottleneck wider than that
   *     widens them too, so the bottleneck is always the narrowest layer
   * @param adequate the size the too-small and too-large ends are compared with
   * @param epochs passes over the unlabelled images for each dense autoencoder
   * @param batchSize their mini-batch: these small networks need more, smaller steps than the conv
   *     ones to get near PCA (their cost per step is mostly fixed overhead on a CPU)
   */
  public record Bottleneck(
      List<Integer> sizes, int hidden, int adequate, int epochs, int batchSize) {
    public Bottleneck {
      sizes = Require.distinctInRange("sizes", sizes, 1, 1_000_000).stream().sorted().toList();
      Require.inRange("hidden", hidden, 1, 100_000);
      Require.inRange("epochs", epochs, 1, 100_000);
      Require.inRange("batchSize", batchSize, 1, 1_000_000);
    }

    public int smallest() {
      return sizes.get(0);
    }

    public int largest() {
      return sizes.get(sizes.size() - 1);
    }
  }

  /**
   * @param channels filters of the two encoder convolutions; @param latent the dense bottleneck
   *     between encoder and decoder
   */
  public record Conv(List<Integer> channels, int latent) {
    public Conv {
      if (channels == null || channels.size() != 2) {
        throw new InvalidSettingException(
            "channels", "must list the two encoder convolutions' filters, got " + channels);
      }
      channels.forEach(c -> Require.inRange("channels", c, 1, 4096));
      channels = List.copyOf(channels);
      Require.inRange("latent", latent, 1, 100_000);
    }
  }

  /**
   * @param noiseStd standard deviation of the Gaussian pixel noise (pixels in [0, 1], clipped
   *     after)
   */
  public record Denoising(double noiseStd) {
    public Denoising {
      Require.inRange("noiseStd", noiseStd, 0.001, 2.0);
    }
  }

  /**
   * @param latent size of the VAE's latent space, and of the dense autoencoder it is compared
   *     with; @param samples images each model generates
   */
  public record Sampling(int latent, int samples) {
    public Sampling {
      Require.inRange("latent", latent, 1, 100_000);
      Require.inRange("samples", samples, 2, 100_000);
    }
  }

  /**
   * @param labels numbers of labelled training images; for each, segmentation is trained from a
   *     random init, with the pretrained encoder fine-tuned, and with it frozen
   * @param steps gradient steps of every segmentation training, whatever its number of labels, so
   *     that more labels means more information, not more compute
   */
  /**
   * @param steps gradient steps at every label count (the same for every init)
   * @param minEpochs at least this many passes over the labelled images (default 1): the most
   *     labels need more than {@code steps} to converge
   */
  public record Segmentation(List<Integer> labels, int steps, Integer minEpochs) {
    public Segmentation {
      labels = Require.distinctInRange("labels", labels, 1, 1_000_000).stream().sorted().toList();
      Require.inRange("steps", steps, 1, 10_000_000);
      minEpochs = Require.inRange("minEpochs", minEpochs == null ? 1 : minEpochs, 1, 1_000_000);
    }

    /**
     * Passes over {@code labelled} images in batches of {@code batch}: {@code steps} steps, at
     * least {@code minEpochs}.
     */
    public int epochs(int labelled, int batch) {
      return (int) Math.max(minEpochs, Math.ceil(steps / Math.ceil(labelled / (double) batch)));
    }
  }
}
