package org.examlab.harness.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.examlab.harness.config.Require;

/**
 * A claim as a config states it: the ID from the exam claim list, the statement being tested,
 * what the exam itself answered (if it did), and the rule that decides it. An {@code examAnswer}
 * that starts with "True" or "False" takes a side on the statement as written here; the claims
 * report marks a verdict that contradicts it.
 *
 * @param requires positive controls: rules that must be SUPPORTED for the measurement to mean
 *     anything (e.g. "the vanilla RNN's gradients do explode in this setup"); if one is not,
 *     the claim is INCONCLUSIVE whatever the main rule says
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ClaimSpec(String id, String statement, String examAnswer, List<VerdictRule> requires, VerdictRule rule) {
  public ClaimSpec {
    Require.nonBlank("id", id);
    Require.nonBlank("statement", statement);
    requires = requires == null ? List.of() : List.copyOf(requires);
    Require.present("rule", rule);
  }

  /** Every measurement the claim reads, controls included. */
  public List<String> measurementNames() {
    return java.util.stream.Stream.concat(requires.stream(), java.util.stream.Stream.of(rule))
        .flatMap(r -> r.measurementNames().stream()).toList();
  }
}
