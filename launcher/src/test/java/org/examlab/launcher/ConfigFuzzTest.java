package org.examlab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.examlab.launcher.ExamLabCliTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random mutations of every shipped config (a key dropped, given twice, retyped, renamed, a
 * number scaled, the file cut short), each through {@code examlab validate}: exit 0, or exit 2 with
 * one message naming the file (and the key); never a stack trace or another exit status, and
 * nothing written. A key given twice must be exit 2 saying so. The same cases every run.
 */
class ConfigFuzzTest {
  static final long SEED = 20;
  static final int CASES_PER_CONFIG = 16;

  /** Values of every type a setting might wrongly get. */
  static final List<String> WRONG_VALUES =
      List.of(
          "\"text\"",
          "true",
          "[1, 2]",
          "{a: 1}",
          "-3",
          "0.5",
          "~",
          "\"\"",
          ".nan",
          "-.inf",
          "1e400",
          "99999999999999999999",
          "[]",
          "{}",
          "0");

  static final List<String> FACTORS = List.of("0", "-1", "0.5", "3", "1000", "1e9");
  static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  @TempDir Path tmp;

  /** One mutated config: what was done (for a failure's report) and the text. */
  record Mutation(String what, String text, boolean keyGivenTwice) {}

  /** A key written at the start of its line (block style): its line index, column and name. */
  record Key(int line, int column, String name) {}

  @Test
  void mutatedShippedConfigsExitZeroOrTwoNamingTheFileAndNeverThrow(TestReporter reporter)
      throws Exception {
    Path configs = copy(ExamLabCliTest.HOME.resolve("configs"), tmp.resolve("configs"));
    List<Path> shipped;
    try (Stream<Path> files = Files.list(configs)) {
      shipped = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    Random random = new Random(SEED);
    List<String> problems = new ArrayList<>();
    Map<String, Integer> kinds = new TreeMap<>();
    int cases = 0;
    int rejected = 0;
    long started = System.nanoTime();
    for (Path config : shipped) {
      String original = Files.readString(config);
      for (int i = 0; i < CASES_PER_CONFIG; i++) {
        Mutation m = mutate(original, i % 6, random);
        Files.writeString(config, m.text());
        Result r = ExamLabCliTest.examlab("validate", config.toString());
        cases++;
        kinds.merge(m.what().split(" ")[0], 1, Integer::sum);
        rejected += r.status() == 2 ? 1 : 0;
        String problem = problem(m, r);
        if (problem != null) {
          problems.add(config.getFileName() + " #" + i + " (" + m.what() + "): " + problem);
        }
      }
      Files.writeString(config, original);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    String count =
        String.format(
            Locale.ROOT,
            "%d mutations of %d configs %s: %d valid (exit 0), %d rejected (exit 2), in %.1f s",
            cases,
            shipped.size(),
            kinds,
            cases - rejected,
            rejected,
            seconds);
    System.out.println("config fuzz: " + count);
    reporter.publishEntry("config fuzz", count);
    assertEquals(List.of(), problems, count);
    assertTrue(rejected > 0 && rejected < cases, count);
    assertEquals(6, kinds.size(), "every kind of mutation: " + kinds);
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(List.of(configs), left.toList(), "validate writes nothing");
    }
  }

  /** What is wrong with how {@code examlab validate} took {@code m}, or null. */
  private static String problem(Mutation m, Result r) {
    String terminal = r.out() + r.err();
    if (terminal.lines().anyMatch(l -> l.matches("\\s+at .*") || l.startsWith("Caused by"))) {
      return "a stack trace:\n" + terminal;
    }
    if (r.status() == 0) {
      return m.keyGivenTwice() ? "a key given twice was accepted" : null;
    }
    if (r.status() != 2) {
      return "exit " + r.status() + ":\n" + terminal;
    }
    List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
    if (errors.size() != 1 || !errors.get(0).contains(".yaml")) {
      return "not one message naming the file:\n" + r.err();
    }
    if (m.keyGivenTwice() && !errors.get(0).contains("given twice")) {
      return "a key given twice, but: " + errors.get(0);
    }
    return null;
  }

  /**
   * Mutation {@code kind} (0 drop, 1 duplicate, 2 retype, 3 scale, 4 rename, 5 truncate) of {@code
   * text}.
   */
  static Mutation mutate(String text, int kind, Random random) throws IOException {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    List<Key> keys = blockKeys(text, lines);
    if (kind == 5 || keys.isEmpty()) {
      int cut = random.nextInt(text.length());
      return new Mutation("truncated at character " + cut, text.substring(0, cut), false);
    }
    Key key = keys.get(random.nextInt(keys.size()));
    int end = endOfBlock(lines, key);
    String line = lines.get(key.line());
    String head = line.substring(0, key.column());
    String where = "'" + key.name() + "' (line " + (key.line() + 1) + ")";
    switch (kind) {
      case 0 -> {
        lines.subList(key.line(), end).clear();
        return new Mutation("dropped " + where, String.join("\n", lines), false);
      }
      case 1 -> {
        List<String> copy = new ArrayList<>(lines.subList(key.line(), end));
        copy.set(
            0,
            " ".repeat(key.column())
                + line.substring(key.column())); // "- id: x" repeats as "  id: x"
        lines.addAll(end, copy);
        return new Mutation("duplicated " + where, String.join("\n", lines), true);
      }
      case 2 -> {
        String value = WRONG_VALUES.get(random.nextInt(WRONG_VALUES.size()));
        lines.subList(key.line() + 1, end).clear();
        lines.set(key.line(), head + key.name() + ": " + value);
        return new Mutation("retyped " + where + " as " + value, String.join("\n", lines), false);
      }
      case 3 -> {
        String factor = FACTORS.get(random.nextInt(FACTORS.size()));
        List<Integer> numbered = new ArrayList<>();
        for (int i = key.line(); i < end; i++) {
          if (NUMBER
              .matcher(
                  lines.get(i).substring(i == key.line() ? key.column() + key.name().length() : 0))
              .find()) {
            numbered.add(i);
          }
        }
        if (numbered.isEmpty()) {
          return mutate(text, 2, random); // nothing to scale here: retype instead
        }
        int at = numbered.get(random.nextInt(numbered.size()));
        int from = at == key.line() ? key.column() + key.name().length() : 0;
        Matcher n = NUMBER.matcher(lines.get(at));
        n.find(from);
        lines.set(
            at,
            lines.get(at).substring(0, n.start())
                + scaled(n.group(), factor)
                + lines.get(at).substring(n.end()));
        return new Mutation(
            "scaled a number of " + where + " by " + factor, String.join("\n", lines), false);
      }
      default -> {
        String name = key.name();
        String renamed =
            switch (random.nextInt(3)) {
              case 0 -> name + "s";
              case 1 -> name.length() > 1 ? name.substring(0, name.length() - 1) : name + "x";
              default ->
                  Character.isUpperCase(name.charAt(0))
                      ? name.toLowerCase(Locale.ROOT)
                      : name.toUpperCase(Locale.ROOT);
            };
        lines.set(key.line(), head + renamed + line.substring(key.column() + name.length()));
        return new Mutation(
            "renamed " + where + " to '" + renamed + "'", String.join("\n", lines), false);
      }
    }
  }

  /** {@code number} times {@code factor}, written out in full. */
  private static String scaled(String number, String factor) {
    return new BigDecimal(number).multiply(new BigDecimal(factor)).toPlainString();
  }

  /**
   * Every key the parser meets that starts its line (after "- "), so a line edit changes exactly
   * that key.
   */
  private static List<Key> blockKeys(String text, List<String> lines) throws IOException {
    List<Key> keys = new ArrayList<>();
    try (JsonParser parser = new YAMLFactory().createParser(text)) {
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
        if (t == JsonToken.FIELD_NAME) {
          int line = parser.currentTokenLocation().getLineNr() - 1;
          int column = parser.currentTokenLocation().getColumnNr() - 1;
          String name = parser.currentName();
          String written = lines.get(line);
          if (written.substring(0, column).matches("\\s*(- )*")
              && written.startsWith(name + ":", column)) {
            keys.add(new Key(line, column, name));
          }
        }
      }
    }
    return keys;
  }

  /**
   * The index after {@code key}'s block: its line and every following blank, comment or
   * deeper-indented line.
   */
  private static int endOfBlock(List<String> lines, Key key) {
    int end = key.line() + 1;
    while (end < lines.size()) {
      String l = lines.get(end);
      int indent = l.length() - l.stripLeading().length();
      if (!l.isBlank() && !l.stripLeading().startsWith("#") && indent <= key.column()) {
        break;
      }
      end++;
    }
    return end;
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }
}
