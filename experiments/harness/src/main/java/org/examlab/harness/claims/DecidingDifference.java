package org.examlab.harness.claims;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-seed difference that decided a verdict, read back from summary.json's evidence: what d
 * is, each seed's d, the mean with its interval (null for an exact decision, seed by seed), the
 * margin and whether d must clear it ({@code >}, {@code <}) or stay within +-margin ({@code =}).
 *
 * <p>A compound verdict (an {@code all} rule, a claim gated on controls) has no d of its own: the
 * deciding part is the first one with the verdict's own outcome (the part VerdictEvaluator quotes),
 * else the last with a d (a gated claim's main rule).
 */
public record DecidingDifference(
    String verdict,
    String definition,
    boolean equivalence,
    Map<Long, Double> perSeed,
    Double mean,
    Double low,
    Double high,
    Double confidence,
    double margin) {

  /**
   * The deciding difference of {@code evidence}, or null if it names none (an old summary, a rule
   * on no seeds).
   */
  static DecidingDifference of(JsonNode evidence) {
    if (evidence == null || evidence.isMissingNode() || evidence.isNull()) {
      return null;
    }
    if (!evidence.path("difference").isObject()) {
      List<JsonNode> leaves = new ArrayList<>();
      collect(evidence, leaves);
      String verdict = evidence.path("verdict").asText();
      JsonNode deciding =
          leaves.stream()
              .filter(l -> l.path("verdict").asText().equals(verdict))
              .findFirst()
              .orElse(leaves.isEmpty() ? null : leaves.get(leaves.size() - 1));
      return deciding == null ? null : of(deciding);
    }
    Map<Long, Double> perSeed = new TreeMap<>();
    evidence
        .path("difference")
        .fields()
        .forEachRemaining(e -> perSeed.put(Long.parseLong(e.getKey()), number(e.getValue())));
    if (perSeed.isEmpty()) {
      return null;
    }
    // Summaries written before evidence named its operator: a 90% interval is an equivalence's.
    boolean equivalence =
        evidence.hasNonNull("op")
            ? "=".equals(evidence.path("op").asText())
            : evidence.path("confidence").asDouble(0) == 0.90;
    return new DecidingDifference(
        evidence.path("verdict").asText(),
        evidence.path("definition").asText("d"),
        equivalence,
        perSeed,
        optional(evidence, "meanDifference"),
        optional(evidence, "ciLow"),
        optional(evidence, "ciHigh"),
        optional(evidence, "confidence"),
        evidence.path("margin").asDouble(0));
  }

  private static void collect(JsonNode evidence, List<JsonNode> leaves) {
    if (evidence.path("difference").isObject() && !evidence.path("difference").isEmpty()) {
      leaves.add(evidence);
    }
    evidence.path("parts").forEach(p -> collect(p, leaves));
  }

  /** Jackson writes an infinite or NaN double as the strings "Infinity" and "NaN". */
  private static double number(JsonNode value) {
    return value.isNumber() ? value.asDouble() : Double.parseDouble(value.asText());
  }

  private static Double optional(JsonNode node, String field) {
    return node.hasNonNull(field) ? number(node.path(field)) : null;
  }
}
