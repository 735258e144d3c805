package org.examlab.experiments.gan;

import java.util.Arrays;
import org.examlab.datasets.points.RingOfGaussians;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How well samples cover the ring: {@code modesCovered}, the modes holding at least a tenth of
 * their fair share of the samples that land within 3 std of a mode, and {@code highQualityShare},
 * the share of samples within 3 std of some mode.
 */
record SampleQuality(int modesCovered, double highQualityShare) {

  static SampleQuality of(RingOfGaussians target, INDArray samples) {
    int[] modes = target.nearbyMode(samples);
    int near = (int) Arrays.stream(modes).filter(x -> x >= 0).count();
    int modesCount = target.modes();
    double threshold = Math.max(1.0, near / (double) modesCount / 10.0);
    int covered = 0;
    for (int mode = 0; mode < modesCount; mode++) {
      int m = mode;
      if (Arrays.stream(modes).filter(x -> x == m).count() >= threshold) {
        covered++;
      }
    }
    return new SampleQuality(covered, near / (double) modes.length);
  }
}
