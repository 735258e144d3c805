package org.examlab.harness.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.examlab.harness.validation.InvalidSettingException;
import org.junit.jupiter.api.Test;

class VerdictEvaluatorTest {

  private static Map<Long, Double> seeds(double... values) {
    Map<Long, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      m.put((long) i + 1, values[i]);
    }
    return m;
  }

  private static ClaimSpec claim(String id, List<VerdictRule> requires, VerdictRule rule) {
    return new ClaimSpec(
        id,
        "s",
        ClaimKind.EXPERIMENT,
        ClaimOrigin.EXAM,
        new ExamPosition(Stance.ASSERTS, "test Q1", "q", null),
        List.of(),
        null,
        null,
        requires,
        rule,
        null);
  }

  private static ClaimSpec claim(
      ClaimKind kind,
      Stance stance,
      List<String> trained,
      Budget budget,
      SeedPlan plan,
      VerdictRule rule) {
    return new ClaimSpec(
        "x-9",
        "s",
        kind,
        ClaimOrigin.EXAM,
        new ExamPosition(stance, "test Q1", "q", null),
        trained,
        budget,
        plan,
        List.of(),
        rule,
        null);
  }

  private static VerdictRule.Compare compare(
      String left, String op, String right, double margin, int minSeeds) {
    return new VerdictRule.Compare(left, Comparison.parse(op), right, null, margin, minSeeds);
  }

  private static VerdictRule.Compare versus(String left, String op, double value, int minSeeds) {
    return new VerdictRule.Compare(left, Comparison.parse(op), null, value, 0.0, minSeeds);
  }

  private final VerdictEvaluator evaluator =
      new VerdictEvaluator(
          Map.of(
              "high", seeds(10.0, 10.5, 9.8),
              "low", seeds(1.0, 1.2, 0.9),
              "noisy", seeds(-5.0, 12.0, 3.0),
              "single", seeds(4.0),
              "blown", seeds(Double.POSITIVE_INFINITY, 7.0, Double.POSITIVE_INFINITY)));

  @Test
  void supportedWhenTheWholeIntervalClearsTheMargin() {
    Evidence.Compared e = evaluator.evaluate(compare("high", ">", "low", 5.0, 3));
    assertEquals(Verdict.SUPPORTED, e.verdict());
    assertTrue(e.ciLow() > 5.0);
    assertEquals(3, e.difference().size());
  }

  @Test
  void refutedWhenTheWholeIntervalIsBelowTheMargin() {
    assertEquals(
        Verdict.REFUTED, evaluator.evaluate(compare("low", ">", "high", 0.0, 3)).verdict());
    // The effect exists but is smaller than the claimed margin: refuted, not supported.
    assertEquals(
        Verdict.REFUTED, evaluator.evaluate(compare("high", ">", "low", 20.0, 3)).verdict());
  }

  @Test
  void aOneSidedBoundSupportsButNeverRefutes() {
    ClaimSpec holds =
        new ClaimSpec(
            "x-1",
            "s",
            ClaimKind.EXPERIMENT,
            ClaimOrigin.EXAM,
            new ExamPosition(Stance.ASSERTS, "test Q1", "q", null),
            List.of(),
            null,
            null,
            List.of(),
            compare("low", "<", "high", 0.0, 3),
            true);
    assertEquals(Verdict.SUPPORTED, evaluator.decide(holds).verdict());
    ClaimSpec fails =
        new ClaimSpec(
            "x-2",
            "s",
            ClaimKind.EXPERIMENT,
            ClaimOrigin.EXAM,
            new ExamPosition(Stance.ASSERTS, "test Q1", "q", null),
            List.of(),
            null,
            null,
            List.of(),
            compare("high", "<", "low", 0.0, 3),
            true);
    ClaimVerdict v = evaluator.decide(fails);
    assertEquals(Verdict.INCONCLUSIVE, v.verdict());
    assertEquals(InconclusiveReason.ONE_SIDED, v.evidence().reason());
    assertTrue(
        v.evidence().text().contains("REFUTED"),
        v.evidence().text()); // what the rule alone says stays visible
    assertEquals(
        Verdict.REFUTED,
        evaluator.decide(claim("x-3", List.of(), compare("high", "<", "low", 0.0, 3))).verdict());
  }

  @Test
  void inconclusiveWhenTheIntervalStraddlesTheMargin() {
    Evidence.Compared e = evaluator.evaluate(compare("noisy", ">", "low", 0.0, 3));
    assertEquals(Verdict.INCONCLUSIVE, e.verdict());
    assertTrue(e.ciLow() < 0 && e.ciHigh() > 0);
  }

  @Test
  void lessThanFlipsTheDifference() {
    assertEquals(
        Verdict.SUPPORTED, evaluator.evaluate(compare("low", "<", "high", 5.0, 3)).verdict());
    assertEquals(Verdict.SUPPORTED, evaluator.evaluate(versus("low", "<", 2.0, 3)).verdict());
    assertEquals(Verdict.REFUTED, evaluator.evaluate(versus("high", "<", 2.0, 3)).verdict());
  }

  @Test
  void equalityHoldsWithinTheMarginAndFailsOutsideIt() {
    assertEquals(
        Verdict.SUPPORTED, evaluator.evaluate(compare("single", "=", "single", 0.0, 1)).verdict());
    assertEquals(
        Verdict.SUPPORTED,
        evaluator
            .evaluate(new VerdictRule.Compare("single", Comparison.EQUAL, null, 4.05, 0.1, 1))
            .verdict());
    assertEquals(
        Verdict.REFUTED,
        evaluator
            .evaluate(new VerdictRule.Compare("single", Comparison.EQUAL, null, 3.0, 0.1, 1))
            .verdict());
    // Several seeds: the whole CI must sit inside +-margin; a CI far from the value refutes.
    assertEquals(
        Verdict.SUPPORTED,
        evaluator
            .evaluate(new VerdictRule.Compare("high", Comparison.EQUAL, null, 10.1, 1.5, 3))
            .verdict());
    assertEquals(
        Verdict.REFUTED,
        evaluator
            .evaluate(new VerdictRule.Compare("high", Comparison.EQUAL, null, 1.0, 1.0, 3))
            .verdict());
    assertEquals(
        Verdict.INCONCLUSIVE,
        evaluator
            .evaluate(new VerdictRule.Compare("noisy", Comparison.EQUAL, null, 3.0, 1.0, 3))
            .verdict());
  }

  @Test
  void tooFewSeedsIsInconclusive() {
    Evidence.Compared e = evaluator.evaluate(versus("single", ">", 0.0, 3));
    assertEquals(Verdict.INCONCLUSIVE, e.verdict());
    assertTrue(e.text().contains("needs 3"), e.text());
    assertEquals(Verdict.INCONCLUSIVE, evaluator.evaluate(versus("absent", ">", 0.0, 1)).verdict());
  }

  @Test
  void oneSeedOrInfiniteValuesFallBackToCountingSeeds() {
    assertEquals(Verdict.SUPPORTED, evaluator.evaluate(versus("single", ">", 3.0, 1)).verdict());
    assertEquals(Verdict.REFUTED, evaluator.evaluate(versus("single", ">", 5.0, 1)).verdict());
    assertEquals(
        Verdict.SUPPORTED, evaluator.evaluate(compare("blown", ">", "low", 1.0, 3)).verdict());
    assertEquals(Verdict.INCONCLUSIVE, evaluator.evaluate(versus("blown", ">", 8.0, 3)).verdict());
  }

  @Test
  void allNeedsEveryPart_andAnyRefutedPartRefutes() {
    VerdictRule yes = compare("high", ">", "low", 0.0, 3);
    VerdictRule no = compare("low", ">", "high", 0.0, 3);
    VerdictRule unsure = compare("noisy", ">", "low", 0.0, 3);
    assertEquals(Verdict.SUPPORTED, evaluator.evaluate(all(yes, yes)).verdict());
    assertEquals(Verdict.REFUTED, evaluator.evaluate(all(yes, no)).verdict());
    assertEquals(Verdict.REFUTED, evaluator.evaluate(all(unsure, no)).verdict());
    assertEquals(Verdict.INCONCLUSIVE, evaluator.evaluate(all(yes, unsure)).verdict());
  }

  @Test
  void aFailedControlMakesTheClaimInconclusive() {
    VerdictRule main = compare("high", ">", "low", 0.0, 3);
    ClaimSpec controlled = claim("x-1", List.of(compare("low", ">", "high", 0.0, 3)), main);
    ClaimVerdict v = evaluator.decide(controlled);
    assertEquals(Verdict.INCONCLUSIVE, v.verdict());
    assertTrue(v.evidence().text().contains("control"), v.evidence().text());
    ClaimSpec held = claim("x-2", List.of(main), main);
    assertEquals(Verdict.SUPPORTED, evaluator.decide(held).verdict());
    assertTrue(evaluator.decide(held).rule().contains("only if"));
  }

  @Test
  void rulesRefuseIncompleteDefinitions() {
    assertThrows(
        InvalidSettingException.class,
        () -> new VerdictRule.Compare("a", Comparison.GREATER, "b", 1.0, null, null));
    assertThrows(
        InvalidSettingException.class,
        () -> new VerdictRule.Compare("a", Comparison.GREATER, null, null, null, null));
    assertThrows(
        InvalidSettingException.class,
        () -> new VerdictRule.Compare(null, Comparison.GREATER, "b", null, null, null));
    assertThrows(InvalidSettingException.class, () -> new VerdictRule.All(List.of()));
    assertThrows(IllegalArgumentException.class, () -> Comparison.parse("=="));
  }

  private static VerdictRule all(VerdictRule... parts) {
    return new VerdictRule.All(List.of(parts));
  }

  @Test
  void anUnconvergedArmMakesAComparisonInconclusiveUnlessTheBudgetIsFixed() {
    List<ArmConvergence> arms =
        List.of(
            new ArmConvergence("lstm/len20", 1, 20, true, "converged: flat"),
            new ArmConvergence("rnn/len20", 1, 20, false, "not converged: still falling"),
            new ArmConvergence("rnn/len20", 2, 20, true, "converged: flat"));
    VerdictEvaluator gated =
        new VerdictEvaluator(
            Map.of("high", seeds(10.0, 10.5, 9.8), "low", seeds(1.0, 1.2, 0.9)), arms);
    VerdictRule rule = compare("high", ">", "low", 0.0, 3);
    ClaimVerdict v =
        gated.decide(
            claim(
                ClaimKind.EXPERIMENT,
                Stance.ASSERTS,
                List.of("rnn/len*", "lstm"),
                null,
                null,
                rule));
    assertEquals(Verdict.INCONCLUSIVE, v.verdict());
    assertEquals(InconclusiveReason.UNDER_TRAINED, v.evidence().reason());
    assertTrue(
        v.evidence()
            .text()
            .contains("under-trained: rnn/len20 did not converge in 20 epochs (seeds 1"),
        v.evidence().text());
    assertEquals(3, v.convergence().size());
    assertEquals(
        Verdict.SUPPORTED,
        gated
            .decide(
                claim(
                    ClaimKind.EXPERIMENT, Stance.ASSERTS, List.of("rnn"), Budget.FIXED, null, rule))
            .verdict());
    assertEquals(
        Verdict.SUPPORTED,
        gated
            .decide(
                claim(
                    ClaimKind.EXPERIMENT, Stance.ASSERTS, List.of("lstm/len20"), null, null, rule))
            .verdict());
    assertEquals(
        List.of("gru", "lstm/len2"),
        gated.unknownArms(
            claim(
                ClaimKind.EXPERIMENT,
                Stance.ASSERTS,
                List.of("gru", "lstm/len2", "lstm/len2*"),
                null,
                null,
                rule)));
  }

  @Test
  void disagreementIsComputedFromTheStance() {
    VerdictRule holds = compare("high", ">", "low", 0.0, 3);
    VerdictRule fails = compare("low", ">", "high", 0.0, 3);
    assertFalse(
        evaluator
            .decide(claim(ClaimKind.EXPERIMENT, Stance.ASSERTS, List.of(), null, null, holds))
            .disagreesWithExam());
    assertTrue(
        evaluator
            .decide(claim(ClaimKind.EXPERIMENT, Stance.ASSERTS, List.of(), null, null, fails))
            .disagreesWithExam());
    assertTrue(
        evaluator
            .decide(claim(ClaimKind.EXPERIMENT, Stance.DENIES, List.of(), null, null, holds))
            .disagreesWithExam());
    assertFalse(
        evaluator
            .decide(claim(ClaimKind.EXPERIMENT, Stance.DENIES, List.of(), null, null, fails))
            .disagreesWithExam());
    assertFalse(
        evaluator
            .decide(claim(ClaimKind.EXPERIMENT, Stance.NONE, List.of(), null, null, fails))
            .disagreesWithExam());
  }

  @Test
  void equivalenceUsesTheNinetyPercentIntervalAndSaysHowManySeedsItWouldNeed() {
    // d = 0.1, 0.3, 0.2: mean 0.2, s = 0.1; 90% CI = 0.2 +- 2.92 * 0.1 / sqrt(3) = [0.031, 0.369];
    // 95% would be [-0.048, 0.448].
    VerdictEvaluator e =
        new VerdictEvaluator(Map.of("a", seeds(1.1, 1.3, 1.2), "b", seeds(1.0, 1.0, 1.0)));
    Evidence.Compared inside = e.evaluate(compare("a", "=", "b", 0.4, 3));
    assertEquals(Verdict.SUPPORTED, inside.verdict(), inside.text());
    assertEquals(0.90, inside.confidence());
    assertEquals(0.2 - 2.919986 * 0.1 / Math.sqrt(3), inside.ciLow(), 1e-5);
    Evidence.Compared outside = e.evaluate(compare("a", "=", "b", 0.02, 3));
    assertEquals(Verdict.REFUTED, outside.verdict(), outside.text());
    Evidence.Compared straddles = e.evaluate(compare("a", "=", "b", 0.3, 3));
    assertEquals(Verdict.INCONCLUSIVE, straddles.verdict());
    assertEquals(InconclusiveReason.TOO_FEW_SEEDS, straddles.reason());
    // t(n-1, 0.95) * 0.1 / sqrt(n) < 0.3 - 0.2 = 0.1 first holds at n = 5 (2.132 / 2.236 = 0.095).
    assertEquals(5, straddles.seedsNeeded(), straddles.text());
    assertTrue(straddles.text().contains("needs about 5"), straddles.text());
  }

  @Test
  void aComputationIsDecidedSeedBySeedAgainstItsTolerance() {
    VerdictEvaluator e =
        new VerdictEvaluator(Map.of("a", seeds(1.0, 1.0, 1.5), "b", seeds(1.0, 1.0, 1.0)));
    ClaimVerdict mixed =
        e.decide(
            claim(
                ClaimKind.COMPUTATION,
                Stance.ASSERTS,
                List.of(),
                null,
                null,
                compare("a", "=", "b", 1e-6, 1)));
    assertEquals(Verdict.INCONCLUSIVE, mixed.verdict());
    assertEquals(InconclusiveReason.MIXED_SEEDS, mixed.evidence().reason());
    ClaimVerdict exact =
        e.decide(
            claim(
                ClaimKind.COMPUTATION,
                Stance.ASSERTS,
                List.of(),
                null,
                null,
                compare("a", "=", "b", 0.6, 1)));
    assertEquals(Verdict.SUPPORTED, exact.verdict());
  }

  @Test
  void aTwoStagePlanAsksForSeedsFromThePilotSpread() {
    // Pilot d = 0.1, 0.3, 0.2 (s0 = 0.1, t(2, 0.95 two-sided... 0.975) = 4.303): n = ceil((4.303 *
    // 0.1 / 0.05)^2) = 75, capped at 20.
    VerdictEvaluator e =
        new VerdictEvaluator(Map.of("a", seeds(1.1, 1.3, 1.2), "b", seeds(1.0, 1.0, 1.0)));
    VerdictRule rule = compare("a", ">", "b", 0.0, 3);
    assertEquals(
        20,
        e.seedsWanted(
            claim(
                ClaimKind.EXPERIMENT,
                Stance.ASSERTS,
                List.of(),
                null,
                new SeedPlan(3, 20, 0.05),
                rule)));
    assertEquals(
        3,
        e.seedsWanted(
            claim(
                ClaimKind.EXPERIMENT,
                Stance.ASSERTS,
                List.of(),
                null,
                new SeedPlan(3, 20, 0.5),
                rule)));
    assertEquals(
        8,
        e.seedsWanted(
            claim(
                ClaimKind.EXPERIMENT,
                Stance.ASSERTS,
                List.of(),
                null,
                new SeedPlan(3, 20, 0.16),
                rule)));
  }
}
