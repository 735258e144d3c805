package org.examlab.experiments.convolution;

import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.SpecifiedIndex;

/**
 * ND4J's own conv2d op (NCHW, weights [out, in, kH, kW]) and the image transforms the checks apply.
 */
final class Convolutions {
  private Convolutions() {}

  /**
   * Cross-correlation as every framework computes "convolution": no padding beyond {@code padding},
   * stride s.
   */
  static INDArray conv(INDArray input, INDArray weights, INDArray bias, int stride, int padding) {
    Conv2DConfig config =
        Conv2DConfig.builder()
            .kH(weights.size(2))
            .kW(weights.size(3))
            .sH(stride)
            .sW(stride)
            .pH(padding)
            .pW(padding)
            .paddingMode(PaddingMode.VALID)
            .dataFormat("NCHW")
            .weightsFormat(WeightsFormat.OIYX)
            .build();
    return bias == null
        ? Nd4j.cnn().conv2d(input, weights, config)
        : Nd4j.cnn().conv2d(input, weights, bias, config);
  }

  /** Rows [from, from + rows) and columns [from, from + cols) of an NCHW array. */
  static INDArray crop(INDArray x, long top, long left, long rows, long cols) {
    return x.get(
        NDArrayIndex.all(),
        NDArrayIndex.all(),
        NDArrayIndex.interval(top, top + rows),
        NDArrayIndex.interval(left, left + cols));
  }

  /**
   * Rotation by 90 degrees (counter-clockwise) of every map of an NCHW array: transpose, then flip
   * the rows.
   */
  static INDArray rotate90(INDArray x) {
    INDArray transposed = x.permute(0, 1, 3, 2);
    long n = transposed.size(2);
    long[] reversed = new long[(int) n];
    for (int i = 0; i < n; i++) {
      reversed[i] = n - 1 - i;
    }
    INDArrayIndex[] index = {
      NDArrayIndex.all(), NDArrayIndex.all(), new SpecifiedIndex(reversed), NDArrayIndex.all()
    };
    return transposed.get(index).dup();
  }

  /** Nearest-neighbour upscaling by 2 (each pixel becomes 2 x 2). */
  static INDArray upscale2(INDArray x) {
    return Nd4j.cnn().upsampling2d(x, 2);
  }

  /** max |a - b| / max |b|: 0 when equal, about 1 or more when unrelated. */
  static double relativeError(INDArray a, INDArray b) {
    return a.sub(b).amaxNumber().doubleValue() / b.amaxNumber().doubleValue();
  }
}
