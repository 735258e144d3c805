package org.examlab.datasets.sequences;

import java.util.SplittableRandom;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A long-range memory task: the first time step shows one of {@code targetSymbols} symbols, the
 * next {@code length - 1} steps show random distractor symbols, and the label, read after the last
 * step, is the first symbol. Chance accuracy is {@code 1 / targetSymbols}; beating it needs
 * information carried across the whole sequence, which is exactly what vanishing gradients through
 * time prevent a network from learning.
 *
 * <p>Inputs are one-hot over {@code targetSymbols + distractorSymbols} channels, shaped {@code
 * [examples, channels, length]} (DL4J's NCW layout for recurrent layers). Labels are one-hot {@code
 * [examples, targetSymbols]}. The same seed always gives the same examples.
 */
public record FirstSymbolRecall(int targetSymbols, int distractorSymbols) {

  public FirstSymbolRecall {
    if (targetSymbols < 2) {
      throw new IllegalArgumentException("targetSymbols must be >= 2, got " + targetSymbols);
    }
    if (distractorSymbols < 1) {
      throw new IllegalArgumentException(
          "distractorSymbols must be >= 1, got " + distractorSymbols);
    }
  }

  /** Width of the one-hot input vector at each time step. */
  public int inputChannels() {
    return targetSymbols + distractorSymbols;
  }

  /**
   * Generates {@code examples} sequences of {@code length} steps, deterministically from {@code
   * seed}.
   */
  public DataSet generate(int examples, int length, long seed) {
    if (examples < 1 || length < 1) {
      throw new IllegalArgumentException(
          "examples and length must be >= 1, got " + examples + ", " + length);
    }
    SplittableRandom random = new SplittableRandom(seed);
    int channels = inputChannels();
    float[] features = new float[examples * channels * length];
    float[] labels = new float[examples * targetSymbols];
    for (int i = 0; i < examples; i++) {
      int target = random.nextInt(targetSymbols);
      labels[i * targetSymbols + target] = 1f;
      features[index(i, target, 0, channels, length)] = 1f;
      for (int t = 1; t < length; t++) {
        int distractor = targetSymbols + random.nextInt(distractorSymbols);
        features[index(i, distractor, t, channels, length)] = 1f;
      }
    }
    return new DataSet(
        Nd4j.create(features, new long[] {examples, channels, length}, 'c'),
        Nd4j.create(labels, new long[] {examples, targetSymbols}, 'c'));
  }

  private static int index(int example, int channel, int step, int channels, int length) {
    return (example * channels + channel) * length + step;
  }
}
