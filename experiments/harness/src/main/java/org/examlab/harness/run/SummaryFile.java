package org.examlab.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.examlab.harness.verdict.ArmConvergence;

/**
 * A run's or a sweep's {@code summary.json} read back: the one place that knows its fields ({@link
 * RunSummary} writes a run's; {@code SweepAggregate} a sweep's). Every reader (the claims report,
 * sweeps, {@code examlab runs} and {@code compare}, resume) goes through it.
 */
public final class SummaryFile {
  public static final String NAME = "summary.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode tree;

  private SummaryFile(JsonNode tree) {
    this.tree = tree;
  }

  /** The summary in {@code dir}; an IOException if it is missing or unreadable. */
  public static SummaryFile read(Path dir) throws IOException {
    return new SummaryFile(JSON.readTree(dir.resolve(NAME).toFile()));
  }

  /** The summary in {@code dir}, or empty if there is none or it cannot be read. */
  public static Optional<SummaryFile> find(Path dir) {
    if (!Files.isRegularFile(dir.resolve(NAME))) {
      return Optional.empty();
    }
    try {
      return Optional.of(read(dir));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A sweep's summary lists its runs instead of a status of its own. */
  public boolean isSweep() {
    return !tree.has("status") && tree.has("runs");
  }

  /** How the run ended; a sweep: FAILED if one of its runs failed, else COMPLETED. */
  public RunStatus status() {
    if (isSweep()) {
      return runs().stream().anyMatch(r -> r.status() == RunStatus.FAILED)
          ? RunStatus.FAILED
          : RunStatus.COMPLETED;
    }
    return statusOf(tree.path("status").asText());
  }

  public Optional<String> error() {
    return tree.hasNonNull("error") ? Optional.of(tree.path("error").asText()) : Optional.empty();
  }

  /** NaN if absent (a sweep). */
  public double wallSeconds() {
    return tree.path("wallSeconds").asDouble(Double.NaN);
  }

  /** NaN if absent (a sweep). */
  public double samplesPerSecond() {
    return tree.path("samplesPerSecond").asDouble(Double.NaN);
  }

  public Optional<Long> peakResidentBytes() {
    return tree.hasNonNull("peakResidentBytes")
        ? Optional.of(tree.path("peakResidentBytes").asLong())
        : Optional.empty();
  }

  /** {@code name -> seed -> value} of every measurement (NaN and infinities included). */
  public Map<String, Map<Long, Double>> measurements() {
    Map<String, Map<Long, Double>> out = new LinkedHashMap<>();
    tree.path("measurements")
        .fields()
        .forEachRemaining(
            m -> {
              Map<Long, Double> perSeed = new TreeMap<>();
              m.getValue()
                  .path("perSeed")
                  .fields()
                  .forEachRemaining(
                      s -> perSeed.put(Long.parseLong(s.getKey()), number(s.getValue())));
              out.put(m.getKey(), perSeed);
            });
    return out;
  }

  /** Every training of the run with its convergence. */
  public List<ArmConvergence> convergence() {
    List<ArmConvergence> out = new ArrayList<>();
    for (JsonNode t : tree.path("convergence")) {
      out.add(
          new ArmConvergence(
              t.path("task").asText(),
              t.path("seed").asLong(),
              t.path("epochs").asInt(),
              t.path("converged").asBoolean(),
              t.path("reason").asText()));
    }
    return out;
  }

  /** Each verdict as written (rule, evidence, parts), in the order of the config's claims. */
  public List<JsonNode> claims() {
    List<JsonNode> out = new ArrayList<>();
    tree.path("claims").forEach(out::add);
    return out;
  }

  /** {@code claim id -> verdict}. */
  public Map<String, String> verdicts() {
    Map<String, String> out = new LinkedHashMap<>();
    claims().forEach(c -> out.put(c.path("id").asText(), c.path("verdict").asText()));
    return out;
  }

  /** One run of a sweep: its variant, seed, folder (relative to the sweep's) and status. */
  public record SweepRun(String variant, long seed, String directory, RunStatus status) {}

  /** A sweep's runs; empty for a run. */
  public List<SweepRun> runs() {
    List<SweepRun> out = new ArrayList<>();
    for (JsonNode r : tree.path("runs")) {
      out.add(
          new SweepRun(
              r.path("variant").asText(),
              r.path("seed").asLong(),
              r.hasNonNull("directory") ? r.path("directory").asText() : null,
              statusOf(r.path("status").asText())));
    }
    return out;
  }

  private static RunStatus statusOf(String text) {
    try {
      return RunStatus.valueOf(text.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return RunStatus.FAILED;
    }
  }

  /** summary.json writes NaN and infinities as strings. */
  private static double number(JsonNode v) {
    return v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText());
  }
}
