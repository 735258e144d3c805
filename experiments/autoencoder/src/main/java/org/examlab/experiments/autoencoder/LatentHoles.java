package org.examlab.experiments.autoencoder;

import java.util.List;
import java.util.function.UnaryOperator;
import org.examlab.datasets.Seeds;
import org.examlab.harness.metrics.Measurement;
import org.examlab.harness.metrics.MetricsRecorder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Claim 002-7b, "there are holes in [a plain autoencoder's latent] space": points between and
 * around the codes of training images decode to less realistic images for a plain autoencoder than
 * for a VAE of the same latent size. For each model (its encoder: the plain one's bottleneck, the
 * VAE's posterior mean), on {@code n} training images: their codes decoded as they are (the model's
 * own reconstruction realism), midpoints of random pairs of codes, and codes perturbed by half of
 * each latent dimension's spread over the codes (scaled to each model's own code spread). Realism
 * is 003-7/d's (mean distance to the nearest held-out real image over that of real images); each
 * off-code realism is also divided by the model's reconstruction realism, so a blurrier decoder is
 * not read as a holey space.
 *
 * <p>Per seed and model M in {ae, vae}: {@code holes.M.recon_realism}, {@code .interp_realism},
 * {@code .perturb_realism}, {@code .interp_ratio}, {@code .perturb_ratio}.
 */
final class LatentHoles {
  static final List<String> MODELS = List.of("ae", "vae");
  static final List<String> METRICS =
      List.of(
          "recon_realism", "interp_realism", "perturb_realism", "interp_ratio", "perturb_ratio");

  /** The perturbation, in units of each latent dimension's standard deviation over the codes. */
  static final double PERTURBATION = 0.5;

  private LatentHoles() {}

  /** {@code holes.ae.interp_ratio}: one of {@link #METRICS} of a model. */
  static Measurement measurement(String model, String metric) {
    return Measurement.of("holes", model, metric);
  }

  static List<Measurement> measurements() {
    return MODELS.stream()
        .flatMap(model -> METRICS.stream().map(m -> measurement(model, m)))
        .toList();
  }

  /**
   * @param images the training images whose codes are decoded, one per row
   * @param realNearest the mean nearest-held-out distance of real training images (realism's unit)
   */
  static void measure(
      String model,
      UnaryOperator<INDArray> encode,
      UnaryOperator<INDArray> decode,
      INDArray images,
      INDArray reference,
      double realNearest,
      long seed,
      MetricsRecorder m) {
    INDArray codes = encode.apply(images);
    int n = (int) codes.rows();
    Nd4j.getRandom().setSeed(Seeds.derive(seed, "latent-holes", model));
    INDArray partner = codes.getRows(permutation(n, seed));
    INDArray midpoints = codes.add(partner).muli(0.5);
    INDArray perturbed =
        codes.add(
            Nd4j.randn(codes.dataType(), codes.shape())
                .muliRowVector(codes.std(0))
                .muli(PERTURBATION));
    double recon = realism(decode.apply(codes), reference, realNearest);
    double interp = realism(decode.apply(midpoints), reference, realNearest);
    double perturb = realism(decode.apply(perturbed), reference, realNearest);
    double[] values = {recon, interp, perturb, interp / recon, perturb / recon};
    for (int i = 0; i < METRICS.size(); i++) {
      m.measure(seed, measurement(model, METRICS.get(i)), values[i]);
    }
  }

  private static double realism(INDArray decoded, INDArray reference, double realNearest) {
    return ImageDistances.meanNearestDistance(decoded.castTo(DataType.FLOAT), reference)
        / realNearest;
  }

  /** A random pairing: image i with image perm[i] (the same for both models of a seed). */
  private static int[] permutation(int n, long seed) {
    java.util.List<Integer> order =
        new java.util.ArrayList<>(java.util.stream.IntStream.range(0, n).boxed().toList());
    java.util.Collections.shuffle(
        order, new java.util.Random(Seeds.derive(seed, "latent-holes", "pairs")));
    return order.stream().mapToInt(Integer::intValue).toArray();
  }
}
