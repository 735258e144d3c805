package org.examlab.datasets.coins;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.examlab.datasets.images.ImageFiles;

/**
 * Rendered RGB images of single coins with their coin / background masks, deterministic from a
 * seed. Each coin has its own size, position, metal colour, rim, embossed relief and light
 * direction; the background is a tinted, striped texture; every pixel gets sensor noise. The mask
 * is exactly the set of pixels whose centre lies inside the coin's radius, the same test that chose
 * the coin's colour for that pixel, so image and mask cannot disagree.
 *
 * @param side width and height of the square images (pixels)
 */
public record CoinImages(int side) {
  private static final double[][] METALS = {
    {0.86, 0.70, 0.32}, {0.76, 0.76, 0.80}, {0.78, 0.47, 0.30}
  };

  public CoinImages {
    if (side < 8 || side > 512) {
      throw new IllegalArgumentException("side must be between 8 and 512, got " + side);
    }
  }

  /**
   * One rendered coin: the RGB image, its mask (255 = coin, 0 = background) and the true geometry.
   */
  public record Coin(
      BufferedImage image, BufferedImage mask, double centerX, double centerY, double radius) {}

  /** The coin of {@code seed}: the same seed always renders the same image. */
  public Coin render(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double radius = side * (0.18 + 0.2 * random.nextDouble());
    double cx = radius + (side - 2 * radius) * random.nextDouble();
    double cy = radius + (side - 2 * radius) * random.nextDouble();
    double[] metal = METALS[random.nextInt(METALS.length)].clone();
    for (int c = 0; c < 3; c++) {
      metal[c] = clamp(metal[c] + 0.06 * (random.nextDouble() - 0.5));
    }
    double rim = 0.12 + 0.12 * random.nextDouble(); // rim width as a fraction of the radius
    double light = 2 * Math.PI * random.nextDouble();
    double lx = Math.cos(light);
    double ly = Math.sin(light);
    double reliefRings = 1.5 + 2 * random.nextDouble();
    double[] ground = {
      0.15 + 0.5 * random.nextDouble(),
      0.15 + 0.5 * random.nextDouble(),
      0.15 + 0.5 * random.nextDouble()
    };
    double stripeAngle = Math.PI * random.nextDouble();
    double stripeFrequency = 2 * Math.PI * (0.08 + 0.2 * random.nextDouble());
    double stripeAmplitude = 0.04 + 0.08 * random.nextDouble();
    double noise = 0.01 + 0.03 * random.nextDouble();

    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    BufferedImage mask = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        double dx = x + 0.5 - cx;
        double dy = y + 0.5 - cy;
        double d = Math.hypot(dx, dy);
        boolean coin = d < radius;
        double[] rgb = new double[3];
        if (coin) {
          // Lit from one side, a darker rim, and concentric embossed rings catching the light.
          double facing = (dx * lx + dy * ly) / radius;
          double shade = 1.0 - 0.25 * facing;
          if (d > radius * (1 - rim)) {
            shade *= 0.72;
          } else {
            shade += 0.12 * Math.sin(2 * Math.PI * reliefRings * d / radius) * facing;
          }
          for (int c = 0; c < 3; c++) {
            rgb[c] = metal[c] * shade;
          }
        } else {
          double stripe =
              stripeAmplitude
                  * Math.sin(
                      stripeFrequency * (x * Math.cos(stripeAngle) + y * Math.sin(stripeAngle)));
          for (int c = 0; c < 3; c++) {
            rgb[c] = ground[c] + stripe;
          }
        }
        int packed = 0;
        for (int c = 0; c < 3; c++) {
          packed =
              (packed << 8) | (int) Math.round(255 * clamp(rgb[c] + noise * random.nextGaussian()));
        }
        image.setRGB(x, y, packed);
        mask.getRaster().setSample(x, y, 0, coin ? 255 : 0);
      }
    }
    return new Coin(image, mask, cx, cy, radius);
  }

  /**
   * Writes {@code count} coins as {@code coin-NNNNN.png} and {@code mask-NNNNN.png} into {@code
   * folder}; coin i is {@link #render(long) rendered} from {@link #imageSeed(long, int)}.
   */
  public void write(Path folder, int count, long seed) throws IOException {
    for (int i = 0; i < count; i++) {
      Coin coin = render(imageSeed(seed, i));
      ImageFiles.writePng(coin.image(), imageFile(folder, i));
      ImageFiles.writePng(coin.mask(), maskFile(folder, i));
    }
  }

  /**
   * The seed of the {@code index}-th coin of a set: distinct sets and indices give unrelated coins.
   */
  public static long imageSeed(long setSeed, int index) {
    return new SplittableRandom(setSeed).split().nextLong() ^ (index * 0x9E3779B97F4A7C15L);
  }

  public static Path imageFile(Path folder, int index) {
    return folder.resolve(String.format(Locale.ROOT, "coin-%05d.png", index));
  }

  public static Path maskFile(Path folder, int index) {
    return folder.resolve(String.format(Locale.ROOT, "mask-%05d.png", index));
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
