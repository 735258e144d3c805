package org.examlab.datasets.binarynumbers;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws a binary number as a grayscale picture with Java2D, like the exam's "0101 0110 1100 0011":
 * dark digits on a light background, grouped by {@code groupSize}, with a random font, size,
 * weight, offset, ink and paper shade, and pixel noise per image. The most significant bit is drawn
 * first (left).
 *
 * @param bits digits per number
 * @param groupSize digits between two spaces (a value of at least {@code bits}: no spaces)
 * @param height image height in pixels
 * @param width image width in pixels
 * @param fonts Java logical or installed font families to pick from (e.g. SansSerif, Serif,
 *     Monospaced)
 * @param minFontSize smallest font size in pixels
 * @param maxFontSize largest font size in pixels (shrunk where the text would not fit)
 * @param boldShare share of images drawn in bold (a thicker stroke)
 * @param jitter largest random offset of the text from the centre, in pixels (each axis)
 * @param noise standard deviation of the Gaussian pixel noise, in gray levels (0..255)
 * @param margin share of the width and of the height kept free of ink on each side: the inked box
 *     (glyph pixels as drawn, jitter included) stays within [margin, 1 - margin] of each axis, so a
 *     zoom-in by up to 1 / (1 - 2 margin) about the centre keeps every digit inside the frame (see
 *     {@link #largestSafeZoom()}); 0 fits the text to the frame
 */
public record BinaryNumberRenderer(
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
    double margin) {

  public BinaryNumberRenderer {
    check(bits >= 1 && bits <= 30, "bits must be between 1 and 30, got " + bits);
    check(groupSize >= 1, "groupSize must be at least 1, got " + groupSize);
    check(
        height >= 8 && height <= 1024 && width >= 8 && width <= 4096,
        "height/width must be 8..1024 / 8..4096, got " + height + "x" + width);
    check(
        fonts != null
            && !fonts.isEmpty()
            && fonts.stream().allMatch(f -> f != null && !f.isBlank()),
        "fonts must list at least one font family");
    fonts = List.copyOf(fonts);
    check(
        minFontSize >= 4 && minFontSize <= maxFontSize && maxFontSize <= 512,
        "font sizes must satisfy 4 <= min <= max <= 512, got " + minFontSize + ".." + maxFontSize);
    check(boldShare >= 0 && boldShare <= 1, "boldShare must be between 0 and 1, got " + boldShare);
    check(jitter >= 0 && jitter <= 1000, "jitter must be between 0 and 1000 pixels, got " + jitter);
    check(noise >= 0 && noise <= 255, "noise must be between 0 and 255 gray levels, got " + noise);
    check(
        margin >= 0 && margin <= 0.3,
        "margin must be between 0 and 0.3 of each side, got " + margin);
  }

  /**
   * The largest zoom-in about the image centre that keeps the inked box inside the frame, one pixel
   * kept for antialiasing: the box reaches at most half the frame less the margin, in the whole
   * pixels {@link #render} uses (the margin rounded up), from the centre.
   */
  public double largestSafeZoom() {
    double x = (width / 2.0 - 1) / (width / 2.0 - marginPixels(width));
    double y = (height / 2.0 - 1) / (height / 2.0 - marginPixels(height));
    return Math.min(x, y);
  }

  /** The ink-free pixels on each side of an axis of {@code size} pixels. */
  private int marginPixels(int size) {
    return (int) Math.ceil(size * margin);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** The largest number drawable: 2^bits - 1. */
  public long maxValue() {
    return (1L << bits) - 1;
  }

  /** The digits as drawn, most significant first, a space between groups: "0101 0110". */
  public String text(long value) {
    StringBuilder text = new StringBuilder();
    for (int i = bits - 1; i >= 0; i--) {
      text.append((value >> i & 1) == 1 ? '1' : '0');
      if (i > 0 && i % groupSize == 0) {
        text.append(' ');
      }
    }
    return text.toString();
  }

  /** One picture of {@code value}; every random choice comes from {@code random}. */
  public BufferedImage render(long value, SplittableRandom random) {
    if (value < 0 || value > maxValue()) {
      throw new IllegalArgumentException(
          "value must be between 0 and " + maxValue() + ", got " + value);
    }
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    int paper = 200 + random.nextInt(56);
    int ink = random.nextInt(70);
    g.setColor(new Color(paper, paper, paper));
    g.fillRect(0, 0, width, height);

    String text = text(value);
    String family = fonts.get(random.nextInt(fonts.size()));
    int style = random.nextDouble() < boldShare ? Font.BOLD : Font.PLAIN;
    int size = minFontSize + random.nextInt(maxFontSize - minFontSize + 1);
    // The ink box allowed: the frame less the margin on each side (whole pixels, rounded inwards).
    int left = marginPixels(width);
    int top = marginPixels(height);
    int boxWidth = width - 2 * left;
    int boxHeight = height - 2 * top;
    FontRenderContext frc = g.getFontRenderContext();
    Font font = new Font(family, style, size);
    Rectangle glyphs = inkBounds(font, text, frc);
    while (size > 4 && (glyphs.width > boxWidth || glyphs.height > boxHeight)) {
      font = new Font(family, style, --size); // too big for the box: shrink rather than clip digits
      glyphs = inkBounds(font, text, frc);
    }
    g.setFont(font);
    g.setColor(new Color(ink, ink, ink));
    // Centre the glyphs' own pixel box (not the font's ascent) in the allowed box, then jitter
    // within the slack left, so no digit crosses the margin.
    int x =
        left
            + (boxWidth - glyphs.width) / 2
            + offset(random, (boxWidth - glyphs.width) / 2)
            - glyphs.x;
    int y =
        top
            + (boxHeight - glyphs.height) / 2
            + offset(random, (boxHeight - glyphs.height) / 2)
            - glyphs.y;
    g.drawString(text, x, y);
    g.dispose();
    addNoise(image, random);
    return image;
  }

  /** The pixels the glyphs of {@code text} cover when drawn at the origin (baseline at y = 0). */
  private static Rectangle inkBounds(Font font, String text, FontRenderContext frc) {
    return font.createGlyphVector(frc, text).getPixelBounds(frc, 0, 0);
  }

  /** A random offset within +-jitter, kept inside +-slack so no digit leaves the allowed box. */
  private int offset(SplittableRandom random, int slack) {
    int limit = Math.max(0, Math.min(jitter, slack));
    return limit == 0 ? 0 : random.nextInt(-limit, limit + 1);
  }

  private void addNoise(BufferedImage image, SplittableRandom random) {
    if (noise == 0) {
      return;
    }
    WritableRaster raster = image.getRaster();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double v = raster.getSample(x, y, 0) + gaussian(random) * noise;
        raster.setSample(x, y, 0, (int) Math.max(0, Math.min(255, Math.round(v))));
      }
    }
  }

  /** Box-Muller, spelled out so the same seed draws the same pixels on every Java version. */
  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
