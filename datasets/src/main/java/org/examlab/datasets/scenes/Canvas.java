package org.examlab.datasets.scenes;

import java.util.SplittableRandom;

/**
 * One scene being painted: an RGB colour and a class label per pixel, painted together so the mask
 * can never disagree with the image. Colours are in [0, 1]; painting is per pixel, without
 * anti-aliasing, so every pixel has exactly its class's colour plus the bounded noise added last.
 */
final class Canvas {
  final int height;
  final int width;
  final SplittableRandom random;
  final float[] rgb; // [3][height][width], channel-major as in NCHW
  final int[] labels; // [height][width]

  Canvas(int height, int width, SplittableRandom random) {
    this.height = height;
    this.width = width;
    this.random = random;
    this.rgb = new float[3 * height * width];
    this.labels = new int[height * width];
  }

  void paint(int y, int x, int label, float r, float g, float b) {
    int p = y * width + x;
    labels[p] = label;
    rgb[p] = r;
    rgb[height * width + p] = g;
    rgb[2 * height * width + p] = b;
  }

  /** A value drawn uniformly from [from, to). */
  double uniform(double from, double to) {
    return from + (to - from) * random.nextDouble();
  }

  /** Adds uniform noise in [-amplitude, amplitude] to every channel, clamped to [0, 1]. */
  void addNoise(double amplitude) {
    for (int i = 0; i < rgb.length; i++) {
      float v = (float) (rgb[i] + amplitude * (2 * random.nextDouble() - 1));
      rgb[i] = Math.max(0f, Math.min(1f, v));
    }
  }
}
