package org.examlab.experiments.optimization;

import java.util.List;
import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;

/**
 * The minibatch-gradient variance measurement of claim 003-5/large-batch ({@link GradientNoise}).
 *
 * @param pool examples the minibatches are drawn from (without replacement, as in training)
 * @param batchSizes the minibatch sizes B; the largest at most pool / 16, so that drawing without
 *     replacement (variance times (N - B) / (N - 1)) stays within 6% of independent draws
 * @param draws minibatches drawn per size
 */
public record GradientNoiseSettings(Integer pool, List<Integer> batchSizes, Integer draws) {
  static final GradientNoiseSettings DEFAULT = new GradientNoiseSettings(null, null, null);

  public GradientNoiseSettings {
    pool = Require.inRange("gradientNoise.pool", pool == null ? 4096 : pool, 32, 10_000_000);
    batchSizes = batchSizes == null ? List.of(1, 2, 4, 8, 16, 32, 64) : List.copyOf(batchSizes);
    if (batchSizes.size() < 3 || batchSizes.stream().distinct().count() != batchSizes.size()) {
      throw new InvalidSettingException(
          "gradientNoise.batchSizes",
          "needs at least 3 distinct sizes to fit a slope, got " + batchSizes);
    }
    for (int b : batchSizes) {
      Require.inRange("gradientNoise.batchSizes", b, 1, pool / 16);
    }
    draws = Require.inRange("gradientNoise.draws", draws == null ? 100 : draws, 10, 1_000_000);
  }
}
