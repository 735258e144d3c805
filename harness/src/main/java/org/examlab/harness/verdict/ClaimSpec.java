package org.examlab.harness.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.stream.Stream;
import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;

/**
 * A claim as a config states it. The statement carries the exam's own polarity: SUPPORTED means the
 * statement, as the exam words it, holds. The exam's stance on it is data ({@link ExamPosition}),
 * so disagreement is computed, never read from free text.
 *
 * @param id an ID of the product's claim list (configs/claims/catalog.yaml) or a part of one
 *     ({@code 000-7/k-fold}); a project-added claim has one of its own ({@code 000-8+unseen})
 * @param kind experiment, computation or demonstration
 * @param origin exam (default) or project
 * @param exam source, quote and stance; required for an exam claim
 * @param trained the trainings whose convergence the claim relies on: a task name, everything under
 *     one ("k1" for "k1/..."), or a pattern with {@code *} ("rnn/len*"); one that did not converge
 *     makes the claim INCONCLUSIVE, unless {@code budget: fixed}
 * @param budget converged (default) or fixed, for a statement about a fixed budget
 * @param seeds optional two-stage seed plan (pilot, then as many seeds as the spread needs)
 * @param requires positive controls: rules that must be SUPPORTED for the measurement to mean
 *     anything; if one is not, the claim is INCONCLUSIVE whatever the main rule says
 * @param supportOnly true when the measurement bounds the quantity from one side only (e.g. an
 *     upper bound on the best error a model can reach): it can support the statement but not refute
 *     it, so a rule that fails makes the claim INCONCLUSIVE, not REFUTED
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ClaimSpec(
    String id,
    String statement,
    ClaimKind kind,
    ClaimOrigin origin,
    ExamPosition exam,
    List<String> trained,
    Budget budget,
    SeedPlan seeds,
    List<VerdictRule> requires,
    VerdictRule rule,
    Boolean supportOnly) {
  public ClaimSpec {
    Require.nonBlank("id", id);
    Require.nonBlank("statement", statement);
    Require.present("kind", kind);
    origin = origin == null ? ClaimOrigin.EXAM : origin;
    if (origin == ClaimOrigin.EXAM) {
      Require.present("exam", exam);
      if (id.contains("+")) {
        throw new InvalidSettingException(
            "origin", "'" + id + "' has a project claim's ID (<id>+<name>): say origin: project");
      }
    } else if (!id.contains("+")) {
      throw new InvalidSettingException(
          "id",
          "a project claim's ID names the exam claim it extends and its own name: <id>+<name>, got '"
              + id
              + "'");
    }
    trained = trained == null ? List.of() : List.copyOf(trained);
    trained.forEach(t -> Require.nonBlank("trained", t));
    budget = budget == null ? Budget.CONVERGED : budget;
    requires = requires == null ? List.of() : List.copyOf(requires);
    Require.present("rule", rule);
    supportOnly =
        Boolean.TRUE.equals(supportOnly)
            ? Boolean.TRUE
            : null; // absent unless set: the usual claim's JSON is unchanged
    if (seeds != null) {
      if (!(rule instanceof VerdictRule.Compare compare)) {
        throw new InvalidSettingException(
            "seeds", "a two-stage seed plan needs a single comparison as its rule, not 'all'");
      }
      seeds.target(compare.margin());
    }
  }

  /** The exam's stance; none for a project claim. */
  public Stance stance() {
    return exam == null ? Stance.NONE : exam.stance();
  }

  /**
   * Whether a failing rule leaves the claim INCONCLUSIVE instead of REFUTED ({@code supportOnly}).
   */
  public boolean refutable() {
    return supportOnly == null;
  }

  /** Every measurement the claim reads, controls included. */
  public List<String> measurementNames() {
    return Stream.concat(requires.stream(), Stream.of(rule))
        .flatMap(r -> r.measurementNames().stream())
        .toList();
  }
}
