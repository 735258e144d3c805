package org.examlab.experiments.convolution;

import org.examlab.harness.metrics.MeasuredFields;
import org.examlab.harness.metrics.Measurement;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A single convolution layer (random filters, no padding) on a random image, computed with ND4J's
 * conv2d, against translated, rescaled and rotated copies of the image (claim 003-1d). Every error
 * is max |difference| / max |reference| over the region both outputs cover.
 *
 * @param translationError conv(shift(x)) against shift(conv(x)): equivariance, about 1e-7
 * @param translationChange conv(shift(x)) against conv(x) at the same positions: invariance would
 *     make it 0
 * @param scaleError conv(upscale(x)) against upscale(conv(x)): even the weaker equivariance fails,
 *     so invariance does too
 * @param rotationError conv(rot90(x)) against rot90(conv(x)), random filters
 * @param rotationErrorSymmetricFilter the same with the filters averaged over their four rotations:
 *     the control that shows the test can find equivariance where it exists
 */
record EquivarianceCheck(
    double translationError,
    double translationChange,
    double scaleError,
    double rotationError,
    double rotationErrorSymmetricFilter) {
  static final MeasuredFields<EquivarianceCheck> FIELDS =
      new MeasuredFields<EquivarianceCheck>()
          .add(
              Measurement.of("equivariance", "translation_error"),
              EquivarianceCheck::translationError)
          .add(
              Measurement.of("equivariance", "translation_change"),
              EquivarianceCheck::translationChange)
          .add(Measurement.of("equivariance", "scale_error"), EquivarianceCheck::scaleError)
          .add(Measurement.of("equivariance", "rotation_error"), EquivarianceCheck::rotationError)
          .add(
              Measurement.of("equivariance", "rotation_error_symmetric_filter"),
              EquivarianceCheck::rotationErrorSymmetricFilter);

  static EquivarianceCheck measure(ConvolutionSettings.Equivariance s, long seed) {
    Nd4j.getRandom().setSeed(seed);
    int size = s.imageSize();
    int shift = s.shift();
    INDArray image = Nd4j.randn(DataType.DOUBLE, 1, s.channels(), size + shift, size + shift);
    INDArray weights =
        Nd4j.randn(DataType.DOUBLE, s.filters(), s.channels(), s.kernel(), s.kernel());

    // b is a moved `shift` pixels down and right: b[i + shift] = a[i]
    INDArray a = Convolutions.crop(image, shift, shift, size, size);
    INDArray b = Convolutions.crop(image, 0, 0, size, size);
    INDArray convA = Convolutions.conv(a, weights, null, 1, 0);
    INDArray convB = Convolutions.conv(b, weights, null, 1, 0);
    long n = convA.size(2);
    double translationError =
        Convolutions.relativeError(
            Convolutions.crop(convB, shift, shift, n - shift, n - shift),
            Convolutions.crop(convA, 0, 0, n - shift, n - shift));
    double translationChange = Convolutions.relativeError(convB, convA);

    INDArray big = Convolutions.conv(Convolutions.upscale2(a), weights, null, 1, 0);
    INDArray bigOfConv = Convolutions.upscale2(convA);
    long common = Math.min(big.size(2), bigOfConv.size(2));
    double scaleError =
        Convolutions.relativeError(
            Convolutions.crop(big, 0, 0, common, common),
            Convolutions.crop(bigOfConv, 0, 0, common, common));

    double rotationError = rotationError(a, weights);
    INDArray symmetric = weights.dup();
    INDArray rotated = weights;
    for (int r = 1; r < 4; r++) {
      rotated = Convolutions.rotate90(rotated);
      symmetric.addi(rotated);
    }
    double rotationErrorSymmetric = rotationError(a, symmetric.divi(4));
    return new EquivarianceCheck(
        translationError, translationChange, scaleError, rotationError, rotationErrorSymmetric);
  }

  private static double rotationError(INDArray image, INDArray weights) {
    return Convolutions.relativeError(
        Convolutions.conv(Convolutions.rotate90(image), weights, null, 1, 0),
        Convolutions.rotate90(Convolutions.conv(image, weights, null, 1, 0)));
  }
}
