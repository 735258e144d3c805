package org.examlab.harness.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds the first key in a config tree that its settings record does not have. Jackson reports a
 * missing required value before an unknown key beside it, so a typo ("hiden: 4") would read as
 * "hidden is required"; checking names first gives the message that points at the typo.
 */
final class UnknownKeys {
  private UnknownKeys() {}

  /** An unknown key: its dotted path and the keys valid at that level. */
  record Unknown(String path, List<String> validKeys) {}

  static Optional<Unknown> find(JsonNode node, Type type, String path) {
    Class<?> raw = raw(type);
    if (raw == null) {
      return Optional.empty();
    }
    if ((raw.isRecord() || isSealedOverRecords(raw)) && node.isObject()) {
      RecordComponent[] components = components(raw);
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        String childPath = path.isEmpty() ? name : path + "." + name;
        RecordComponent match =
            Arrays.stream(components)
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElse(null);
        if (match == null) {
          return Optional.of(
              new Unknown(
                  childPath,
                  List.copyOf(
                      new TreeSet<>(
                          Arrays.stream(components).map(RecordComponent::getName).toList()))));
        }
        Optional<Unknown> inner = find(node.get(name), match.getGenericType(), childPath);
        if (inner.isPresent()) {
          return inner;
        }
      }
    } else if (List.class.isAssignableFrom(raw)
        && node.isArray()
        && type instanceof ParameterizedType p) {
      for (int i = 0; i < node.size(); i++) {
        Optional<Unknown> inner =
            find(node.get(i), p.getActualTypeArguments()[0], path + "[" + i + "]");
        if (inner.isPresent()) {
          return inner;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A sealed interface over records (a verdict rule: a comparison or {@code all}) is written as one
   * mapping: its keys are those of every record it permits.
   */
  private static boolean isSealedOverRecords(Class<?> raw) {
    return raw.isSealed() && Arrays.stream(raw.getPermittedSubclasses()).allMatch(Class::isRecord);
  }

  private static RecordComponent[] components(Class<?> raw) {
    if (raw.isRecord()) {
      return raw.getRecordComponents();
    }
    return Arrays.stream(raw.getPermittedSubclasses())
        .flatMap(c -> Arrays.stream(c.getRecordComponents()))
        .toArray(RecordComponent[]::new);
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    return type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
  }
}
