package org.examlab.datasets;

import java.nio.charset.StandardCharsets;

/**
 * Seeds for the separate random streams of one run seed: the training data, a held-out pool,
 * minibatch draws... Each purpose gets its own well-mixed seed, the same for the same run seed and
 * purpose on every machine, unrelated for different purposes (no {@code seed * 7 + 3} formulas
 * whose streams can coincide across seeds).
 */
public final class Seeds {
  private Seeds() {}

  /**
   * The seed of {@code purpose}'s stream for run seed {@code seed}, e.g. {@code derive(seed,
   * "gradient-noise", "pool")}.
   */
  public static long derive(long seed, String... purpose) {
    long h = mix(seed);
    for (String p : purpose) {
      for (byte b : p.getBytes(StandardCharsets.UTF_8)) {
        h = mix(h ^ b);
      }
      h = mix(h ^ 0x2F); // a separator: ("ab", "c") differs from ("a", "bc")
    }
    return h;
  }

  /** SplitMix64's finalizer: every input bit affects every output bit. */
  private static long mix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
