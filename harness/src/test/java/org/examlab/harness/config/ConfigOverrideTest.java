package org.examlab.harness.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.examlab.harness.validation.ConfigException;
import org.junit.jupiter.api.Test;

class OverrideTest {
  private final ObjectMapper yaml = ConfigLoader.strictYamlMapper();

  @Test
  void valuesAreTypedLikeYaml() throws Exception {
    assertTrue(ConfigOverride.parse("a=3", yaml).value().isInt());
    assertTrue(ConfigOverride.parse("a=0.01", yaml).value().isDouble());
    assertTrue(ConfigOverride.parse("a=1e-3", yaml).value().isNumber());
    assertTrue(ConfigOverride.parse("a=true", yaml).value().isBoolean());
    assertTrue(ConfigOverride.parse("a=[1, 2, 3]", yaml).value().isArray());
    assertEquals("cuda", ConfigOverride.parse("a=cuda", yaml).value().asText());
    assertEquals(
        "x=y", ConfigOverride.parse("a=x=y", yaml).value().asText(), "only the first '=' splits");
    assertEquals("", ConfigOverride.parse("a=", yaml).value().asText());
  }

  @Test
  void dottedKeysCreateOrEnterGroups() throws Exception {
    ObjectNode tree = (ObjectNode) yaml.readTree("training: {epochs: 3}\n");
    ConfigOverride.parse("training.epochs=5", yaml).applyTo(tree);
    ConfigOverride.parse("model.hidden.size=7", yaml).applyTo(tree);
    assertEquals(5, tree.at("/training/epochs").asInt());
    assertEquals(7, tree.at("/model/hidden/size").asInt());
  }

  @Test
  void malformedOverridesAreRejected() throws Exception {
    assertThrows(ConfigException.class, () -> ConfigOverride.parse("noequals", yaml));
    assertThrows(ConfigException.class, () -> ConfigOverride.parse("=3", yaml));
    assertThrows(ConfigException.class, () -> ConfigOverride.parse("a..b=3", yaml));
    assertThrows(ConfigException.class, () -> ConfigOverride.parse("a b=3", yaml));
    ObjectNode tree = (ObjectNode) yaml.readTree("training: 3\n");
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ConfigOverride.parse("training.epochs=5", yaml).applyTo(tree));
    assertEquals("training.epochs", e.key());
  }

  @Test
  void coversItsOwnPathAndItsChildren() throws Exception {
    ConfigOverride o = ConfigOverride.parse("training.epochs=5", yaml);
    assertTrue(o.covers("training.epochs"));
    assertFalse(o.covers("training.batchSize"));
    assertTrue(ConfigOverride.parse("training=5", yaml).covers("training.epochs"));
  }
}
