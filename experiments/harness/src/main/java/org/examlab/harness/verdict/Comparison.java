package org.examlab.harness.verdict;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The direction a claim asserts: left is greater, or less, than right. */
public enum Comparison {
  GREATER(">"),
  LESS("<");

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
    throw new IllegalArgumentException("op must be '>' or '<', got '" + text + "'");
  }
}
