package org.examlab.experiments.binarycnn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.examlab.datasets.binarynumbers.BinaryNumberImages;
import org.examlab.datasets.binarynumbers.BinaryNumberRenderer;
import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;

/**
 * The binary-cnn experiment's own config keys.
 *
 * @param data the images: generated binary numbers, or a labelled folder of one's own
 * @param split how the images divide into training, validation and test sets
 * @param network the CNN's size
 * @param stopping the validation-based stopping rule (claim 000-9f)
 * @param reference the variant every other is compared with ({@code V.exact_accuracy_change})
 * @param variants the heads, normalization and augmentations compared
 */
public record BinaryCnnSettings(
    Data data,
    Split split,
    Network network,
    Stopping stopping,
    String reference,
    List<Variant> variants) {
  public BinaryCnnSettings {
    Require.present("data", data);
    Require.present("split", split);
    Require.present("network", network);
    Require.present("stopping", stopping);
    variants = Require.distinctlyNamed("variants", variants, Variant::name);
    Require.nonBlank("reference", reference);
    String ref = reference;
    if (variants.stream().noneMatch(v -> v.name().equals(ref))) {
      throw new InvalidSettingException(
          "reference",
          "must name one of the variants "
              + variants.stream().map(Variant::name).toList()
              + ", got '"
              + ref
              + "'");
    }
    for (Variant v : variants) {
      if (v.head() == Head.SOFTMAX && data.bits() > Head.MAX_SOFTMAX_BITS) {
        throw new InvalidSettingException(
            "variants",
            "variant '"
                + v.name()
                + "': a softmax over all "
                + data.bits()
                + "-bit values needs "
                + String.format(Locale.ROOT, "%,d", 1L << data.bits())
                + " classes, not tractable here (at most "
                + Head.MAX_SOFTMAX_BITS
                + " bits = 65,536 classes); use head bits or regression");
      }
    }
  }

  /**
   * @param bits digits per number
   * @param groupSize digits between two spaces ("0101 0110": 4)
   * @param height input height in pixels (a folder's images must have it)
   * @param width input width in pixels
   * @param fonts font families the renderer picks from
   * @param minFontSize smallest font size, pixels
   * @param maxFontSize largest font size, pixels
   * @param boldShare share of images in bold
   * @param jitter largest random text offset from the centre, pixels
   * @param noise background pixel noise, gray levels
   * @param examples how many images to generate (all splits together)
   * @param seed the generator's seed: the dataset is the same for every run seed
   * @param cacheDir where generated datasets are kept, one folder per setting hash (relative to the
   *     project folder)
   * @param folder optional: a labelled folder of one's own (images + labels.csv) instead of
   *     generated images
   * @param margin share of each side of the frame kept free of ink (default 0), so a zoom-in up to
   *     the renderer's {@code largestSafeZoom()} crops no digit (claim 000-9b)
   */
  public record Data(
      int bits,
      int groupSize,
      int height,
      int width,
      List<String> fonts,
      int minFontSize,
      int maxFontSize,
      double boldShare,
      int jitter,
      double noise,
      int examples,
      long seed,
      String cacheDir,
      String folder,
      Double margin) {
    public Data {
      Require.inRange("bits", bits, 1, 30);
      Require.inRange("groupSize", groupSize, 1, 30);
      Require.inRange("height", height, 8, 1024);
      Require.inRange("width", width, 8, 4096);
      if (fonts == null
          || fonts.isEmpty()
          || fonts.stream().anyMatch(f -> f == null || f.isBlank())) {
        throw new InvalidSettingException(
            "fonts", "must list at least one font family, e.g. [SansSerif, Serif, Monospaced]");
      }
      fonts = List.copyOf(fonts);
      Require.inRange("minFontSize", minFontSize, 4, 512);
      Require.inRange("maxFontSize", maxFontSize, minFontSize, 512);
      Require.inRange("boldShare", boldShare, 0.0, 1.0);
      Require.inRange("jitter", jitter, 0, 1000);
      Require.inRange("noise", noise, 0.0, 255.0);
      Require.inRange("examples", examples, 10, 10_000_000);
      cacheDir = cacheDir == null || cacheDir.isBlank() ? "results/.cache" : cacheDir;
      folder = folder == null || folder.isBlank() ? null : folder;
      margin = Require.inRange("margin", margin == null ? 0.0 : margin, 0.0, 0.3);
    }

    public long maxValue() {
      return (1L << bits) - 1;
    }

    /** The generator these settings describe (unused when {@code folder} is given). */
    public BinaryNumberImages generator() {
      return new BinaryNumberImages(
          new BinaryNumberRenderer(
              bits,
              groupSize,
              height,
              width,
              fonts,
              minFontSize,
              maxFontSize,
              boldShare,
              jitter,
              noise,
              margin),
          examples,
          seed);
    }
  }

  /**
   * Shares of the images held out for validation (stopping) and for the test; the rest trains.
   * Fixed by {@code data.seed}.
   */
  public record Split(double validation, double test) {
    public Split {
      Require.inRange("validation", validation, 0.01, 0.5);
      Require.inRange("test", test, 0.01, 0.8);
      if (validation + test > 0.9) {
        throw new InvalidSettingException(
            "test",
            "validation + test must leave at least 10% for training, got " + (validation + test));
      }
    }
  }

  /**
   * @param blocks conv 3x3 + max-pool 2x2 blocks
   * @param channels filters of the first block, doubled by each further block
   * @param dense units of the dense layer before the head
   * @param batchNorm batch normalization after each convolution (default true)
   */
  public record Network(int blocks, int channels, int dense, Boolean batchNorm) {
    public Network {
      batchNorm = batchNorm == null || batchNorm;
      Require.inRange("blocks", blocks, 1, 6);
      Require.inRange("channels", channels, 1, 1024);
      Require.inRange("dense", dense, 1, 100_000);
    }
  }

  /**
   * @param patience epochs without a lower validation loss before training stops; the best epoch's
   *     weights are kept
   * @param tuningEpochs the budget of each learning-rate candidate when the config's tuning grid
   *     names a variant (default 4)
   */
  public record Stopping(int patience, Integer tuningEpochs) {
    public Stopping {
      Require.inRange("patience", patience, 1, 100_000);
      tuningEpochs =
          Require.inRange("tuningEpochs", tuningEpochs == null ? 4 : tuningEpochs, 1, 100_000);
    }
  }

  /**
   * @param head regression, bits or softmax
   * @param normalize scale pixels to [0, 1] (default true); false feeds raw gray levels 0..255
   * @param augment the training-time augmentations (default none); validation and test images are
   *     never augmented
   * @param batchNorm batch normalization after each convolution for this variant (default: the
   *     network's setting)
   */
  public record Variant(
      String name, Head head, Boolean normalize, Augment augment, Boolean batchNorm) {
    public Variant {
      Require.measurementName("name", name);
      Require.present("head", head);
      normalize = normalize == null || normalize;
      augment = augment == null ? Augment.NONE : augment;
    }

    Variant(String name, Head head, Boolean normalize, Augment augment) {
      this(name, head, normalize, augment, null);
    }

    /**
     * Whether this variant's network has batch normalization: its own setting, else the network's.
     */
    boolean batchNormIn(Network network) {
      return batchNorm == null ? network.batchNorm() : batchNorm;
    }
  }

  /**
   * Training-time augmentations, each off at 0; see {@link Augmentations} for the DataVec transform
   * behind each.
   *
   * @param zoom largest relative zoom in or out (0.15: 85% to 115%)
   * @param resample largest change of width and height in pixels before resizing back
   * @param warp largest move of each corner in pixels (translation and minor perspective)
   * @param flip none, horizontal, vertical or any
   * @param flipProbability chance of a horizontal or vertical flip per image (default 0.5)
   * @param blur largest Gaussian blur sigma in pixels
   * @param noise Gaussian pixel noise std in gray levels
   */
  public record Augment(
      Double zoom,
      Integer resample,
      Double warp,
      Flip flip,
      Double flipProbability,
      Double blur,
      Double noise) {
    public static final Augment NONE = new Augment(null, null, null, null, null, null, null);

    public Augment {
      zoom = Require.inRange("zoom", zoom == null ? 0.0 : zoom, 0.0, 0.9);
      resample = Require.inRange("resample", resample == null ? 0 : resample, 0, 1000);
      warp = Require.inRange("warp", warp == null ? 0.0 : warp, 0.0, 1000.0);
      flip = flip == null ? Flip.NONE : flip;
      flipProbability =
          Require.inRange(
              "flipProbability", flipProbability == null ? 0.5 : flipProbability, 0.0, 1.0);
      blur = Require.inRange("blur", blur == null ? 0.0 : blur, 0.0, 100.0);
      noise = Require.inRange("noise", noise == null ? 0.0 : noise, 0.0, 255.0);
    }

    boolean isIdentity() {
      return zoom == 0
          && resample == 0
          && warp == 0
          && flip == Flip.NONE
          && blur == 0
          && noise == 0;
    }
  }

  public enum Flip {
    NONE,
    HORIZONTAL,
    VERTICAL,
    ANY;

    @JsonValue
    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Flip parse(String text) {
      return Arrays.stream(values())
          .filter(f -> f.yamlName().equalsIgnoreCase(text))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "flip must be one of none, horizontal, vertical, any; got '" + text + "'"));
    }
  }
}
