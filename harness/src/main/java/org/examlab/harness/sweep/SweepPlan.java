package org.examlab.harness.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cartesian product of a sweep's axes: one {@link Variant} per combination of values, in the
 * order the axes and values are written. Each variant runs once per seed.
 */
public record SweepPlan(Map<String, List<JsonNode>> axes, List<Variant> variants) {

  /**
   * One combination of axis values.
   *
   * @param label how claims and tables name it: the value alone for one axis ("dropout"), else
   *     "key=value" pairs by the key's last segment ("strategy=dropout,learningRate=0.1")
   * @param overrides the {@code key=value} overrides that produce it
   */
  public record Variant(String label, List<String> overrides) {
    /** A file-name-safe form of the label. */
    public String directoryName() {
      return label.replaceAll("[^A-Za-z0-9._=-]+", "_");
    }
  }

  public static SweepPlan of(Map<String, List<JsonNode>> axes) {
    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant("", List.of()));
    for (Map.Entry<String, List<JsonNode>> axis : axes.entrySet()) {
      List<Variant> next = new ArrayList<>();
      String shortKey = axis.getKey().substring(axis.getKey().lastIndexOf('.') + 1);
      for (Variant v : variants) {
        for (JsonNode value : axis.getValue()) {
          String text = value.isTextual() ? value.asText() : value.toString();
          String part = axes.size() == 1 ? text : shortKey + "=" + text;
          List<String> overrides = new ArrayList<>(v.overrides());
          overrides.add(axis.getKey() + "=" + value.toString());
          next.add(
              new Variant(
                  v.label().isEmpty() ? part : v.label() + "," + part, List.copyOf(overrides)));
        }
      }
      variants = next;
    }
    return new SweepPlan(new LinkedHashMap<>(axes), List.copyOf(variants));
  }

  /** A command-line axis, {@code key=v1,v2,...}, its values still as text. */
  public record AxisArgument(String key, List<String> values) {

    /**
     * Splits at top-level commas: commas inside brackets or braces ({@code [1,2]}) do not split.
     */
    public static AxisArgument parse(String argument) {
      int eq = argument.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected key=v1,v2,... got '" + argument + "'");
      }
      List<String> values = new ArrayList<>();
      int depth = 0;
      StringBuilder current = new StringBuilder();
      for (char c : argument.substring(eq + 1).toCharArray()) {
        depth += c == '[' || c == '{' ? 1 : c == ']' || c == '}' ? -1 : 0;
        if (c == ',' && depth == 0) {
          values.add(current.toString().trim());
          current.setLength(0);
        } else {
          current.append(c);
        }
      }
      values.add(current.toString().trim());
      return new AxisArgument(argument.substring(0, eq).trim(), List.copyOf(values));
    }
  }
}
