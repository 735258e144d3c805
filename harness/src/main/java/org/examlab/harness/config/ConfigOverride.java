package org.examlab.harness.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;
import org.examlab.harness.validation.ConfigException;

/**
 * One command-line override, {@code dotted.path=value}. The value is read as a YAML scalar or flow
 * collection ({@code 3}, {@code 0.01}, {@code true}, {@code [1, 2, 3]}, {@code cuda}), so it is
 * type-checked exactly as if it had been written in the file.
 */
public record ConfigOverride(String key, JsonNode value, String text) {
  private static final Pattern KEY =
      Pattern.compile("[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z][A-Za-z0-9_-]*)*");

  public static ConfigOverride parse(String text, ObjectMapper yaml) throws ConfigException {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException(
          "", "override '" + text + "'", "expected key=value, e.g. training.epochs=3");
    }
    String key = text.substring(0, eq).trim();
    String raw = text.substring(eq + 1).trim();
    if (!KEY.matcher(key).matches()) {
      throw new ConfigException(
          key, "override '" + text + "'", "a key is a dotted path of names, e.g. training.epochs");
    }
    JsonNode value;
    try {
      value = raw.isEmpty() ? JsonNodeFactory.instance.textNode("") : yaml.readTree(raw);
    } catch (Exception e) {
      value = JsonNodeFactory.instance.textNode(raw); // not YAML: keep the literal text
    }
    if (value == null || value.isMissingNode()) {
      value = JsonNodeFactory.instance.textNode(raw);
    }
    return new ConfigOverride(key, value, text);
  }

  /** Writes this override into {@code tree}, creating intermediate groups as needed. */
  public void applyTo(ObjectNode tree) throws ConfigException {
    String[] parts = key.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (child == null || child.isNull()) {
        node = node.putObject(parts[i]);
      } else if (child.isObject()) {
        node = (ObjectNode) child;
      } else {
        String prefix = String.join(".", java.util.Arrays.copyOf(parts, i + 1));
        throw new ConfigException(
            key, where(), "'" + prefix + "' is a single value, not a group of settings");
      }
    }
    node.set(parts[parts.length - 1], value);
  }

  /** Whether an error at {@code path} comes from this override's value. */
  public boolean covers(String path) {
    return path.equals(key)
        || path.startsWith(key + ".")
        || path.startsWith(key + "[")
        || key.startsWith(path + ".");
  }

  public String where() {
    return "override " + text;
  }
}
