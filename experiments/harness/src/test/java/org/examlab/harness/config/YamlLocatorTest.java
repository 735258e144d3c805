package org.examlab.harness.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class YamlLocatorTest {
  private static final String YAML = """
      experiment: toy
      training:
        epochs: 3
        batchSize: 16
      claims:
        - id: a
          rule: {left: x, op: ">"}
        - id: b
          rule:
            left: y
      """;

  @Test
  void findsNestedKeysListItemsAndFallsBackToTheParent() {
    assertEquals(1, YamlLocator.lineOf(YAML, "experiment"));
    assertEquals(3, YamlLocator.lineOf(YAML, "training.epochs"));
    assertEquals(4, YamlLocator.lineOf(YAML, "training.batchSize"));
    assertEquals(6, YamlLocator.lineOf(YAML, "claims[0]"));
    assertEquals(7, YamlLocator.lineOf(YAML, "claims[0].rule"));
    assertEquals(10, YamlLocator.lineOf(YAML, "claims[1].rule.left"));
    assertEquals(2, YamlLocator.lineOf(YAML, "training.missing"), "unknown child: the parent's line");
    assertEquals(-1, YamlLocator.lineOf(YAML, "nowhere"));
  }
}
