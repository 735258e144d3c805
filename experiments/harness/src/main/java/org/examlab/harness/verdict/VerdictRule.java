package org.examlab.harness.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;
import org.examlab.harness.config.InvalidSettingException;
import org.examlab.harness.config.Require;

/**
 * A rule from a claim's config that turns per-seed measurements into a verdict.
 *
 * <p>Either a comparison, {@code left op right} where left is a measurement name and right is a
 * measurement name or a fixed {@code value}, or {@code all}: a list of rules that must all hold.
 *
 * <p>A comparison is evaluated on the per-seed differences d = left - right (for {@code >}) or d =
 * right - left (for {@code <}), so the claim holds when d exceeds {@code margin}; for {@code =} (d
 * = left - right) it holds when d stays within +-{@code margin}. With two or more seeds: SUPPORTED
 * when the 95% confidence interval of mean(d) lies above the margin, REFUTED when it lies below,
 * INCONCLUSIVE when it straddles it; for {@code =}, an equivalence test: SUPPORTED when the 90%
 * interval lies inside +-margin, REFUTED when entirely outside. With one seed, or where a value is
 * infinite: SUPPORTED if every seed clears the margin, REFUTED if none does. Fewer than {@code
 * minSeeds} usable seeds is INCONCLUSIVE.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerdictRule(
    String left,
    Comparison op,
    String right,
    Double value,
    Double margin,
    Integer minSeeds,
    List<VerdictRule> all) {

  public VerdictRule {
    boolean comparison = left != null || op != null || right != null || value != null;
    if (all != null) {
      if (comparison) {
        throw new InvalidSettingException(
            "all", "give either 'all' or a comparison (left/op/right), not both");
      }
      if (all.isEmpty()) {
        throw new InvalidSettingException("all", "must list at least one rule");
      }
      all = List.copyOf(all);
    } else {
      Require.nonBlank("left", left);
      Require.present("op", op);
      if ((right == null) == (value == null)) {
        throw new InvalidSettingException(
            "right", "give exactly one of 'right' (a measurement) or 'value' (a number)");
      }
      if (value != null && !Double.isFinite(value)) {
        throw new InvalidSettingException("value", "must be a finite number");
      }
      margin = margin == null ? 0.0 : Require.inRange("margin", margin, 0.0, Double.MAX_VALUE);
      minSeeds = Require.inRange("minSeeds", minSeeds == null ? 1 : minSeeds, 1, 1000);
    }
  }

  /** Every measurement name this rule reads, for validation before training. */
  public List<String> measurementNames() {
    if (all != null) {
      return all.stream().flatMap(r -> r.measurementNames().stream()).toList();
    }
    return right == null ? List.of(left) : List.of(left, right);
  }

  /** The rule as one line of text, as written into summary.json. */
  public String describe() {
    if (all != null) {
      return "all of: " + String.join("; ", all.stream().map(VerdictRule::describe).toList());
    }
    String rhs = right != null ? right : String.format(Locale.ROOT, "%g", value);
    String text = left + " " + op.symbol() + " " + rhs;
    if (op == Comparison.EQUAL) {
      text += String.format(Locale.ROOT, " within +-%g", margin);
    } else if (margin > 0) {
      text += String.format(Locale.ROOT, " by more than %g", margin);
    }
    String interval =
        op == Comparison.EQUAL ? "equivalence: 90% CI over seeds" : "95% CI over seeds";
    return text + " (" + interval + (minSeeds > 1 ? ", at least " + minSeeds + " seeds" : "") + ")";
  }
}
