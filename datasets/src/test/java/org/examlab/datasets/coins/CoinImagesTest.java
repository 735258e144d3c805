package org.examlab.datasets.coins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class CoinImagesTest {
  @TempDir Path dir;

  @Test
  void maskAreaMatchesTheRenderedRadius() {
    CoinImages coins = new CoinImages(32);
    for (long seed = 0; seed < 20; seed++) {
      CoinImages.Coin coin = coins.render(seed);
      int area = 0;
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          area += coin.mask().getRaster().getSample(x, y, 0) > 0 ? 1 : 0;
        }
      }
      double expected = Math.PI * coin.radius() * coin.radius();
      // Pixel-centre sampling of a disc: the error is about its perimeter times a small fraction.
      assertEquals(expected, area, 0.25 * 2 * Math.PI * coin.radius() + 2, "seed " + seed);
    }
  }

  @Test
  void coinPixelsDifferFromTheBackgroundStatistics() {
    CoinImages coins = new CoinImages(24);
    for (long seed = 0; seed < 20; seed++) {
      CoinImages.Coin coin = coins.render(seed);
      double[][] coinPixels = meanAndSpread(coin, true);
      double[][] ground = meanAndSpread(coin, false);
      double distance = 0;
      for (int c = 0; c < 3; c++) {
        distance += Math.pow(coinPixels[0][c] - ground[0][c], 2);
      }
      // The masked region's mean colour is away from the background's, by more than the
      // background's own spread.
      double groundSpread = Math.sqrt(ground[1][0] + ground[1][1] + ground[1][2]);
      assertTrue(
          Math.sqrt(distance) > 0.5 * groundSpread,
          "seed " + seed + ": " + Math.sqrt(distance) + " vs " + groundSpread);
    }
  }

  @Test
  void sameSeedSameCoinAndTheFolderReadsBackAsRgb() throws Exception {
    CoinImages coins = new CoinImages(16);
    assertArrayEquals(pixels(coins.render(7).image()), pixels(coins.render(7).image()));
    coins.write(dir, 3, 5);
    CoinFolder folder = CoinFolder.read(dir, 3, 16);
    assertArrayEquals(new long[] {3, 3, 16, 16}, folder.images().shape());
    CoinImages.Coin second = coins.render(CoinImages.imageSeed(5, 1));
    int rgb = second.image().getRGB(4, 9);
    INDArray pixel =
        folder
            .images()
            .get(
                NDArrayIndex.point(1),
                NDArrayIndex.all(),
                NDArrayIndex.point(9),
                NDArrayIndex.point(4));
    assertEquals(
        ((rgb >> 16) & 0xff) / 255.0, pixel.getDouble(0), 1e-6); // red first, not OpenCV's blue
    assertEquals((rgb & 0xff) / 255.0, pixel.getDouble(2), 1e-6);
    double maskSum = folder.masks().get(NDArrayIndex.point(1)).sumNumber().doubleValue();
    assertEquals(
        Math.PI * second.radius() * second.radius(),
        maskSum,
        0.5 * 2 * Math.PI * second.radius() + 2);
    assertEquals(3 * 16 * 16, folder.oneHotMasks().sumNumber().doubleValue(), 1e-6);
  }

  /** Per-channel mean [0] and variance [1] of the coin's (or the background's) pixels. */
  private static double[][] meanAndSpread(CoinImages.Coin coin, boolean onCoin) {
    double[] sum = new double[3];
    double[] sq = new double[3];
    int n = 0;
    BufferedImage image = coin.image();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((coin.mask().getRaster().getSample(x, y, 0) > 0) == onCoin) {
          int rgb = image.getRGB(x, y);
          for (int c = 0; c < 3; c++) {
            double v = ((rgb >> (16 - 8 * c)) & 0xff) / 255.0;
            sum[c] += v;
            sq[c] += v * v;
          }
          n++;
        }
      }
    }
    double[][] out = new double[2][3];
    for (int c = 0; c < 3; c++) {
      out[0][c] = sum[c] / n;
      out[1][c] = sq[c] / n - out[0][c] * out[0][c];
    }
    return out;
  }

  private static int[] pixels(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }
}
