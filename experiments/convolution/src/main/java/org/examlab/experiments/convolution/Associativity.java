package org.examlab.experiments.convolution;

import org.examlab.harness.metrics.MeasuredFields;
import org.examlab.harness.metrics.Measurement;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Is convolution associative, and correlation not (claim 004-CNN/associativity)? Three random
 * single-channel images f (n x n), g and h (k x k), combined in "full" mode (every overlap, zero
 * padding k - 1) by ND4J's conv2d, which computes a correlation; the convolution is the same op
 * with the kernel rotated by 180 degrees. The errors compare (a o b) o c with a o (b o c).
 *
 * @param convolutionError max |(f * g) * h - f * (g * h)| / max |(f * g) * h|
 * @param correlationError the same for the correlation, f (x) g
 * @param correlationSymmetricError the correlation's error with h rotation-symmetric (h =
 *     rot180(h)): the flip is what breaks associativity, so here it holds (shown, not part of the
 *     rule)
 */
record Associativity(
    double convolutionError, double correlationError, double correlationSymmetricError) {
  static final MeasuredFields<Associativity> FIELDS =
      new MeasuredFields<Associativity>()
          .add(
              Measurement.of("associativity", "convolution_error"), Associativity::convolutionError)
          .add(
              Measurement.of("associativity", "correlation_error"), Associativity::correlationError)
          .add(
              Measurement.of("associativity", "correlation_symmetric_error"),
              Associativity::correlationSymmetricError);

  static Associativity measure(ConvolutionSettings.Algebra s, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray f = Nd4j.randn(DataType.DOUBLE, 1, 1, s.imageSize(), s.imageSize());
    INDArray g = Nd4j.randn(DataType.DOUBLE, 1, 1, s.kernel(), s.kernel());
    INDArray h = Nd4j.randn(DataType.DOUBLE, 1, 1, s.kernel(), s.kernel());
    double convolution =
        Convolutions.relativeError(convolve(f, convolve(g, h)), convolve(convolve(f, g), h));
    double correlation =
        Convolutions.relativeError(correlate(f, correlate(g, h)), correlate(correlate(f, g), h));
    INDArray symmetric = h.add(rot180(h)).divi(2);
    double symmetricCorrelation =
        Convolutions.relativeError(
            correlate(f, correlate(g, symmetric)), correlate(correlate(f, g), symmetric));
    return new Associativity(convolution, correlation, symmetricCorrelation);
  }

  /**
   * Full correlation: out[i, j] = sum_{u, v} a[i + u - (k - 1), j + v - (k - 1)] b[u, v], zero
   * outside a.
   */
  static INDArray correlate(INDArray a, INDArray b) {
    return Convolutions.conv(a, b, null, 1, (int) b.size(2) - 1);
  }

  /**
   * Full convolution: out[i, j] = sum_{p, q} a[p, q] b[i - p, j - q], the correlation with b
   * rotated by 180 degrees.
   */
  static INDArray convolve(INDArray a, INDArray b) {
    return correlate(a, rot180(b));
  }

  static INDArray rot180(INDArray x) {
    return Convolutions.rotate90(Convolutions.rotate90(x));
  }
}
