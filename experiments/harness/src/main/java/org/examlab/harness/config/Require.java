package org.examlab.harness.config;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;

/** Checks used in settings records' compact constructors; each failure names its field. */
public final class Require {
  private Require() {}

  public static int inRange(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidSettingException(field, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  public static double inRange(String field, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new InvalidSettingException(field, "must be between " + min + " and " + max + ", got " + value);
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
  public static List<Integer> distinctInRange(String field, List<Integer> values, int min, int max) {
    if (values == null || values.isEmpty()) {
      throw new InvalidSettingException(field, "must list at least one value");
    }
    for (Integer v : values) {
      if (v == null || v < min || v > max) {
        throw new InvalidSettingException(field, "every value must be between " + min + " and " + max + ", got " + v);
      }
    }
    requireDistinct(field, values);
    return List.copyOf(values);
  }

  public static void requireDistinct(String field, Collection<?> values) {
    if (new HashSet<>(values).size() != values.size()) {
      throw new InvalidSettingException(field, "must not repeat a value, got " + values);
    }
  }
}
