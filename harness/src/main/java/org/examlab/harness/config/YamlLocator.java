package org.examlab.harness.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the line of a dotted path ("training.epochs", "claims[1].rule") in a YAML text, so an error
 * can point at it, and finds a key given twice in one mapping. Jackson's bound trees forget
 * locations; re-reading the tokens is cheap and exact.
 */
final class YamlLocator {
  private YamlLocator() {}

  /** A key the same mapping gives twice: its dotted path and both lines (1-based). */
  record Duplicate(String path, int firstLine, int secondLine) {}

  /**
   * The 1-based line where {@code path} (or its deepest existing ancestor) starts; -1 if unknown.
   */
  static int lineOf(String yaml, String path) {
    int best = -1;
    int bestDepth = -1;
    for (Entry e : entries(yaml)) {
      boolean within =
          path.equals(e.path())
              || path.startsWith(e.path() + ".")
              || path.startsWith(e.path() + "[");
      if (within && e.path().length() > bestDepth) {
        bestDepth = e.path().length();
        best = e.line();
      }
    }
    return best;
  }

  /** The 1-based line where {@code path} itself is written; -1 if this text does not set it. */
  static int exactLineOf(String yaml, String path) {
    return entries(yaml).stream()
        .filter(e -> e.path().equals(path))
        .mapToInt(Entry::line)
        .findFirst()
        .orElse(-1);
  }

  /** The first key (in reading order) that its mapping already gave, if any. */
  static Optional<Duplicate> firstDuplicate(String yaml) {
    return entries(yaml).stream()
        .filter(e -> e.earlierLine() > 0)
        .map(e -> new Duplicate(e.path(), e.earlierLine(), e.line()))
        .findFirst();
  }

  /**
   * A key or a list element where the text writes it: its dotted path, its line, and for a key its
   * mapping already gave, the line of the first one (else -1).
   */
  private record Entry(String path, int line, int earlierLine) {}

  /**
   * An open mapping or list: its path, the next element index (-1 for a mapping) and a mapping's
   * keys so far with their lines.
   */
  private static final class Frame {
    final String path;
    int nextIndex;
    final Map<String, Integer> keyLines = new HashMap<>();

    Frame(String path, boolean list) {
      this.path = path;
      this.nextIndex = list ? 0 : -1;
    }

    String nextElement() {
      return path + "[" + nextIndex++ + "]";
    }
  }

  /**
   * Every key and list element in reading order; for text that stops parsing, those before the
   * error.
   */
  private static List<Entry> entries(String yaml) {
    List<Entry> entries = new ArrayList<>();
    try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
      Deque<Frame> open = new ArrayDeque<>();
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        Frame parent = open.peek();
        int line = parser.currentTokenLocation().getLineNr();
        switch (token) {
          case FIELD_NAME -> {
            String name = parser.currentName();
            Integer earlier = parent.keyLines.putIfAbsent(name, line);
            entries.add(new Entry(child(parent.path, name), line, earlier == null ? -1 : earlier));
          }
          case START_OBJECT, START_ARRAY -> {
            String path;
            if (parent == null) {
              path = "";
            } else if (parent.nextIndex >= 0) {
              path = parent.nextElement(); // a list element that is itself a mapping or list
              entries.add(new Entry(path, line, -1));
            } else {
              path =
                  child(
                      parent.path,
                      parser.currentName()); // a mapping's value: its key is already an entry
            }
            open.push(new Frame(path, token == JsonToken.START_ARRAY));
          }
          case END_OBJECT, END_ARRAY -> open.pop();
          default -> {
            if (parent != null && parent.nextIndex >= 0) {
              entries.add(new Entry(parent.nextElement(), line, -1));
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return entries;
    }
    return entries;
  }

  private static String child(String prefix, String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }
}
