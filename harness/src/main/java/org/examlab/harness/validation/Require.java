package org.examlab.harness.validation;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Checks used in settings records' compact constructors; each failure names its field. */
public final class Require {
  private static final Pattern MEASUREMENT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private Require() {}

  public static int inRange(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidSettingException(
          field, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  public static double inRange(String field, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new InvalidSettingException(
          field, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  public static double positive(String field, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new InvalidSettingException(field, "must be a positive number, got " + value);
    }
    return value;
  }

  public static <T> T present(String field, T value) {
    if (value == null) {
      throw new InvalidSettingException(field, "is required");
    }
    return value;
  }

  public static String nonBlank(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidSettingException(field, "is required and must not be empty");
    }
    return value;
  }

  /** Non-empty, every element within [min, max], no repeats. */
  public static List<Integer> distinctInRange(
      String field, List<Integer> values, int min, int max) {
    if (values == null || values.isEmpty()) {
      throw new InvalidSettingException(field, "must list at least one value");
    }
    for (Integer v : values) {
      if (v == null || v < min || v > max) {
        throw new InvalidSettingException(
            field, "every value must be between " + min + " and " + max + ", got " + v);
      }
    }
    requireDistinct(field, values);
    return List.copyOf(values);
  }

  /** A name that becomes part of measurement names: lower-case letters, digits and '-'. */
  public static String measurementName(String field, String name) {
    nonBlank(field, name);
    if (!MEASUREMENT_NAME.matcher(name).matches()) {
      throw new InvalidSettingException(
          field, "use lower-case letters, digits and '-', got '" + name + "'");
    }
    return name;
  }

  /**
   * A non-empty list whose items have distinct names (e.g. an experiment's variants); an immutable
   * copy.
   */
  public static <T> List<T> distinctlyNamed(String field, List<T> items, Function<T, String> name) {
    if (items == null || items.isEmpty()) {
      throw new InvalidSettingException(field, "must list at least one entry");
    }
    requireDistinct(field, items.stream().map(name).toList());
    return List.copyOf(items);
  }

  public static void requireDistinct(String field, Collection<?> values) {
    if (new HashSet<>(values).size() != values.size()) {
      throw new InvalidSettingException(field, "must not repeat a value, got " + values);
    }
  }
}
