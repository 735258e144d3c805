package org.examlab.datasets.sequences;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Random digit strings and a transformation of them: reversal (each output token depends on one
 * input position, far from it for long strings) or sorting (each output token depends on the whole
 * input). Target length equals source length.
 */
public record DigitStrings(Transform transform, int maxSourceLength) implements TranslationTask {
  private static final Vocabulary DIGITS = new Vocabulary("0123456789");

  public enum Transform {
    REVERSE,
    SORT
  }

  public DigitStrings {
    if (transform == null) {
      throw new IllegalArgumentException("transform is required");
    }
    if (maxSourceLength < 1) {
      throw new IllegalArgumentException("maxSourceLength must be >= 1, got " + maxSourceLength);
    }
  }

  @Override
  public Vocabulary vocabulary() {
    return DIGITS;
  }

  @Override
  public int minLength() {
    return 1;
  }

  @Override
  public int maxLength() {
    return maxSourceLength;
  }

  @Override
  public SequencePair sample(SplittableRandom random, int length) {
    if (length < 1 || length > maxSourceLength) {
      throw new IllegalArgumentException(
          "length must be between 1 and " + maxSourceLength + ", got " + length);
    }
    char[] digits = new char[length];
    for (int i = 0; i < length; i++) {
      digits[i] = (char) ('0' + random.nextInt(10));
    }
    String source = new String(digits);
    return new SequencePair(
        source,
        switch (transform) {
          case REVERSE -> new StringBuilder(source).reverse().toString();
          case SORT -> {
            Arrays.sort(digits);
            yield new String(digits);
          }
        });
  }

  @Override
  public int maxTargetLength(int length) {
    return length;
  }
}
