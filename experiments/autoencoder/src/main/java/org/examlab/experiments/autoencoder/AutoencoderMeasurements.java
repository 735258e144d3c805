package org.examlab.experiments.autoencoder;

import org.examlab.harness.metrics.Measurement;

/**
 * The names of the bottleneck sweep's, the denoising comparison's, the sampling's and the
 * transfer's measurements, each built here only (the experiment declares and records them, the
 * plots read them). {@link SparseCode} and {@link LatentHoles} name their own.
 */
final class AutoencoderMeasurements {
  static final Measurement MEAN_IMAGE_HELDOUT_MSE = Measurement.of("mean_image", "heldout_mse");
  static final Measurement NOISY_INPUT_MSE = Measurement.of("noisy_input", "mse");
  static final Measurement DENOISING_GAIN_LOG10 = Measurement.of("denoising", "gain_log10");

  private AutoencoderMeasurements() {}

  /**
   * {@code ae.z8.heldout_mse} or {@code pca.k8.heldout_mse}: one of {@code BOTTLENECK_METRICS} at a
   * sweep point by its size.
   */
  static Measurement atSize(String model, int k, String metric) {
    return Measurement.of(model, (model.equals("ae") ? "z" : "k") + k, metric);
  }

  /** {@code ae.smallest.heldout_mse}: one of {@code BOTTLENECK_METRICS} at a size's role. */
  static Measurement atRole(String model, String role, String metric) {
    return Measurement.of(model, role, metric);
  }

  /** {@code standard.clean_mse}: a conv autoencoder's error on clean held-out images. */
  static Measurement cleanMse(String model) {
    return Measurement.of(model, "clean_mse");
  }

  /** {@code standard.denoise_mse}: its error on noisy held-out inputs, clean targets. */
  static Measurement denoiseMse(String model) {
    return Measurement.of(model, "denoise_mse");
  }

  static Measurement realism(String sampler) {
    return Measurement.of(sampler, "realism");
  }

  static Measurement diversity(String sampler) {
    return Measurement.of(sampler, "diversity");
  }

  /** "l20": the transfer's point of {@code n} labelled images. */
  static String labels(int n) {
    return "l" + n;
  }

  /**
   * {@code seg.random.l20.coin_iou} or {@code seg.random.fewest.coin_iou}: one of {@code
   * SEGMENTATION_METRICS} of an init at a point (a {@link #labels} count or a label role).
   */
  static Measurement segmentation(String init, String point, String metric) {
    return Measurement.of("seg", init, point, metric);
  }
}
