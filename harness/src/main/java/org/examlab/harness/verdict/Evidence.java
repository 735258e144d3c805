package org.examlab.harness.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The numbers behind a verdict: for a comparison ({@link Compared}), the per-seed values of both
 * sides and of the difference d with its mean and confidence interval (95% two-sided for a
 * comparison, 90% for an equivalence, i.e. two one-sided 5% tests); for a compound rule or a claim
 * whose control failed ({@link Compound}), each part's evidence.
 *
 * <p>summary.json writes either as one object, null fields left out; one with a {@code difference}
 * is a comparison's.
 */
@JsonDeserialize(using = Evidence.Reader.class)
public sealed interface Evidence permits Evidence.Compared, Evidence.Compound {

  Verdict verdict();

  String text();

  /** Why an INCONCLUSIVE verdict is one; null otherwise. */
  InconclusiveReason reason();

  /** The evidence this one was decided from (controls, a compound's rules); null if none. */
  List<Evidence> parts();

  /** The same evidence with another verdict, text and reason (a gate that overrides the rule). */
  Evidence overridden(
      Verdict newVerdict, String newText, InconclusiveReason newReason, List<Evidence> newParts);

  /**
   * The evidence of one comparison, d against its margin.
   *
   * @param op what the rule asserts of d: d above the margin, or within +-margin (null in a summary
   *     written before evidence named it)
   * @param definition what d is, as the rule reads it ("d = lstm.loss - rnn.loss")
   * @param confidence the interval's confidence level (0.95 or 0.90); null where no interval
   *     applies
   * @param seedsNeeded for an interval that straddles: about how many seeds the observed spread
   *     would need for the interval to clear the margin; null if none would (the mean sits on it)
   * @param parts for a claim gated on controls: the controls' evidence, then the rule's own; else
   *     null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record Compared(
      Verdict verdict,
      String text,
      Comparison op,
      String definition,
      Map<Long, Double> left,
      Map<Long, Double> right,
      Map<Long, Double> difference,
      Double meanDifference,
      Double ciLow,
      Double ciHigh,
      Double margin,
      Double confidence,
      InconclusiveReason reason,
      Integer seedsNeeded,
      List<Evidence> parts)
      implements Evidence {

    @Override
    public Compared overridden(
        Verdict newVerdict, String newText, InconclusiveReason newReason, List<Evidence> newParts) {
      return new Compared(
          newVerdict,
          newText,
          op,
          definition,
          left,
          right,
          difference,
          meanDifference,
          ciLow,
          ciHigh,
          margin,
          confidence,
          newReason,
          newVerdict == Verdict.INCONCLUSIVE ? seedsNeeded : null,
          newParts);
    }
  }

  /** The evidence of an {@code all} rule, or of a claim whose control did not hold: its parts. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record Compound(Verdict verdict, String text, InconclusiveReason reason, List<Evidence> parts)
      implements Evidence {

    @Override
    public Compound overridden(
        Verdict newVerdict, String newText, InconclusiveReason newReason, List<Evidence> newParts) {
      return new Compound(newVerdict, newText, newReason, newParts);
    }
  }

  /**
   * Reads evidence back from summary.json: a comparison's if it has per-seed differences (every
   * summary's comparisons do, from the first), else a compound's.
   */
  final class Reader extends StdDeserializer<Evidence> {
    Reader() {
      super(Evidence.class);
    }

    @Override
    public Evidence deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode node = ctxt.readTree(p);
      return node.has("difference")
          ? ctxt.readTreeAsValue(node, Compared.class)
          : ctxt.readTreeAsValue(node, Compound.class);
    }
  }
}
