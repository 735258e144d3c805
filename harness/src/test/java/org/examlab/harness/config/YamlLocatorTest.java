package org.examlab.harness.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlLocatorTest {
  private static final String YAML =
      """
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
    assertEquals(
        2, YamlLocator.lineOf(YAML, "training.missing"), "unknown child: the parent's line");
    assertEquals(-1, YamlLocator.lineOf(YAML, "nowhere"));
  }

  @Test
  void findsAKeyGivenTwiceInOneMappingWithBothLines() {
    assertEquals(
        Optional.empty(),
        YamlLocator.firstDuplicate(YAML),
        "the same key in two list items is no duplicate");
    assertEquals(
        Optional.of(new YamlLocator.Duplicate("training.epochs", 3, 5)),
        YamlLocator.firstDuplicate(
            YAML.replace("  batchSize: 16\n", "  batchSize: 16\n  epochs: 4\n")));
    assertEquals(
        Optional.of(new YamlLocator.Duplicate("claims[1].id", 8, 9)),
        YamlLocator.firstDuplicate(YAML.replace("  - id: b\n", "  - id: b\n    id: c\n")));
    assertEquals(
        Optional.of(new YamlLocator.Duplicate("claims[0].rule.op", 7, 7)),
        YamlLocator.firstDuplicate(YAML.replace("op: \">\"}", "op: \">\", op: \"<\"}")));
    assertEquals(
        Optional.of(new YamlLocator.Duplicate("training", 2, 11)),
        YamlLocator.firstDuplicate(YAML + "training:\n  epochs: 3\n"),
        "a repeated block: its key, not its contents");
  }
}
