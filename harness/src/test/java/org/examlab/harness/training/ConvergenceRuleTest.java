package org.examlab.harness.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.examlab.harness.settings.ConvergenceSettings;
import org.examlab.harness.validation.InvalidSettingException;
import org.junit.jupiter.api.Test;

class ConvergenceRuleTest {
  private final ConvergenceRule rule = new ConvergenceRule(new ConvergenceSettings(5, 0.01, null));

  @Test
  void aFlatCurveConverged() {
    var judgement = rule.judge(Collections.nCopies(20, 0.3));
    assertTrue(judgement.converged(), judgement.reason());
    assertEquals(
        "converged: smoothed loss did not fall over the last 5 epochs (0.3000 then 0.3000)",
        judgement.reason());
  }

  @Test
  void aSteadilyFallingCurveDidNot() {
    List<Double> falling = new ArrayList<>();
    for (int e = 0; e < 20; e++) {
      falling.add(1.0 - 0.04 * e); // 1.0 down to 0.24
    }
    var judgement = rule.judge(falling);
    assertFalse(judgement.converged());
    assertTrue(
        judgement
            .reason()
            .startsWith(
                "not converged: after 20 epochs the last 5 still lowered the smoothed loss by 29%"),
        judgement.reason());
  }

  @Test
  void tooFewEpochsAreNotConverged() {
    var judgement =
        rule.judge(Collections.nCopies(9, 0.3)); // flat, but two windows of 5 need 10 epochs
    assertFalse(judgement.converged());
    assertTrue(judgement.reason().contains("too few to judge"), judgement.reason());
    assertTrue(rule.judge(Collections.nCopies(10, 0.3)).converged());
  }

  @Test
  void aCurveThatLevelsOffConvergedAndOneThatTurnsUpToo() {
    List<Double> levelling = new ArrayList<>();
    for (int e = 0; e < 30; e++) {
      levelling.add(0.2 + Math.exp(-e)); // falls fast, then changes by far less than 1%
    }
    assertTrue(rule.judge(levelling).converged(), rule.judge(levelling).reason());
    List<Double> rising = new ArrayList<>(Collections.nCopies(5, 0.3));
    rising.addAll(
        Collections.nCopies(
            5, 0.4)); // overfitting on the training loss is rare, but it has stopped falling
    assertTrue(rule.judge(rising).converged());
  }

  @Test
  void theToleranceDecidesAtTheMargin() {
    List<Double> curve = new ArrayList<>(Collections.nCopies(5, 2.0));
    curve.addAll(Collections.nCopies(5, 1.02));
    curve.addAll(
        Collections.nCopies(5, 1.0)); // the last window adds 2% of the whole fall (2.0 to 1.0)
    assertFalse(
        new ConvergenceRule(new ConvergenceSettings(5, 0.01, null)).judge(curve).converged());
    assertTrue(
        new ConvergenceRule(new ConvergenceSettings(5, 0.05, null)).judge(curve).converged());
  }

  @Test
  void aNetworkMemorisingItsDataConvergesOnceItsLossStopsMovingThoughTheLossKeepsHalving() {
    // training loss falling geometrically toward 0: relative to the current loss it always
    // "still falls 67%" per window; against the fall so far the last window soon adds nothing
    assertFalse(rule.judge(geometric(12)).converged(), rule.judge(geometric(12)).reason());
    var late = rule.judge(geometric(40));
    assertTrue(late.converged(), late.reason());
    assertTrue(late.reason().contains("by 0.1% of its fall since the first epoch"), late.reason());
  }

  @Test
  void theDecisionIsTheSameForAnyLossScaleAndOffset() {
    for (int n : new int[] {10, 15, 20, 25, 30, 40}) {
      List<Double> curve = geometric(n);
      List<Double> moved = curve.stream().map(l -> 1000 * l + 7).toList();
      assertEquals(
          rule.judge(curve).converged(), rule.judge(moved).converged(), "after " + n + " epochs");
    }
  }

  private static List<Double> geometric(int epochs) {
    List<Double> losses = new ArrayList<>();
    for (int e = 0; e < epochs; e++) {
      losses.add(Math.pow(0.8, e));
    }
    return losses;
  }

  @Test
  void settingsHaveDefaultsAndAreValidated() {
    assertEquals(5, ConvergenceSettings.DEFAULT.window());
    assertEquals(0.01, ConvergenceSettings.DEFAULT.tolerance());
    assertThrows(InvalidSettingException.class, () -> new ConvergenceSettings(0, 0.01, null));
    assertThrows(InvalidSettingException.class, () -> new ConvergenceSettings(5, 2.0, null));
  }
}
