package org.examlab.datasets.images;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Small grayscale images of single digits drawn with Java2D (white on black, like MNIST): a random
 * digit, font size, offset and slight rotation per image, deterministic from a seed. Needs no data
 * download; a stand-in for MNIST-like targets.
 */
public record RenderedDigits(int size) {

  public RenderedDigits {
    if (size < 8 || size > 256) {
      throw new IllegalArgumentException("size must be between 8 and 256, got " + size);
    }
  }

  /** The digits' classes, 0-9. */
  public static final int CLASSES = 10;

  /**
   * {@code n} images as rows of {@code size * size} pixels with their digits one-hot ({@code [n,
   * 10]}), for a classifier.
   */
  public DataSet labelled(int n, long seed) {
    int[] labels = new int[n];
    INDArray features = sample(n, seed, labels);
    INDArray oneHot = Nd4j.zeros(features.dataType(), n, CLASSES);
    for (int i = 0; i < n; i++) {
      oneHot.putScalar(i, labels[i], 1.0);
    }
    return new DataSet(features, oneHot);
  }

  /**
   * {@code n} images as rows of {@code size * size} pixels in [0, 1]; {@code labels[i]} gets the
   * digit if not null.
   */
  public INDArray sample(int n, long seed, int[] labels) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] pixels = new float[n * size * size];
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
    for (int i = 0; i < n; i++) {
      int digit = random.nextInt(10);
      if (labels != null) {
        labels[i] = digit;
      }
      Graphics2D g = image.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.BLACK);
      g.fillRect(0, 0, size, size);
      g.setColor(Color.WHITE);
      float fontSize = (float) (size * (0.65 + 0.2 * random.nextDouble()));
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(fontSize)));
      g.rotate((random.nextDouble() - 0.5) * 0.4, size / 2.0, size / 2.0);
      String text = Integer.toString(digit);
      int w = g.getFontMetrics().stringWidth(text);
      int dx = (int) Math.round((random.nextDouble() - 0.5) * size * 0.15);
      int dy = (int) Math.round((random.nextDouble() - 0.5) * size * 0.15);
      g.drawString(text, (size - w) / 2 + dx, (int) (size / 2.0 + fontSize * 0.36) + dy);
      g.dispose();
      byte[] raster = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
      for (int p = 0; p < raster.length; p++) {
        pixels[i * size * size + p] = (raster[p] & 0xff) / 255f;
      }
    }
    return Nd4j.create(pixels, new long[] {n, (long) size * size}, 'c');
  }
}
