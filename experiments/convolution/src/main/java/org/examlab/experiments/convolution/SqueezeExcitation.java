package org.examlab.experiments.convolution;

import org.examlab.harness.metrics.MeasuredFields;
import org.examlab.harness.metrics.Measurement;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * How far one filter's response travels through a Squeeze-and-Excitation block (claim 002-4a): y_c
 * = x_c * sigmoid(relu(mean(x) W1 + b1) W2 + b2)_c, with random weights (ND4J ops), against a 3x3
 * and a 1x1 convolution of the same map (ND4J's conv2d, padding keeping the size). Channel c0's
 * value at the centre is perturbed, and every output of every other channel that changes is
 * counted: the squeeze averages each channel over all locations and the excitation mixes the
 * channels, so a change anywhere in c0 rescales every other channel everywhere.
 *
 * @param seReach share of the other channels' outputs (channel, row, column) the perturbation
 *     changes
 * @param conv3Reach the same for the 3x3 convolution (control: a local layer reaches 9 of H x W
 *     locations)
 * @param conv1Reach the same for the 1x1 convolution (1 location)
 */
record SqueezeExcitation(double seReach, double conv3Reach, double conv1Reach) {
  static final MeasuredFields<SqueezeExcitation> FIELDS =
      new MeasuredFields<SqueezeExcitation>()
          .add(Measurement.of("squeeze_excitation", "se_reach"), SqueezeExcitation::seReach)
          .add(Measurement.of("squeeze_excitation", "conv3_reach"), SqueezeExcitation::conv3Reach)
          .add(Measurement.of("squeeze_excitation", "conv1_reach"), SqueezeExcitation::conv1Reach);

  /**
   * The perturbation; a change is counted above 1e-12, while the SE block's changes are ~1e-6 (kick
   * / (H W) times O(1) weights).
   */
  static final double KICK = 1e-3;

  static final double CHANGED = 1e-12;

  static SqueezeExcitation measure(ConvolutionSettings.SeBlock s, long seed) {
    Nd4j.getRandom().setSeed(seed);
    int c = s.channels();
    int r = Math.max(1, c / s.reduction());
    INDArray x = Nd4j.randn(DataType.DOUBLE, 1, c, s.size(), s.size());
    INDArray w1 = Nd4j.randn(DataType.DOUBLE, c, r).divi(Math.sqrt(c));
    INDArray b1 =
        Nd4j.rand(DataType.DOUBLE, 1, r)
            .addi(0.1); // positive: the hidden units are active at the start
    INDArray w2 = Nd4j.randn(DataType.DOUBLE, r, c).divi(Math.sqrt(r));
    INDArray b2 = Nd4j.randn(DataType.DOUBLE, 1, c);
    INDArray k3 = Nd4j.randn(DataType.DOUBLE, c, c, 3, 3);
    INDArray k1 = Nd4j.randn(DataType.DOUBLE, c, c, 1, 1);

    INDArray kicked = x.dup();
    int centre = s.size() / 2;
    kicked.putScalar(new long[] {0, 0, centre, centre}, x.getDouble(0, 0, centre, centre) + KICK);
    double se = reach(squeezeExcite(x, w1, b1, w2, b2), squeezeExcite(kicked, w1, b1, w2, b2));
    double conv3 =
        reach(Convolutions.conv(x, k3, null, 1, 1), Convolutions.conv(kicked, k3, null, 1, 1));
    double conv1 =
        reach(Convolutions.conv(x, k1, null, 1, 0), Convolutions.conv(kicked, k1, null, 1, 0));
    return new SqueezeExcitation(se, conv3, conv1);
  }

  /**
   * The SE block: squeeze (global average), excite (FC, ReLU, FC, sigmoid), rescale each channel.
   */
  static INDArray squeezeExcite(INDArray x, INDArray w1, INDArray b1, INDArray w2, INDArray b2) {
    INDArray squeezed = x.mean(2, 3); // [1, C]
    INDArray gates =
        Transforms.sigmoid(
            Transforms.relu(squeezed.mmul(w1).addi(b1), false).mmul(w2).addi(b2), false);
    INDArray y = x.dup();
    for (int ch = 0; ch < x.size(1); ch++) {
      y.get(NDArrayIndex.point(0), NDArrayIndex.point(ch)).muli(gates.getDouble(0, ch));
    }
    return y;
  }

  /** Share of the outputs of channels 1.. (all but the perturbed channel 0) that changed. */
  private static double reach(INDArray before, INDArray after) {
    INDArray others =
        Transforms.abs(after.sub(before), false)
            .get(NDArrayIndex.all(), NDArrayIndex.interval(1, before.size(1)));
    return others.gt(CHANGED).castTo(DataType.DOUBLE).meanNumber().doubleValue();
  }
}
