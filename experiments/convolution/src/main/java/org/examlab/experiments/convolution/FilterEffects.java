package org.examlab.experiments.convolution;

import org.examlab.harness.metrics.MeasuredFields;
import org.examlab.harness.metrics.Measurement;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The effects of seed 003's two filters (claim 003-4a), C1 = (1/9) ones(3 x 3) and C2 = [[1, -1],
 * [1, -1]], applied by ND4J's conv2d to test images of n x n pixels: a constant, a +-1
 * checkerboard, a random image, and a horizontal and a vertical step edge (0 on one side, 1 on the
 * other). ND4J computes a correlation; the true convolution flips C2 to [[-1, 1], [-1, 1]], which
 * changes only signs, so every response is read as a magnitude. The filters are the question's
 * premise (its printed matrices), not settings.
 *
 * @param c1ConstantError max |C1 (x) c - c| on a constant image c: a blur keeps flat regions
 * @param c1MeanError max |C1 (x) x - the 3 x 3 neighbourhood mean of x| on a random image (plain
 *     Java)
 * @param c1CheckerboardGain max |C1 (x) checkerboard| / max |checkerboard|: how much the finest
 *     pattern survives
 * @param c2Constant max |C2 (x) c| on a constant image
 * @param c2HorizontalEdge max |C2 (x) e| on a horizontal edge (top half 0, bottom half 1)
 * @param c2VerticalEdge max |C2 (x) e| on a vertical edge (left half 0, right half 1)
 * @param c2TransposedHorizontalEdge max |C2^T (x) e| on the horizontal edge (control: a filter that
 *     does respond to horizontal edges is seen to)
 */
record FilterEffects(
    double c1ConstantError,
    double c1MeanError,
    double c1CheckerboardGain,
    double c2Constant,
    double c2HorizontalEdge,
    double c2VerticalEdge,
    double c2TransposedHorizontalEdge) {
  static final MeasuredFields<FilterEffects> FIELDS =
      new MeasuredFields<FilterEffects>()
          .add(Measurement.of("filters", "c1_constant_error"), FilterEffects::c1ConstantError)
          .add(Measurement.of("filters", "c1_mean_error"), FilterEffects::c1MeanError)
          .add(Measurement.of("filters", "c1_checkerboard_gain"), FilterEffects::c1CheckerboardGain)
          .add(Measurement.of("filters", "c2_constant"), FilterEffects::c2Constant)
          .add(Measurement.of("filters", "c2_horizontal_edge"), FilterEffects::c2HorizontalEdge)
          .add(Measurement.of("filters", "c2_vertical_edge"), FilterEffects::c2VerticalEdge)
          .add(
              Measurement.of("filters", "c2_transposed_horizontal_edge"),
              FilterEffects::c2TransposedHorizontalEdge);

  static final double[][] C1 = {
    {1 / 9.0, 1 / 9.0, 1 / 9.0}, {1 / 9.0, 1 / 9.0, 1 / 9.0}, {1 / 9.0, 1 / 9.0, 1 / 9.0}
  };
  static final double[][] C2 = {{1, -1}, {1, -1}};

  static FilterEffects measure(int size, long seed) {
    Nd4j.getRandom().setSeed(seed);
    double level = Nd4j.rand(DataType.DOUBLE, 1).getDouble(0) * 2 + 0.5;
    INDArray constant = Nd4j.valueArrayOf(new long[] {1, 1, size, size}, level, DataType.DOUBLE);
    INDArray random = Nd4j.randn(DataType.DOUBLE, 1, 1, size, size);
    INDArray checkerboard = Nd4j.zeros(DataType.DOUBLE, 1, 1, size, size);
    INDArray horizontal = Nd4j.zeros(DataType.DOUBLE, 1, 1, size, size);
    INDArray vertical = Nd4j.zeros(DataType.DOUBLE, 1, 1, size, size);
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        checkerboard.putScalar(new long[] {0, 0, i, j}, (i + j) % 2 == 0 ? 1 : -1);
        horizontal.putScalar(new long[] {0, 0, i, j}, i >= size / 2 ? 1 : 0);
        vertical.putScalar(new long[] {0, 0, i, j}, j >= size / 2 ? 1 : 0);
      }
    }
    INDArray c1 = kernel(C1);
    INDArray c2 = kernel(C2);
    INDArray c2t = c2.permute(0, 1, 3, 2).dup();
    return new FilterEffects(
        apply(constant, c1).sub(level).amaxNumber().doubleValue(),
        apply(random, c1).sub(neighbourhoodMean(random, 3)).amaxNumber().doubleValue(),
        apply(checkerboard, c1).amaxNumber().doubleValue()
            / checkerboard.amaxNumber().doubleValue(),
        apply(constant, c2).amaxNumber().doubleValue(),
        apply(horizontal, c2).amaxNumber().doubleValue(),
        apply(vertical, c2).amaxNumber().doubleValue(),
        apply(horizontal, c2t).amaxNumber().doubleValue());
  }

  static INDArray kernel(double[][] values) {
    return Nd4j.createFromArray(values)
        .reshape(1, 1, values.length, values[0].length)
        .castTo(DataType.DOUBLE);
  }

  /**
   * Valid-mode correlation (no padding, stride 1): the output sees only pixels inside the image.
   */
  static INDArray apply(INDArray image, INDArray kernel) {
    return Convolutions.conv(image, kernel, null, 1, 0);
  }

  /** The mean of each k x k window (valid mode), in plain Java loops. */
  static INDArray neighbourhoodMean(INDArray image, int k) {
    long n = image.size(2) - k + 1;
    long m = image.size(3) - k + 1;
    INDArray out = Nd4j.zeros(DataType.DOUBLE, 1, 1, n, m);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        double sum = 0;
        for (int u = 0; u < k; u++) {
          for (int v = 0; v < k; v++) {
            sum += image.getDouble(0, 0, i + u, j + v);
          }
        }
        out.putScalar(new long[] {0, 0, i, j}, sum / (k * k));
      }
    }
    return out;
  }
}
