package org.examlab.harness.verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.examlab.harness.metrics.SeedStatistics;

/** Applies {@link VerdictRule}s to per-seed measurements ({@code name -> seed -> value}). */
public final class VerdictEvaluator {
  private final Map<String, Map<Long, Double>> measurements;

  public VerdictEvaluator(Map<String, Map<Long, Double>> measurements) {
    this.measurements = measurements;
  }

  public ClaimVerdict decide(ClaimSpec claim) {
    Evidence evidence = evaluate(claim.rule());
    List<Evidence> controls = claim.requires().stream().map(this::evaluate).toList();
    List<Evidence> failed = controls.stream().filter(c -> c.verdict() != Verdict.SUPPORTED).toList();
    String rule = claim.rule().describe();
    if (!claim.requires().isEmpty()) {
      rule += "; only if: " + String.join("; ", claim.requires().stream().map(VerdictRule::describe).toList());
    }
    if (!failed.isEmpty()) {
      // The setup did not produce the condition the claim is about: the main rule proves nothing.
      List<Evidence> parts = new ArrayList<>(controls);
      parts.add(evidence);
      evidence = new Evidence(Verdict.INCONCLUSIVE, "INCONCLUSIVE: a control did not hold, so the measurement cannot decide the claim ("
          + failed.get(0).text() + ")", null, null, null, null, null, null, null, parts);
    } else if (!controls.isEmpty()) {
      List<Evidence> parts = new ArrayList<>(controls);
      parts.add(evidence);
      evidence = new Evidence(evidence.verdict(), evidence.text() + " [controls held]", evidence.left(), evidence.right(),
          evidence.difference(), evidence.meanDifference(), evidence.ciLow(), evidence.ciHigh(), evidence.margin(), parts);
    }
    return new ClaimVerdict(claim.id(), claim.statement(), claim.examAnswer(), evidence.verdict(), rule, claim.rule(), evidence);
  }

  public Evidence evaluate(VerdictRule rule) {
    return rule.all() != null ? evaluateAll(rule.all()) : evaluateComparison(rule);
  }

  private Evidence evaluateAll(List<VerdictRule> rules) {
    List<Evidence> parts = new ArrayList<>();
    for (VerdictRule r : rules) {
      parts.add(evaluate(r));
    }
    Verdict verdict;
    if (parts.stream().anyMatch(e -> e.verdict() == Verdict.REFUTED)) {
      verdict = Verdict.REFUTED;
    } else if (parts.stream().allMatch(e -> e.verdict() == Verdict.SUPPORTED)) {
      verdict = Verdict.SUPPORTED;
    } else {
      verdict = Verdict.INCONCLUSIVE;
    }
    // Name the parts' verdicts, and quote the part that decided a non-supported outcome.
    String tally = String.join(", ", parts.stream().map(e -> e.verdict().name()).toList());
    String text = verdict + " (parts: " + tally + ")";
    if (verdict != Verdict.SUPPORTED) {
      Evidence deciding = parts.stream().filter(e -> e.verdict() == verdict).findFirst().orElseThrow();
      text += "; " + (verdict == Verdict.REFUTED ? "refuted by " : "undecided: ") + deciding.text();
    } else {
      text += ": " + String.join(" | ", parts.stream().map(Evidence::text).toList());
    }
    return new Evidence(verdict, text, null, null, null, null, null, null, null, parts);
  }

  private Evidence evaluateComparison(VerdictRule rule) {
    Map<Long, Double> left = values(rule.left());
    Map<Long, Double> right = new LinkedHashMap<>();
    Map<Long, Double> diff = new LinkedHashMap<>();
    for (Map.Entry<Long, Double> e : left.entrySet()) {
      Double r = rule.right() != null ? values(rule.right()).get(e.getKey()) : rule.value();
      if (r == null) {
        continue; // seed missing on the right-hand side: unpaired, not usable
      }
      right.put(e.getKey(), r);
      double d = rule.op() == Comparison.LESS ? r - e.getValue() : e.getValue() - r;
      if (!Double.isNaN(d)) {
        diff.put(e.getKey(), d);
      }
    }
    double margin = rule.margin();
    String sides = rule.op() != Comparison.LESS
        ? "d = " + rule.left() + " - " + rhs(rule) : "d = " + rhs(rule) + " - " + rule.left();
    if (diff.size() < rule.minSeeds()) {
      return new Evidence(Verdict.INCONCLUSIVE,
          String.format(Locale.ROOT, "INCONCLUSIVE: %d usable seed(s), the rule needs %d (%s)", diff.size(), rule.minSeeds(), sides),
          left, right, diff, null, null, null, margin, null);
    }
    boolean allFinite = diff.values().stream().allMatch(Double::isFinite);
    if (rule.op() == Comparison.EQUAL) {
      return evaluateEquality(left, right, diff, margin, sides, allFinite);
    }
    if (diff.size() == 1 || !allFinite) {
      long above = diff.values().stream().filter(d -> d > margin).count();
      Verdict v = above == diff.size() ? Verdict.SUPPORTED : above == 0 ? Verdict.REFUTED : Verdict.INCONCLUSIVE;
      String text = String.format(Locale.ROOT, "%s: %s; d > %g in %d of %d seed(s) (per seed: %s)",
          v, sides, margin, above, diff.size(), format(diff));
      return new Evidence(v, text, left, right, diff, null, null, null, margin, null);
    }
    SeedStatistics stats = SeedStatistics.of(diff.values());
    Verdict v = stats.ciLow() > margin ? Verdict.SUPPORTED : stats.ciHigh() < margin ? Verdict.REFUTED : Verdict.INCONCLUSIVE;
    String text = String.format(Locale.ROOT, "%s: %s = %.4g, 95%% CI [%.4g, %.4g] over %d seeds, %s margin %g (per seed: %s)",
        v, sides, stats.mean(), stats.ciLow(), stats.ciHigh(), stats.count(),
        v == Verdict.SUPPORTED ? "above" : v == Verdict.REFUTED ? "below" : "straddling", margin, format(diff));
    return new Evidence(v, text, left, right, diff, stats.mean(), stats.ciLow(), stats.ciHigh(), margin, null);
  }

  /**
   * Left equals right when d stays within +-margin: every seed, or the whole CI with several. The
   * text quotes the left values themselves: for an exam's number, the framework's is the news.
   */
  private static Evidence evaluateEquality(Map<Long, Double> left, Map<Long, Double> right, Map<Long, Double> diff,
      double margin, String sides, boolean allFinite) {
    String values = "left per seed: " + format(left) + "; right: " + format(right);
    if (diff.size() == 1 || !allFinite) {
      long within = diff.values().stream().filter(d -> Math.abs(d) <= margin).count();
      Verdict v = within == diff.size() ? Verdict.SUPPORTED : within == 0 ? Verdict.REFUTED : Verdict.INCONCLUSIVE;
      String text = String.format(Locale.ROOT, "%s: %s; |d| <= %g in %d of %d seed(s) (%s)",
          v, sides, margin, within, diff.size(), values);
      return new Evidence(v, text, left, right, diff, null, null, null, margin, null);
    }
    SeedStatistics stats = SeedStatistics.of(diff.values());
    Verdict v = stats.ciLow() >= -margin && stats.ciHigh() <= margin ? Verdict.SUPPORTED
        : stats.ciLow() > margin || stats.ciHigh() < -margin ? Verdict.REFUTED : Verdict.INCONCLUSIVE;
    String text = String.format(Locale.ROOT, "%s: %s = %.4g, 95%% CI [%.4g, %.4g] over %d seeds, %s +-%g (%s)",
        v, sides, stats.mean(), stats.ciLow(), stats.ciHigh(), stats.count(),
        v == Verdict.SUPPORTED ? "within" : v == Verdict.REFUTED ? "outside" : "straddling", margin, values);
    return new Evidence(v, text, left, right, diff, stats.mean(), stats.ciLow(), stats.ciHigh(), margin, null);
  }

  private Map<Long, Double> values(String name) {
    Map<Long, Double> v = measurements.get(name);
    return v == null ? Map.of() : v;
  }

  private static String rhs(VerdictRule rule) {
    return rule.right() != null ? rule.right() : String.format(Locale.ROOT, "%g", rule.value());
  }

  private static String format(Map<Long, Double> perSeed) {
    List<String> parts = new ArrayList<>();
    perSeed.forEach((seed, v) -> parts.add(String.format(Locale.ROOT, "seed %d: %.4g", seed, v)));
    return String.join(", ", parts);
  }
}
