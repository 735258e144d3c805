package org.examlab.harness.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.examlab.harness.config.InvalidSettingException;
import org.junit.jupiter.api.Test;

class VerdictEvaluatorTest {

  private static Map<Long, Double> seeds(double... values) {
    Map<Long, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      m.put((long) i + 1, values[i]);
    }
    return m;
  }

  private static VerdictRule compare(String left, String op, String right, double margin, int minSeeds) {
    return new VerdictRule(left, Comparison.parse(op), right, null, margin, minSeeds, null);
  }

  private static VerdictRule versus(String left, String op, double value, int minSeeds) {
    return new VerdictRule(left, Comparison.parse(op), null, value, 0.0, minSeeds, null);
  }

  private final VerdictEvaluator evaluator = new VerdictEvaluator(Map.of(
      "high", seeds(10.0, 10.5, 9.8),
      "low", seeds(1.0, 1.2, 0.9),
      "noisy", seeds(-5.0, 12.0, 3.0),
      "single", seeds(4.0),
      "blown", seeds(Double.POSITIVE_INFINITY, 7.0, Double.POSITIVE_INFINITY)));

  @Test
  void supportedWhenTheWholeIntervalClearsTheMargin() {
    Evidence e = evaluator.evaluate(compare("high", ">", "low", 5.0, 3));
    assertEquals(Verdict.SUPPORTED, e.verdict());
    assertTrue(e.ciLow() > 5.0);
    assertEquals(3, e.difference().size());
  }

  @Test
  void refutedWhenTheWholeIntervalIsBelowTheMargin() {
    assertEquals(Verdict.REFUTED, evaluator.evaluate(compare("low", ">", "high", 0.0, 3)).verdict());
    // The effect exists but is smaller than the claimed margin: refuted, not supported.
    assertEquals(Verdict.REFUTED, evaluator.evaluate(compare("high", ">", "low", 20.0, 3)).verdict());
  }

  @Test
  void inconclusiveWhenTheIntervalStraddlesTheMargin() {
    Evidence e = evaluator.evaluate(compare("noisy", ">", "low", 0.0, 3));
    assertEquals(Verdict.INCONCLUSIVE, e.verdict());
    assertTrue(e.ciLow() < 0 && e.ciHigh() > 0);
  }

  @Test
  void lessThanFlipsTheDifference() {
    assertEquals(Verdict.SUPPORTED, evaluator.evaluate(compare("low", "<", "high", 5.0, 3)).verdict());
    assertEquals(Verdict.SUPPORTED, evaluator.evaluate(versus("low", "<", 2.0, 3)).verdict());
    assertEquals(Verdict.REFUTED, evaluator.evaluate(versus("high", "<", 2.0, 3)).verdict());
  }

  @Test
  void equalityHoldsWithinTheMarginAndFailsOutsideIt() {
    assertEquals(Verdict.SUPPORTED, evaluator.evaluate(compare("single", "=", "single", 0.0, 1)).verdict());
    assertEquals(Verdict.SUPPORTED, evaluator.evaluate(new VerdictRule("single", Comparison.EQUAL, null, 4.05, 0.1, 1, null)).verdict());
    assertEquals(Verdict.REFUTED, evaluator.evaluate(new VerdictRule("single", Comparison.EQUAL, null, 3.0, 0.1, 1, null)).verdict());
    // Several seeds: the whole CI must sit inside +-margin; a CI far from the value refutes.
    assertEquals(Verdict.SUPPORTED, evaluator.evaluate(new VerdictRule("high", Comparison.EQUAL, null, 10.1, 1.5, 3, null)).verdict());
    assertEquals(Verdict.REFUTED, evaluator.evaluate(new VerdictRule("high", Comparison.EQUAL, null, 1.0, 1.0, 3, null)).verdict());
    assertEquals(Verdict.INCONCLUSIVE, evaluator.evaluate(new VerdictRule("noisy", Comparison.EQUAL, null, 3.0, 1.0, 3, null)).verdict());
  }

  @Test
  void tooFewSeedsIsInconclusive() {
    Evidence e = evaluator.evaluate(versus("single", ">", 0.0, 3));
    assertEquals(Verdict.INCONCLUSIVE, e.verdict());
    assertTrue(e.text().contains("needs 3"), e.text());
    assertEquals(Verdict.INCONCLUSIVE, evaluator.evaluate(versus("absent", ">", 0.0, 1)).verdict());
  }

  @Test
  void oneSeedOrInfiniteValuesFallBackToCountingSeeds() {
    assertEquals(Verdict.SUPPORTED, evaluator.evaluate(versus("single", ">", 3.0, 1)).verdict());
    assertEquals(Verdict.REFUTED, evaluator.evaluate(versus("single", ">", 5.0, 1)).verdict());
    assertEquals(Verdict.SUPPORTED, evaluator.evaluate(compare("blown", ">", "low", 1.0, 3)).verdict());
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
    ClaimSpec controlled = new ClaimSpec("x-1", "s", null, List.of(compare("low", ">", "high", 0.0, 3)), main);
    ClaimVerdict v = evaluator.decide(controlled);
    assertEquals(Verdict.INCONCLUSIVE, v.verdict());
    assertTrue(v.evidence().text().contains("control"), v.evidence().text());
    ClaimSpec held = new ClaimSpec("x-2", "s", "exam says yes", List.of(main), main);
    assertEquals(Verdict.SUPPORTED, evaluator.decide(held).verdict());
    assertTrue(evaluator.decide(held).rule().contains("only if"));
  }

  @Test
  void rulesRefuseIncompleteDefinitions() {
    assertThrows(InvalidSettingException.class, () -> new VerdictRule("a", Comparison.GREATER, "b", 1.0, null, null, null));
    assertThrows(InvalidSettingException.class, () -> new VerdictRule("a", Comparison.GREATER, null, null, null, null, null));
    assertThrows(InvalidSettingException.class, () -> new VerdictRule(null, Comparison.GREATER, "b", null, null, null, null));
    assertThrows(InvalidSettingException.class, () -> new VerdictRule(null, null, null, null, null, null, List.of()));
    assertThrows(IllegalArgumentException.class, () -> Comparison.parse("=="));
  }

  private static VerdictRule all(VerdictRule... parts) {
    return new VerdictRule(null, null, null, null, null, null, List.of(parts));
  }
}
