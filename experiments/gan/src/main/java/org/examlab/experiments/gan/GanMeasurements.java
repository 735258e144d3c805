package org.examlab.experiments.gan;

import java.util.List;
import org.examlab.experiments.gan.GanSettings.Variant;
import org.examlab.harness.metrics.Measurement;

/** The GAN experiment's measurements, each name built here once. */
final class GanMeasurements {
  private GanMeasurements() {}

  /** Modes holding at least a tenth of their fair share of the samples near some mode. */
  static Measurement modesCovered(Variant v) {
    return Measurement.of(v.name(), "modes_covered");
  }

  /** Share of samples within 3 std of some mode. */
  static Measurement highQualityShare(Variant v) {
    return Measurement.of(v.name(), "high_quality_share");
  }

  /** RBF-kernel maximum mean discrepancy to real samples. */
  static Measurement mmd(Variant v) {
    return Measurement.of(v.name(), "mmd");
  }

  /** {@link #mmd} for the untrained generator, same latent points. */
  static Measurement mmdAtInit(Variant v) {
    return Measurement.of(v.name(), "mmd_at_init");
  }

  /** {@link #mmd} over {@link #mmdAtInit}. */
  static Measurement mmdRemaining(Variant v) {
    return Measurement.of(v.name(), "mmd_remaining");
  }

  /** Mean log10 raw generator gradient norm over the first tenth of the rounds. */
  static Measurement genGradEarly(Variant v) {
    return Measurement.of(v.name(), "gen_grad_early_log10");
  }

  /** Mean log10 raw generator gradient norm over all the rounds. */
  static Measurement genGrad(Variant v) {
    return Measurement.of(v.name(), "gen_grad_log10");
  }

  /** log10 raw generator gradient norm at the first generator step. */
  static Measurement genGradFirst(Variant v) {
    return Measurement.of(v.name(), "gen_grad_first_log10");
  }

  /** Mean D(G(z)) at the first generator step. */
  static Measurement dFakeScoreFirst(Variant v) {
    return Measurement.of(v.name(), "d_fake_score_first");
  }

  /** At the first generator step: cosine of the saturating and non-saturating raw gradients. */
  static Measurement objectiveCosine(Variant v) {
    return Measurement.of(v.name(), "objective_cosine");
  }

  /** At the first generator step: log10 of the saturating over the non-saturating gradient norm. */
  static Measurement objectiveNormRatio(Variant v) {
    return Measurement.of(v.name(), "objective_norm_ratio_log10");
  }

  static Measurement finalDLoss(Variant v) {
    return Measurement.of(v.name(), "final_d_loss");
  }

  static Measurement finalGLoss(Variant v) {
    return Measurement.of(v.name(), "final_g_loss");
  }

  /** 1 when the reloaded generator alone reproduces the trained one's samples. */
  static Measurement savedGeneratorMatches(Variant v) {
    return Measurement.of(v.name(), "saved_generator_matches");
  }

  /** Discriminator steps of the pretraining (variants that pretrain the discriminator). */
  static Measurement dPretrainSteps(Variant v) {
    return Measurement.of(v.name(), "d_pretrain_steps");
  }

  /** 1 if the discriminator's pretraining loss stopped falling. */
  static Measurement dPretrainConverged(Variant v) {
    return Measurement.of(v.name(), "d_pretrain_converged");
  }

  /** On images, the variant named {@code variant}: MMD to real images. */
  static Measurement imagesMmd(String variant) {
    return onImages(variant).then("mmd");
  }

  /** On images: MMD of the untrained generator. */
  static Measurement imagesMmdAtInit(String variant) {
    return onImages(variant).then("mmd_at_init");
  }

  /** On images: mean pairwise distance of generated images over that of real ones. */
  static Measurement imagesDiversityRatio(String variant) {
    return onImages(variant).then("diversity_ratio");
  }

  /**
   * Over the second half of training: mean |change| of log10 MMD from one quality point to the
   * next.
   */
  static Measurement qualityJitter(Variant v) {
    return Measurement.of(v.name(), "quality_jitter");
  }

  /**
   * Over the second half: the share of quality points whose MMD is worse than the last one's by
   * 1.5x.
   */
  static Measurement worseningShare(Variant v) {
    return Measurement.of(v.name(), "worsening_share");
  }

  /** What the ring's training and evaluation record for every variant. */
  static List<Measurement> onRing(Variant v) {
    List<Measurement> all =
        new java.util.ArrayList<>(
            List.of(
                modesCovered(v),
                highQualityShare(v),
                mmd(v),
                mmdAtInit(v),
                mmdRemaining(v),
                genGradEarly(v),
                genGrad(v),
                qualityJitter(v),
                worseningShare(v),
                finalGLoss(v),
                savedGeneratorMatches(v)));
    if (v.adversarial()) { // what only a discriminator makes
      all.addAll(
          List.of(
              genGradFirst(v),
              dFakeScoreFirst(v),
              objectiveCosine(v),
              objectiveNormRatio(v),
              finalDLoss(v)));
    }
    return all;
  }

  /** What the discriminator's pretraining records, for a variant that has one. */
  static List<Measurement> pretraining(Variant v) {
    return List.of(dPretrainSteps(v), dPretrainConverged(v));
  }

  /** What the training on images records for the variant named {@code variant}. */
  static List<Measurement> images(String variant) {
    return List.of(imagesMmd(variant), imagesMmdAtInit(variant), imagesDiversityRatio(variant));
  }

  private static Measurement onImages(String variant) {
    return Measurement.of("images", variant);
  }
}
