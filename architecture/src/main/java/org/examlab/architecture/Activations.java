package org.examlab.architecture;

/**
 * The shape of one example's activations: a map of {@code channels x height x width}, or, when
 * {@code spatial} is false, a vector of {@code channels} features (after a dense or global pooling
 * layer).
 */
public record Activations(long channels, long height, long width, boolean spatial) {

  public static Activations map(long channels, long height, long width) {
    return new Activations(channels, height, width, true);
  }

  public static Activations vector(long features) {
    return new Activations(features, 1, 1, false);
  }

  /** Values per example: what a dense layer reading this sees. */
  public long size() {
    return channels * height * width;
  }

  /** As Keras prints it, batch first, channels last: (None, 128, 256, 3) or (None, 4096). */
  public String keras() {
    return spatial
        ? "(None, " + height + ", " + width + ", " + channels + ")"
        : "(None, " + channels + ")";
  }
}
