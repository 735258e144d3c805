package org.examlab.benchmarks;

import java.util.SplittableRandom;

/** One batch of random features and one-hot labels, as plain arrays both engines copy from. */
record RandomBatch(float[] features, float[] labels) {
  static RandomBatch of(BenchmarkModel model, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[(int) product(model.inputShape())];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    long[] labelShape = model.labelShape();
    float[] y = new float[(int) product(labelShape)];
    int classes = model.classes();
    if (model.perPixel()) { // [n, c, h, w]: one class per pixel
      int pixels = (int) (labelShape[2] * labelShape[3]);
      for (int n = 0; n < labelShape[0]; n++) {
        for (int p = 0; p < pixels; p++) {
          y[(n * classes + random.nextInt(classes)) * pixels + p] = 1f;
        }
      }
    } else {
      for (int n = 0; n < labelShape[0]; n++) {
        y[n * classes + random.nextInt(classes)] = 1f;
      }
    }
    return new RandomBatch(x, y);
  }

  static long product(long[] shape) {
    long p = 1;
    for (long s : shape) {
      p *= s;
    }
    return p;
  }
}
