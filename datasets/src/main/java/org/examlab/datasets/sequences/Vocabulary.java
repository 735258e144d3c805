package org.examlab.datasets.sequences;

import java.util.HashMap;
import java.util.Map;

/**
 * The tokens of a sequence-to-sequence task: a start token (the decoder's first input), an end
 * token (the decoder's last output) and one token per character of {@code alphabet}, shared by
 * source and target so one one-hot width serves both sides.
 */
public final class Vocabulary {
  public static final int START = 0;
  public static final int END = 1;
  private static final int FIRST_CHARACTER = 2;

  private final String alphabet;
  private final Map<Character, Integer> indexOf = new HashMap<>();

  public Vocabulary(String alphabet) {
    if (alphabet.isEmpty()) {
      throw new IllegalArgumentException("alphabet must not be empty");
    }
    this.alphabet = alphabet;
    for (int i = 0; i < alphabet.length(); i++) {
      if (indexOf.put(alphabet.charAt(i), FIRST_CHARACTER + i) != null) {
        throw new IllegalArgumentException("alphabet repeats '" + alphabet.charAt(i) + "'");
      }
    }
  }

  /** Width of a one-hot token vector: the alphabet plus start and end. */
  public int size() {
    return alphabet.length() + FIRST_CHARACTER;
  }

  public int index(char c) {
    Integer i = indexOf.get(c);
    if (i == null) {
      throw new IllegalArgumentException(
          "'" + c + "' is not in the vocabulary \"" + alphabet + "\"");
    }
    return i;
  }

  public int[] encode(String text) {
    return text.chars().map(c -> index((char) c)).toArray();
  }

  /** The start token, then {@code tokens}: a decoder input. */
  public static int[] withStart(int[] tokens) {
    int[] t = new int[tokens.length + 1];
    t[0] = START;
    System.arraycopy(tokens, 0, t, 1, tokens.length);
    return t;
  }

  /** {@code tokens}, then the end token: what the decoder must emit. */
  public static int[] withEnd(int[] tokens) {
    int[] t = java.util.Arrays.copyOf(tokens, tokens.length + 1);
    t[tokens.length] = END;
    return t;
  }

  /** Readable form of one token: its character, or ^ and $ for start and end. */
  public String token(int index) {
    return switch (index) {
      case START -> "^";
      case END -> "$";
      default -> String.valueOf(alphabet.charAt(index - FIRST_CHARACTER));
    };
  }

  /** The characters of {@code tokens} up to the first end token (start tokens are skipped). */
  public String decode(int[] tokens) {
    StringBuilder text = new StringBuilder();
    for (int t : tokens) {
      if (t == END) {
        break;
      }
      if (t != START) {
        text.append(alphabet.charAt(t - FIRST_CHARACTER));
      }
    }
    return text.toString();
  }
}
