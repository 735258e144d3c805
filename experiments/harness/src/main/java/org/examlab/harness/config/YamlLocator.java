package org.examlab.harness.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Finds the line of a dotted path ("training.epochs", "claims[1].rule") in a YAML text, so
 * an error can point at it. Jackson's bound trees forget locations; re-reading the tokens is
 * cheap and exact.
 */
final class YamlLocator {
  private YamlLocator() {}

  /** The 1-based line where {@code path} (or its deepest existing ancestor) starts; -1 if unknown. */
  static int lineOf(String yaml, String path) {
    return locate(yaml, path, false);
  }

  /** The 1-based line where {@code path} itself is written; -1 if this text does not set it. */
  static int exactLineOf(String yaml, String path) {
    return locate(yaml, path, true);
  }

  private static int locate(String yaml, String path, boolean exact) {
    int best = -1;
    int bestDepth = -1;
    try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
      // Each frame holds the path so far and, for lists, the next element index (-1 for mappings;
      // ArrayDeque holds no nulls).
      Deque<String> names = new ArrayDeque<>();
      Deque<int[]> arrayIndex = new ArrayDeque<>();
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        String current = null;
        switch (token) {
          case FIELD_NAME -> {
            String prefix = names.isEmpty() ? "" : names.peek();
            current = prefix.isEmpty() ? parser.currentName() : prefix + "." + parser.currentName();
          }
          case START_OBJECT, START_ARRAY -> {
            String base = containerPath(parser, names, arrayIndex);
            names.push(base);
            arrayIndex.push(new int[] {token == JsonToken.START_ARRAY ? 0 : -1});
            if (!base.endsWith("]")) {
              continue; // a mapping's value: its key's line was already considered
            }
            current = base; // a list element that is itself a mapping or list
          }
          case END_OBJECT, END_ARRAY -> {
            names.pop();
            arrayIndex.pop();
            continue;
          }
          default -> {
            if (!arrayIndex.isEmpty() && arrayIndex.peek()[0] >= 0) {
              current = names.peek() + "[" + arrayIndex.peek()[0]++ + "]";
            }
          }
        }
        boolean matches = exact ? path.equals(current)
            : current != null && (path.equals(current) || path.startsWith(current + ".") || path.startsWith(current + "["));
        if (matches) {
          int depth = current.length();
          if (depth > bestDepth) {
            bestDepth = depth;
            best = parser.currentTokenLocation().getLineNr();
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return best;
    }
    return best;
  }

  private static String containerPath(JsonParser parser, Deque<String> names, Deque<int[]> arrayIndex) throws IOException {
    if (names.isEmpty()) {
      return "";
    }
    int[] index = arrayIndex.peek();
    if (index[0] >= 0) {
      return names.peek() + "[" + index[0]++ + "]";
    }
    String prefix = names.peek();
    String name = parser.currentName();
    return prefix.isEmpty() ? name : prefix + "." + name;
  }
}
