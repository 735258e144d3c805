package org.examlab.harness.verdict;

import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;

/**
 * A two-stage choice of the number of seeds for one claim (Stein, 1945). The run's first {@code
 * pilot} seeds estimate the spread s0 of the claim's deciding difference; the total is then n =
 * max(pilot, ceil((t(pilot-1) * s0 / halfWidth)^2)), capped at {@code max}, and the interval of the
 * final mean uses t(pilot-1) and s0, which keeps its coverage exact whatever the pilot happened to
 * show (a plain re-computation of the CI after choosing n would not).
 *
 * @param pilot seeds run before the choice (the first {@code pilot} of the config's seeds), at
 *     least 2
 * @param max the most seeds the claim may use
 * @param halfWidth the interval's half-width to reach; default: half the rule's margin (an interval
 *     that wide can clear the margin when the true difference is 0 or twice the margin)
 */
public record SeedPlan(int pilot, int max, Double halfWidth) {
  public SeedPlan {
    Require.inRange("pilot", pilot, 2, 1000);
    Require.inRange("max", max, pilot, 1000);
    if (halfWidth != null) {
      Require.inRange("halfWidth", halfWidth, Double.MIN_VALUE, Double.MAX_VALUE);
    }
  }

  /**
   * The half-width to reach: the plan's own, or else half the rule's margin, which must then be
   * positive.
   */
  public double target(double margin) {
    if (halfWidth != null) {
      return halfWidth;
    }
    if (margin <= 0) {
      throw new InvalidSettingException(
          "seeds.halfWidth", "is required when the rule's margin is 0");
    }
    return margin / 2;
  }
}
