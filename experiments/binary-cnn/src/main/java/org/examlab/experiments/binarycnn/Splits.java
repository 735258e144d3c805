package org.examlab.experiments.binarycnn;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.examlab.datasets.binarynumbers.LabelledImageFolder.Images;

/**
 * Training, validation and test images, drawn once from the dataset by the data seed, so every run
 * seed and every variant sees the same split. The test images are never augmented and never used to
 * choose anything.
 */
record Splits(Images train, Images validation, Images test) {

  static Splits of(Images all, BinaryCnnSettings.Split split, long seed) {
    int n = all.size();
    int[] order = shuffled(n, seed);
    int test = Math.max(1, (int) Math.round(n * split.test()));
    int validation = Math.max(1, (int) Math.round(n * split.validation()));
    if (test + validation >= n) {
      throw new IllegalArgumentException(
          "the dataset's "
              + n
              + " images leave none for training after "
              + test
              + " test and "
              + validation
              + " validation images");
    }
    return new Splits(
        all.subset(Arrays.copyOfRange(order, test + validation, n)),
        all.subset(Arrays.copyOfRange(order, test, test + validation)),
        all.subset(Arrays.copyOfRange(order, 0, test)));
  }

  private static int[] shuffled(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
