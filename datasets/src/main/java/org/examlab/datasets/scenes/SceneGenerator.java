package org.examlab.datasets.scenes;

import java.util.SplittableRandom;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Generated 3-class segmentation scenes with their masks, deterministic from a seed. Features are
 * NCHW RGB {@code [n, 3, height, width]} in [0, 1]; labels are the one-hot masks {@code [n, 3,
 * height, width]} (channel k is {@code type.classNames().get(k)}).
 *
 * @param noise amplitude of the uniform per-pixel noise added to every channel (0 to 0.3)
 */
public record SceneGenerator(SceneType type, int height, int width, double noise) {

  public SceneGenerator {
    if (type == null) {
      throw new IllegalArgumentException("type must be given");
    }
    if (height < 8 || height > 2048 || width < 8 || width > 2048) {
      throw new IllegalArgumentException(
          "height and width must be between 8 and 2048, got " + height + "x" + width);
    }
    if (!(noise >= 0 && noise <= 0.3)) {
      throw new IllegalArgumentException("noise must be between 0 and 0.3, got " + noise);
    }
  }

  public DataSet sample(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int pixels = height * width;
    float[] images = new float[n * 3 * pixels];
    float[] masks = new float[n * 3 * pixels];
    for (int i = 0; i < n; i++) {
      Canvas canvas = new Canvas(height, width, random);
      type.painter().paint(canvas);
      canvas.addNoise(noise);
      System.arraycopy(canvas.rgb, 0, images, i * 3 * pixels, 3 * pixels);
      for (int p = 0; p < pixels; p++) {
        masks[(i * 3 + canvas.labels[p]) * pixels + p] = 1f;
      }
    }
    long[] shape = {n, 3, height, width};
    return new DataSet(Nd4j.create(images, shape, 'c'), Nd4j.create(masks, shape, 'c'));
  }
}
