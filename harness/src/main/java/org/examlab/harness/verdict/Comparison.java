package org.examlab.harness.verdict;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a claim asserts of left and right: left is greater, less, or equal within the rule's margin
 * (an exam's hand-computed number against the framework's).
 */
public enum Comparison {
  GREATER(">"),
  LESS("<"),
  EQUAL("=");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  @JsonValue
  public String symbol() {
    return symbol;
  }

  @JsonCreator
  public static Comparison parse(String text) {
    for (Comparison c : values()) {
      if (c.symbol.equals(text) || c.name().equalsIgnoreCase(text)) {
        return c;
      }
    }
    throw new IllegalArgumentException("op must be '>', '<' or '=', got '" + text + "'");
  }
}
