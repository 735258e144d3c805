package org.examlab.experiments.binarycnn;

/**
 * How well predicted numbers match the true ones: the share read exactly, the share of digits
 * right, and the mean absolute error of the value.
 */
public record NumberScores(double exactAccuracy, double bitAccuracy, double meanAbsoluteError) {

  public static NumberScores of(long[] predicted, long[] actual, int bits) {
    if (predicted.length != actual.length || actual.length == 0) {
      throw new IllegalArgumentException(
          "need as many predictions as labels (at least one), got "
              + predicted.length
              + " and "
              + actual.length);
    }
    long exact = 0;
    long bitsRight = 0;
    double absoluteError = 0;
    for (int i = 0; i < actual.length; i++) {
      exact += predicted[i] == actual[i] ? 1 : 0;
      bitsRight += bits - Long.bitCount((predicted[i] ^ actual[i]) & ((1L << bits) - 1));
      absoluteError += Math.abs(predicted[i] - actual[i]);
    }
    return new NumberScores(
        (double) exact / actual.length,
        (double) bitsRight / ((long) bits * actual.length),
        absoluteError / actual.length);
  }
}
