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
   */
  public record Variant(
      String name,
      int discriminatorSteps,
      GeneratorLoss generatorLoss,
      Boolean dropout,
      Integer pretrainDiscriminator) {
    public Variant {
      Require.measurementName("name", name);
      Require.inRange("discriminatorSteps", discriminatorSteps, 1, 1000);
      generatorLoss = generatorLoss == null ? GeneratorLoss.NON_SATURATING : generatorLoss;
      dropout = dropout != null && dropout;
      pretrainDiscriminator =
          Require.inRange(
              "pretrainDiscriminator",
              pretrainDiscriminator == null ? 0 : pretrainDiscriminator,
              0,
              10_000_000);
    }
  }

  /**
   * @param samples generated points scored at the end; @param snapshots scatter plots during
   *     training
   */
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
