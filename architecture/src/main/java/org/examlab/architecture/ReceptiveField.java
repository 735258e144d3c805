package org.examlab.architecture;

/**
 * How much of the input one output value sees, per axis: the field's size in input pixels and the
 * jump (distance in input pixels between neighbouring outputs). Computed forward layer by layer: a
 * k x k window with stride s gives size + (k - 1) * jump and jump * s. The size is not clipped at
 * the image border (padding counts), as is usual.
 */
public record ReceptiveField(Extent vertical, Extent horizontal) {

  /** One axis: size in input pixels, jump between neighbouring outputs in input pixels. */
  public record Extent(double size, double jump) {
    Extent window(int kernel, int stride) {
      return new Extent(size + (kernel - 1) * jump, jump * stride);
    }

    /**
     * A transposed convolution spreads each input over k outputs spaced 1/s apart, so one output
     * collects at most ceil(k / s) neighbouring inputs.
     */
    Extent transposed(int kernel, int stride) {
      return new Extent(size + (ConvArithmetic.ceilDiv(kernel, stride) - 1) * jump, jump / stride);
    }

    Extent whole(long mapSize) {
      return new Extent(size + (mapSize - 1) * jump, jump);
    }
  }

  /** A single input pixel. */
  public static final ReceptiveField PIXEL = new ReceptiveField(new Extent(1, 1), new Extent(1, 1));

  ReceptiveField window(int kernel, int stride) {
    return new ReceptiveField(vertical.window(kernel, stride), horizontal.window(kernel, stride));
  }

  ReceptiveField transposed(int kernel, int stride) {
    return new ReceptiveField(
        vertical.transposed(kernel, stride), horizontal.transposed(kernel, stride));
  }

  /** Nearest-neighbour upsampling copies one input to f x f outputs: same field, finer jump. */
  ReceptiveField upsampled(int factor) {
    return new ReceptiveField(
        new Extent(vertical.size, vertical.jump / factor),
        new Extent(horizontal.size, horizontal.jump / factor));
  }

  /** A dense or global pooling layer on a height x width map sees all of it. */
  ReceptiveField whole(long height, long width) {
    return new ReceptiveField(vertical.whole(height), horizontal.whole(width));
  }

  /** Merged branches (concatenation, addition): the widest field, the finest jump. */
  ReceptiveField union(ReceptiveField other) {
    return new ReceptiveField(
        new Extent(
            Math.max(vertical.size, other.vertical.size),
            Math.min(vertical.jump, other.vertical.jump)),
        new Extent(
            Math.max(horizontal.size, other.horizontal.size),
            Math.min(horizontal.jump, other.horizontal.jump)));
  }

  /** "12x12 /4": size (height x width) and jump. */
  public String describe() {
    String size = number(vertical.size) + "x" + number(horizontal.size);
    String jump =
        vertical.jump == horizontal.jump
            ? number(vertical.jump)
            : number(vertical.jump) + "x" + number(horizontal.jump);
    return size + " /" + jump;
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
