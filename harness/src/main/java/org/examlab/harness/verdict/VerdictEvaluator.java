package org.examlab.harness.verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Applies a claim's rules to per-seed measurements ({@code name -> seed -> value}) and gates the
 * result on the claim's controls and on the convergence of the arms it reads.
 *
 * <ul>
 *   <li>{@code >} / {@code <}: the per-seed difference d must clear the margin; SUPPORTED when the
 *       95% interval of mean(d) lies above it, REFUTED when it lies below, else INCONCLUSIVE.
 *   <li>{@code =}: an equivalence test; SUPPORTED when the 90% interval of mean(d) lies inside
 *       +-margin (two one-sided 5% tests), REFUTED when it lies entirely outside, else
 *       INCONCLUSIVE.
 *   <li>A computation or demonstration is decided exactly, seed by seed, against the margin as a
 *       tolerance: all seeds hold, SUPPORTED; none, REFUTED; some, INCONCLUSIVE.
 * </ul>
 *
 * An INCONCLUSIVE verdict always says why ({@link InconclusiveReason}) and, where more seeds would
 * help, about how many the observed spread needs.
 */
public final class VerdictEvaluator {
  static final double COMPARISON_CONFIDENCE = 0.95;
  static final double EQUIVALENCE_CONFIDENCE = 0.90;

  private final Map<String, Map<Long, Double>> measurements;
  private final List<ArmConvergence> trainings;

  public VerdictEvaluator(Map<String, Map<Long, Double>> measurements) {
    this(measurements, List.of());
  }

  public VerdictEvaluator(
      Map<String, Map<Long, Double>> measurements, List<ArmConvergence> trainings) {
    this.measurements = measurements;
    this.trainings = List.copyOf(trainings);
  }

  public ClaimVerdict decide(ClaimSpec claim) {
    boolean exact = claim.kind() != ClaimKind.EXPERIMENT;
    Evidence evidence = evaluate(claim.rule(), exact, claim.seeds());
    List<Evidence> controls = claim.requires().stream().map(r -> evaluate(r, exact, null)).toList();
    List<Evidence> failed =
        controls.stream().filter(c -> c.verdict() != Verdict.SUPPORTED).toList();
    List<ArmConvergence> arms = armsOf(claim);
    List<ArmConvergence> unconverged = arms.stream().filter(a -> !a.converged()).toList();
    String rule = claim.rule().describe();
    if (!claim.requires().isEmpty()) {
      rule +=
          "; only if: "
              + String.join("; ", claim.requires().stream().map(VerdictRule::describe).toList());
    }
    List<Evidence> parts = new ArrayList<>(controls);
    if (!controls.isEmpty()) {
      parts.add(evidence);
    }
    if (!failed.isEmpty()) {
      // The setup did not produce the condition the claim is about: the main rule proves nothing.
      evidence =
          new Evidence.Compound(
              Verdict.INCONCLUSIVE,
              "INCONCLUSIVE: a control did not hold, so the measurement cannot decide the claim ("
                  + failed.get(0).text()
                  + ")",
              InconclusiveReason.FAILED_CONTROL,
              parts);
    } else if (!unconverged.isEmpty() && claim.budget() != Budget.FIXED) {
      evidence =
          evidence.overridden(
              Verdict.INCONCLUSIVE,
              "INCONCLUSIVE: under-trained: "
                  + describe(unconverged)
                  + "; the rule alone would say "
                  + evidence.text(),
              InconclusiveReason.UNDER_TRAINED,
              parts.isEmpty() ? null : parts);
    } else if (!controls.isEmpty()) {
      evidence =
          evidence.overridden(
              evidence.verdict(), evidence.text() + " [controls held]", evidence.reason(), parts);
    }
    if (evidence.verdict() == Verdict.REFUTED && !claim.refutable()) {
      evidence =
          evidence.overridden(
              Verdict.INCONCLUSIVE,
              "INCONCLUSIVE: the measurement bounds the quantity from one side only, so a rule that"
                  + " fails cannot refute the statement; the rule says "
                  + evidence.text(),
              InconclusiveReason.ONE_SIDED,
              evidence.parts());
    }
    return new ClaimVerdict(
        claim.id(),
        claim.statement(),
        claim.kind(),
        claim.origin(),
        claim.exam(),
        claim.budget(),
        evidence.verdict(),
        claim.stance().disagreesWith(evidence.verdict()),
        rule,
        claim.rule(),
        evidence,
        arms.isEmpty() ? null : arms);
  }

  /** Experiment semantics (intervals over seeds), no seed plan. */
  public Evidence evaluate(VerdictRule rule) {
    return evaluate(rule, false, null);
  }

  /** A comparison's evidence, with experiment semantics and no seed plan. */
  public Evidence.Compared evaluate(VerdictRule.Compare rule) {
    return evaluateComparison(rule, false, null);
  }

  /**
   * How many seeds the claim's two-stage plan asks for, from the spread of its pilot seeds (the
   * first {@code pilot} usable seeds): max(pilot, ceil((t * s0 / halfWidth)^2)), capped at max.
   * Without a plan, or with fewer than {@code pilot} usable seeds so far, the seeds it has.
   */
  public int seedsWanted(ClaimSpec claim) {
    SeedPlan plan = claim.seeds();
    if (!(claim.rule() instanceof VerdictRule.Compare rule)) {
      return 0; // an 'all' rule has no plan (ClaimSpec) and no differences of its own
    }
    Map<Long, Double> diff = differences(rule).diff();
    if (plan == null || diff.size() < plan.pilot()) {
      return diff.size();
    }
    List<Double> pilot = diff.values().stream().limit(plan.pilot()).toList();
    Interval p = Interval.of(pilot, confidenceOf(rule));
    double t = Interval.quantile(plan.pilot() - 1, confidenceOf(rule));
    double n = Math.ceil(Math.pow(t * p.std() / plan.target(rule.margin()), 2));
    return (int) Math.min(plan.max(), Math.max(plan.pilot(), n));
  }

  /**
   * Training tasks a claim names that the run never trained: a config error found after the run.
   */
  public List<String> unknownArms(ClaimSpec claim) {
    return claim.trained().stream()
        .filter(p -> trainings.stream().noneMatch(a -> matches(a.task(), p)))
        .toList();
  }

  private List<ArmConvergence> armsOf(ClaimSpec claim) {
    return trainings.stream()
        .filter(a -> claim.trained().stream().anyMatch(p -> matches(a.task(), p)))
        .toList();
  }

  /**
   * A {@code trained} entry names a training exactly, or everything under it ("k1" matches
   * "k1/images"), or uses {@code *} for any characters ("rnn/len*" matches "rnn/len20"); a bare
   * prefix does not match ("dense-z32" does not match "dense-z3072").
   */
  static boolean matches(String task, String entry) {
    if (entry.contains("*")) {
      return task.matches(
          java.util.Arrays.stream(entry.split("\\*", -1))
              .map(java.util.regex.Pattern::quote)
              .collect(java.util.stream.Collectors.joining(".*")));
    }
    return task.equals(entry) || task.startsWith(entry + "/");
  }

  private static String describe(List<ArmConvergence> unconverged) {
    Map<String, List<ArmConvergence>> byTask = new LinkedHashMap<>();
    unconverged.forEach(a -> byTask.computeIfAbsent(a.task(), k -> new ArrayList<>()).add(a));
    List<String> parts = new ArrayList<>();
    // A step loop (a GAN's) counts no epochs: its reason gives the rounds it ran.
    byTask.forEach(
        (task, arms) ->
            parts.add(
                String.format(
                    Locale.ROOT,
                    "%s did not converge %s (seeds %s: %s)",
                    task,
                    arms.get(0).epochs() > 0
                        ? "in " + arms.get(0).epochs() + " epochs"
                        : "in its step loop",
                    String.join(", ", arms.stream().map(a -> Long.toString(a.seed())).toList()),
                    arms.get(0).reason())));
    return String.join("; ", parts);
  }

  Evidence evaluate(VerdictRule rule, boolean exact, SeedPlan plan) {
    return rule instanceof VerdictRule.All all
        ? evaluateAll(all.all(), exact)
        : evaluateComparison((VerdictRule.Compare) rule, exact, plan);
  }

  private Evidence evaluateAll(List<VerdictRule> rules, boolean exact) {
    List<Evidence> parts = new ArrayList<>();
    for (VerdictRule r : rules) {
      parts.add(evaluate(r, exact, null));
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
    InconclusiveReason reason = null;
    if (verdict != Verdict.SUPPORTED) {
      Evidence deciding =
          parts.stream().filter(e -> e.verdict() == verdict).findFirst().orElseThrow();
      text += "; " + (verdict == Verdict.REFUTED ? "refuted by " : "undecided: ") + deciding.text();
      reason = verdict == Verdict.INCONCLUSIVE ? deciding.reason() : null;
    } else {
      text += ": " + String.join(" | ", parts.stream().map(Evidence::text).toList());
    }
    return new Evidence.Compound(verdict, text, reason, parts);
  }

  private record Paired(Map<Long, Double> left, Map<Long, Double> right, Map<Long, Double> diff) {}

  /**
   * d = left - right for {@code >} and {@code =}, right - left for {@code <}, on seeds both sides
   * have.
   */
  private Paired differences(VerdictRule.Compare rule) {
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
    return new Paired(left, right, diff);
  }

  private static double confidenceOf(VerdictRule.Compare rule) {
    return rule.op() == Comparison.EQUAL ? EQUIVALENCE_CONFIDENCE : COMPARISON_CONFIDENCE;
  }

  private Evidence.Compared evaluateComparison(
      VerdictRule.Compare rule, boolean exact, SeedPlan plan) {
    Paired p = differences(rule);
    Map<Long, Double> diff = p.diff();
    double margin = rule.margin();
    boolean equality = rule.op() == Comparison.EQUAL;
    String sides =
        rule.op() != Comparison.LESS
            ? "d = " + rule.left() + " - " + rhs(rule)
            : "d = " + rhs(rule) + " - " + rule.left();
    String values =
        equality
            ? "left per seed: " + format(p.left()) + "; right: " + format(p.right())
            : "per seed: " + format(diff);
    if (diff.size() < rule.minSeeds()) {
      return new Evidence.Compared(
          Verdict.INCONCLUSIVE,
          String.format(
              Locale.ROOT,
              "INCONCLUSIVE: too few seeds: %d usable, the rule needs %d (%s)",
              diff.size(),
              rule.minSeeds(),
              sides),
          rule.op(),
          sides,
          p.left(),
          p.right(),
          diff,
          null,
          null,
          null,
          margin,
          null,
          InconclusiveReason.TOO_FEW_SEEDS,
          rule.minSeeds(),
          null);
    }
    boolean allFinite = diff.values().stream().allMatch(Double::isFinite);
    if (exact || diff.size() == 1 || !allFinite) {
      long holds =
          diff.values().stream().filter(d -> equality ? Math.abs(d) <= margin : d > margin).count();
      Verdict v =
          holds == diff.size()
              ? Verdict.SUPPORTED
              : holds == 0 ? Verdict.REFUTED : Verdict.INCONCLUSIVE;
      String test =
          equality
              ? String.format(Locale.ROOT, "|d| <= %g", margin)
              : String.format(Locale.ROOT, "d > %g", margin);
      String text =
          String.format(
              Locale.ROOT,
              "%s: %s; %s in %d of %d seed(s)%s (%s)",
              v,
              sides,
              test,
              holds,
              diff.size(),
              v == Verdict.INCONCLUSIVE ? ", mixed seeds" : "",
              values);
      return new Evidence.Compared(
          v,
          text,
          rule.op(),
          sides,
          p.left(),
          p.right(),
          diff,
          null,
          null,
          null,
          margin,
          null,
          v == Verdict.INCONCLUSIVE ? InconclusiveReason.MIXED_SEEDS : null,
          null,
          null);
    }
    double confidence = confidenceOf(rule);
    Interval ci = interval(diff, plan, confidence);
    Verdict v;
    Integer needed = null;
    if (equality) {
      v =
          ci.low() >= -margin && ci.high() <= margin
              ? Verdict.SUPPORTED
              : ci.low() > margin || ci.high() < -margin ? Verdict.REFUTED : Verdict.INCONCLUSIVE;
      if (v == Verdict.INCONCLUSIVE) {
        needed = ci.seedsToClear(Math.abs(margin - Math.abs(ci.mean())));
      }
    } else {
      v =
          ci.low() > margin
              ? Verdict.SUPPORTED
              : ci.high() < margin ? Verdict.REFUTED : Verdict.INCONCLUSIVE;
      if (v == Verdict.INCONCLUSIVE) {
        needed = ci.seedsToClear(Math.abs(ci.mean() - margin));
      }
    }
    String where =
        equality
            ? (v == Verdict.SUPPORTED ? "within" : v == Verdict.REFUTED ? "outside" : "straddling")
                + String.format(Locale.ROOT, " +-%g", margin)
            : (v == Verdict.SUPPORTED ? "above" : v == Verdict.REFUTED ? "below" : "straddling")
                + String.format(Locale.ROOT, " margin %g", margin);
    String text =
        String.format(
            Locale.ROOT,
            "%s: %s = %.4g, %.0f%% CI [%.4g, %.4g] over %d seeds%s, %s",
            v,
            sides,
            ci.mean(),
            confidence * 100,
            ci.low(),
            ci.high(),
            ci.count(),
            plan != null ? " (two-stage, pilot " + plan.pilot() + ")" : "",
            where);
    if (v == Verdict.INCONCLUSIVE) {
      text +=
          needed != null
              ? String.format(
                  Locale.ROOT,
                  "; too few seeds: the observed spread needs about %d to decide",
                  needed)
              : "; the mean sits on the bound: more seeds would not decide it";
    }
    text += " (" + values + ")";
    return new Evidence.Compared(
        v,
        text,
        rule.op(),
        sides,
        p.left(),
        p.right(),
        diff,
        ci.mean(),
        ci.low(),
        ci.high(),
        margin,
        confidence,
        v == Verdict.INCONCLUSIVE ? InconclusiveReason.TOO_FEW_SEEDS : null,
        needed,
        null);
  }

  private static Interval interval(Map<Long, Double> diff, SeedPlan plan, double confidence) {
    List<Double> all = List.copyOf(diff.values());
    if (plan == null || all.size() < plan.pilot()) {
      return Interval.of(all, confidence);
    }
    Interval pilot = Interval.of(all.subList(0, plan.pilot()), confidence);
    return Interval.twoStage(all, plan.pilot(), pilot.std(), confidence);
  }

  private Map<Long, Double> values(String name) {
    Map<Long, Double> v = measurements.get(name);
    return v == null ? Map.of() : v;
  }

  private static String rhs(VerdictRule.Compare rule) {
    return rule.right() != null ? rule.right() : String.format(Locale.ROOT, "%g", rule.value());
  }

  private static String format(Map<Long, Double> perSeed) {
    List<String> parts = new ArrayList<>();
    new TreeSet<>(perSeed.keySet())
        .forEach(
            seed ->
                parts.add(String.format(Locale.ROOT, "seed %d: %.4g", seed, perSeed.get(seed))));
    return String.join(", ", parts);
  }
}
