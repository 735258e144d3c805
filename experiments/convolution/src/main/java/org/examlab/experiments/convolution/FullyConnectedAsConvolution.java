package org.examlab.experiments.convolution;

import org.examlab.harness.metrics.MeasuredFields;
import org.examlab.harness.metrics.Measurement;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer of L outputs on N inputs is a convolution with L filters of size 1 x 1 x
 * N on a 1 x 1 map (claim 004-CNN); on an N x H x W map, one with L filters of size H x W x N (how
 * fully convolutional networks reuse a classifier's dense layers). The dense layer is x W + b; the
 * convolutions are ND4J's conv2d with W's columns reshaped into filters.
 *
 * @param onePixelError max |dense - conv 1x1| / max |dense| on a 1 x 1 map
 * @param wholeMapError the same for a dense layer over a flattened map and a map-sized convolution
 */
record FullyConnectedAsConvolution(double onePixelError, double wholeMapError) {
  static final MeasuredFields<FullyConnectedAsConvolution> FIELDS =
      new MeasuredFields<FullyConnectedAsConvolution>()
          .add(
              Measurement.of("fc_as_conv", "one_pixel_error"),
              FullyConnectedAsConvolution::onePixelError)
          .add(
              Measurement.of("fc_as_conv", "whole_map_error"),
              FullyConnectedAsConvolution::wholeMapError);

  static FullyConnectedAsConvolution measure(ConvolutionSettings.FullyConnected s, long seed) {
    Nd4j.getRandom().setSeed(seed);
    int n = s.inputs();
    int l = s.outputs();
    INDArray x = Nd4j.randn(DataType.DOUBLE, s.batch(), n);
    INDArray w = Nd4j.randn(DataType.DOUBLE, n, l);
    INDArray b = Nd4j.randn(DataType.DOUBLE, l);
    double onePixel = error(x.reshape(s.batch(), n, 1, 1), x, w, b);

    int m = s.mapSize();
    INDArray map = Nd4j.randn(DataType.DOUBLE, s.batch(), n, m, m);
    INDArray wMap = Nd4j.randn(DataType.DOUBLE, (long) n * m * m, l);
    double wholeMap = error(map, map.reshape('c', s.batch(), (long) n * m * m), wMap, b);
    return new FullyConnectedAsConvolution(onePixel, wholeMap);
  }

  /**
   * Dense on {@code flat} against a convolution on {@code map} whose filter o is column o of W, in
   * the map's (c, h, w) order.
   */
  private static double error(INDArray map, INDArray flat, INDArray w, INDArray b) {
    INDArray dense = flat.mmul(w).addRowVector(b);
    INDArray filters =
        w.transpose().dup('c').reshape('c', w.size(1), map.size(1), map.size(2), map.size(3));
    INDArray conv = Convolutions.conv(map, filters, b, 1, 0).reshape(dense.shape());
    return Convolutions.relativeError(conv, dense);
  }
}
