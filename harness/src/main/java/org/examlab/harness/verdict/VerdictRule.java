package org.examlab.harness.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;

/**
 * A rule from a claim's config that turns per-seed measurements into a verdict.
 *
 * <p>Either a comparison ({@link Compare}), {@code left op right} where left is a measurement name
 * and right is a measurement name or a fixed {@code value}, or {@link All}: a list of rules that
 * must all hold. The config writes both as one mapping; {@code all} says which it is.
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
@JsonDeserialize(using = VerdictRule.Binder.class)
public sealed interface VerdictRule permits VerdictRule.Compare, VerdictRule.All {

  /** Every measurement name this rule reads, for validation before training. */
  List<String> measurementNames();

  /** The rule as one line of text, as written into summary.json. */
  String describe();

  /** {@code left op right} (or {@code left op value}), by more than / within a margin. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record Compare(
      String left, Comparison op, String right, Double value, Double margin, Integer minSeeds)
      implements VerdictRule {

    public Compare {
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

    @Override
    public List<String> measurementNames() {
      return right == null ? List.of(left) : List.of(left, right);
    }

    @Override
    public String describe() {
      String rhs = right != null ? right : String.format(Locale.ROOT, "%g", value);
      String text = left + " " + op.symbol() + " " + rhs;
      if (op == Comparison.EQUAL) {
        text += String.format(Locale.ROOT, " within +-%g", margin);
      } else if (margin > 0) {
        text += String.format(Locale.ROOT, " by more than %g", margin);
      }
      String interval =
          op == Comparison.EQUAL ? "equivalence: 90% CI over seeds" : "95% CI over seeds";
      return text
          + " ("
          + interval
          + (minSeeds > 1 ? ", at least " + minSeeds + " seeds" : "")
          + ")";
    }
  }

  /** Every one of {@code all} must hold. */
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record All(List<VerdictRule> all) implements VerdictRule {

    public All {
      if (all == null || all.isEmpty()) {
        throw new InvalidSettingException("all", "must list at least one rule");
      }
      all = List.copyOf(all);
    }

    @Override
    public List<String> measurementNames() {
      return all.stream().flatMap(r -> r.measurementNames().stream()).toList();
    }

    @Override
    public String describe() {
      return "all of: " + String.join("; ", all.stream().map(VerdictRule::describe).toList());
    }
  }

  /**
   * Binds a rule's mapping: {@link All} if it gives {@code all}, else {@link Compare}. Giving both
   * fails naming {@code all}, as a settings record's own check would.
   */
  final class Binder extends StdDeserializer<VerdictRule> {
    private static final List<String> COMPARISON_KEYS = List.of("left", "op", "right", "value");

    Binder() {
      super(VerdictRule.class);
    }

    @Override
    public VerdictRule deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.isExpectedStartObjectToken()) {
        return (VerdictRule) ctxt.handleUnexpectedToken(VerdictRule.class, p);
      }
      ObjectNode node = (ObjectNode) ctxt.readTree(p);
      if (!node.hasNonNull("all")) {
        node.remove("all"); // "all: null" is no list: the rule is a comparison
        return ctxt.readTreeAsValue(node, Compare.class);
      }
      if (COMPARISON_KEYS.stream().anyMatch(node::hasNonNull)) {
        throw ValueInstantiationException.from(
            p,
            "a rule gives both 'all' and a comparison",
            ctxt.constructType(VerdictRule.class),
            new InvalidSettingException(
                "all", "give either 'all' or a comparison (left/op/right), not both"));
      }
      return ctxt.readTreeAsValue(node, All.class);
    }
  }
}
