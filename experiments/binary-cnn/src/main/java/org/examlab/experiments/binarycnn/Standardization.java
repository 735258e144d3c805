package org.examlab.experiments.binarycnn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Input normalization as claim 000-9a means it: gray levels shifted and scaled to zero mean and
 * unit variance, with the mean and standard deviation of the (clean) training pixels, the same for
 * validation and test images. Without it the network sees raw gray levels 0..255.
 */
record Standardization(double mean, double std) {

  static Standardization of(INDArray trainingPixels) {
    double std = trainingPixels.stdNumber().doubleValue();
    return new Standardization(trainingPixels.meanNumber().doubleValue(), std > 0 ? std : 1.0);
  }

  /**
   * The network's input for {@code pixels}: standardized if {@code normalize}, else a copy of the
   * raw gray levels.
   */
  INDArray inputs(INDArray pixels, boolean normalize) {
    return normalize ? pixels.sub(mean).divi(std) : pixels.dup();
  }
}
