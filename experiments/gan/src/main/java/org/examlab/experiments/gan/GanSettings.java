package org.examlab.experiments.gan;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;

/**
 * The GAN experiment's own config keys. {@code training.epochs} is the number of rounds; a round is
 * {@code discriminatorSteps} discriminator steps then one generator step, each on a batch of {@code
 * training.batchSize}.
 *
 * @param target the 2-D mixture of Gaussians the generator must learn
 * @param networks generator and discriminator sizes
 * @param variants the training schemes compared
 * @param evaluation how many generated samples the final metrics use
 * @param images optional: the same training on small rendered digit images, for the listed variants
 */
public record GanSettings(
    Target target,
    Networks networks,
    List<Variant> variants,
    Evaluation evaluation,
    Images images) {
  public GanSettings {
    Require.present("target", target);
    Require.present("networks", networks);
    Require.present("evaluation", evaluation);
    variants = Require.distinctlyNamed("variants", variants, Variant::name);
    if (images != null) {
      List<String> names = variants.stream().map(Variant::name).toList();
      for (String v : images.variants()) {
        if (!names.contains(v)) {
          throw new InvalidSettingException("images", "variant '" + v + "' is not one of " + names);
        }
      }
    }
  }

  /**
   * @param size side of the square digit images (pixels)
   * @param rounds training rounds on images (they cost more than points)
   * @param variants which variants also train on images
   * @param samples generated images the MMD uses
   */
  public record Images(int size, int rounds, List<String> variants, int samples) {
    public Images {
      Require.inRange("size", size, 8, 128);
      Require.inRange("rounds", rounds, 1, 10_000_000);
      if (variants == null || variants.isEmpty()) {
        throw new InvalidSettingException("variants", "must list at least one variant name");
      }
      variants = List.copyOf(variants);
      Require.inRange("samples", samples, 10, 1_000_000);
    }
  }

  public record Target(int modes, double radius, double std) {
    public Target {
      Require.inRange("modes", modes, 1, 1000);
      Require.positive("radius", radius);
      Require.positive("std", std);
    }
  }

  /**
   * @param dropoutRetain the discriminator's keep probability for variants with dropout
   */
  public record Networks(int latent, int hidden, double dropoutRetain) {
    public Networks {
      Require.inRange("latent", latent, 1, 10_000);
      Require.inRange("hidden", hidden, 1, 100_000);
      Require.inRange("dropoutRetain", dropoutRetain, 0.05, 1.0);
    }
  }

  /**
   * @param discriminatorSteps k: discriminator steps per generator step
   * @param generatorLoss saturating, log(1 - D(G(z))), or non-saturating, -log D(G(z))
   * @param dropout dropout in the discriminator (default false)
   * @param pretrainDiscriminator discriminator steps before the generator's first step: "train the
   *     discriminator to convergence first" (default 0)
   * @param objective adversarial (default: a GAN) or mmd (the same generator trained to minimise
   *     the MMD to real minibatches, no discriminator: the non-adversarial baseline of
   *     000-10/unstable)
   * @param bandwidths an mmd generator's kernel bandwidths (data units)
   */
  public record Variant(
      String name,
      Integer discriminatorSteps,
      GeneratorLoss generatorLoss,
      Boolean dropout,
      Integer pretrainDiscriminator,
      Objective objective,
      List<Double> bandwidths) {
    public Variant {
      Require.measurementName("name", name);
      objective = objective == null ? Objective.ADVERSARIAL : objective;
      dropout = dropout != null && dropout;
      if (objective == Objective.MMD) {
        // No discriminator: its settings would be silently ignored, so they may not be given.
        if (discriminatorSteps != null
            || generatorLoss != null
            || dropout
            || pretrainDiscriminator != null) {
          throw new InvalidSettingException(
              "objective",
              "an 'mmd' generator has no discriminator: give none of discriminatorSteps,"
                  + " generatorLoss, dropout, pretrainDiscriminator");
        }
        if (bandwidths == null || bandwidths.isEmpty()) {
          throw new InvalidSettingException(
              "bandwidths", "an 'mmd' generator needs the kernel bandwidths of its loss");
        }
        bandwidths.forEach(b -> Require.positive("bandwidths", b));
        bandwidths = List.copyOf(bandwidths);
        discriminatorSteps = 0;
        pretrainDiscriminator = 0;
      } else {
        if (bandwidths != null) {
          throw new InvalidSettingException(
              "bandwidths", "only an 'mmd' generator (objective: mmd) has kernel bandwidths");
        }
        if (discriminatorSteps == null) {
          throw new InvalidSettingException(
              "discriminatorSteps", "is required: k, discriminator steps per generator step");
        }
        Require.inRange("discriminatorSteps", discriminatorSteps, 1, 1000);
        pretrainDiscriminator =
            Require.inRange(
                "pretrainDiscriminator",
                pretrainDiscriminator == null ? 0 : pretrainDiscriminator,
                0,
                10_000_000);
      }
      generatorLoss = generatorLoss == null ? GeneratorLoss.NON_SATURATING : generatorLoss;
    }

    /** Whether a discriminator trains against the generator (a GAN) or not (an MMD generator). */
    public boolean adversarial() {
      return objective == Objective.ADVERSARIAL;
    }
  }

  /**
   * What the generator minimises: the discriminator's verdict (a GAN), or the MMD between its
   * minibatch and a real one ({@link MmdLoss}): the same generator, trained without an adversary.
   */
  public enum Objective {
    ADVERSARIAL,
    MMD;

    @JsonValue
    public String yamlName() {
      return name().toLowerCase();
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static Objective parse(String text) {
      for (Objective o : values()) {
        if (o.yamlName().equalsIgnoreCase(text)) {
          return o;
        }
      }
      throw new IllegalArgumentException("objective must be 'adversarial' or 'mmd', got " + text);
    }
  }

  public record Evaluation(int samples, int snapshots) {
    public Evaluation {
      Require.inRange("samples", samples, 10, 10_000_000);
      Require.inRange("snapshots", snapshots, 1, 20);
    }
  }

  public enum GeneratorLoss {
    SATURATING,
    NON_SATURATING;

    @JsonValue
    public String yamlName() {
      return name().toLowerCase().replace('_', '-');
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static GeneratorLoss parse(String text) {
      for (GeneratorLoss g : values()) {
        if (g.yamlName().equalsIgnoreCase(text)) {
          return g;
        }
      }
      throw new IllegalArgumentException(
          "generatorLoss must be saturating or non-saturating, got '" + text + "'");
    }
  }
}
