package org.examlab.architecture;

/**
 * The arithmetic of convolution layers, as pure functions (square kernels, one spatial axis at a
 * time). {@link ArchitectureSummary} builds every summary from these, and tests check them against
 * DL4J's own shapes and parameter counts.
 */
public final class ConvArithmetic {
  private ConvArithmetic() {}

  /**
   * Output size of a convolution or pooling without automatic padding: floor((in + 2p - k) / s) +
   * 1. E.g. a 7x7 kernel, stride 3, padding 1 on 26x26: floor(21 / 3) + 1 = 8. Below 1 means the
   * kernel does not fit.
   */
  public static long outputSize(long in, int kernel, int stride, int padding) {
    return Math.floorDiv(in + 2L * padding - kernel, stride) + 1;
  }

  /**
   * Output size with 'same' padding (Keras padding='same', DL4J ConvolutionMode.Same): ceil(in /
   * s).
   */
  public static long sameOutputSize(long in, int stride) {
    return ceilDiv(in, stride);
  }

  /** Output size of a transposed convolution without automatic padding: s (in - 1) + k - 2p. */
  public static long transposedOutputSize(long in, int kernel, int stride, int padding) {
    return (long) stride * (in - 1) + kernel - 2L * padding;
  }

  /** Output size of a transposed convolution with 'same' padding: in * s. */
  public static long transposedSameOutputSize(long in, int stride) {
    return in * stride;
  }

  /**
   * Parameters of a k x k convolution (or transposed convolution): k*k*in*out weights, plus out
   * biases.
   */
  public static long convolutionParameters(
      int kernel, long channelsIn, long filters, boolean bias) {
    return (long) kernel * kernel * channelsIn * filters + (bias ? filters : 0);
  }

  /** Parameters of a dense layer: in*out weights, plus out biases. */
  public static long denseParameters(long in, long out, boolean bias) {
    return in * out + (bias ? out : 0);
  }

  /**
   * The shape of a convolution's weight tensor in DL4J's (and PyTorch's) order: [filters, input
   * channels, kernel height, kernel width]. E.g. 4 filters of 5x5 on an RGB image: [4, 3, 5, 5].
   */
  public static long[] weightShape(int filters, int channelsIn, int kernel) {
    return new long[] {filters, channelsIn, kernel, kernel};
  }

  /**
   * Receptive field (in input pixels, one axis) of one output of a stack of windowed layers
   * (convolution or pooling), each given by its kernel and stride: r = 1 + sum (k_i - 1) *
   * prod_{j<i} s_j. E.g. three stacked 3x3 stride-1 convolutions: 1 + 3 * 2 = 7.
   */
  public static long receptiveField(int[] kernels, int[] strides) {
    if (kernels.length != strides.length) {
      throw new IllegalArgumentException(
          "one stride per kernel: " + kernels.length + " kernels, " + strides.length + " strides");
    }
    long field = 1;
    long jump = 1;
    for (int i = 0; i < kernels.length; i++) {
      field += (kernels[i] - 1) * jump;
      jump *= strides[i];
    }
    return field;
  }

  /** ceil(a / b) for positive b (Math.ceilDiv arrived after Java 17). */
  static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  /** Receptive field of {@code layers} stacked k x k stride-1 convolutions: 1 + n (k - 1). */
  public static long stackedReceptiveField(int layers, int kernel) {
    return 1 + (long) layers * (kernel - 1);
  }
}
