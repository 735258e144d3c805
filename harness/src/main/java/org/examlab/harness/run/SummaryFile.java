package org.examlab.harness.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.examlab.harness.verdict.ArmConvergence;
import org.examlab.harness.verdict.ClaimKind;
import org.examlab.harness.verdict.ClaimOrigin;
import org.examlab.harness.verdict.Evidence;
import org.examlab.harness.verdict.Stance;
import org.examlab.harness.verdict.Verdict;

/**
 * A run's or a sweep's {@code summary.json} read back: the one place that knows its fields ({@link
 * RunSummary} writes a run's; {@code SweepAggregate} a sweep's). Every reader (the claims report,
 * sweeps, {@code examlab runs} and {@code compare}, resume) goes through it.
 */
public final class SummaryFile {
  public static final String NAME = "summary.json";
  // A summary written by an older version may carry fields this one no longer writes.
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

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
    return convergence(tree.path("convergence"));
  }

  private static List<ArmConvergence> convergence(JsonNode arms) {
    List<ArmConvergence> out = new ArrayList<>();
    for (JsonNode t : arms) {
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

  /**
   * A decided claim as summary.json states it ({@code ClaimVerdict} writes it).
   *
   * @param kind null in a summary written before kinds existed
   * @param stance the exam's stance; NONE for a project claim
   * @param source where in the exam the statement is; null for a project claim
   * @param verdict INCONCLUSIVE where the summary names none this version knows
   * @param rule the rule as one line of text
   * @param evidence the numbers behind the verdict; null in a summary that has none
   * @param convergence the trainings the claim relies on; empty if it names none
   */
  public record Claim(
      String id,
      String statement,
      ClaimKind kind,
      ClaimOrigin origin,
      Stance stance,
      String source,
      String quote,
      String answer,
      Verdict verdict,
      String rule,
      Evidence evidence,
      List<ArmConvergence> convergence) {}

  /**
   * Each verdict as written (rule, evidence, parts), in the order of the config's claims; an
   * IOException if a claim's evidence cannot be read.
   */
  public List<Claim> claims() throws IOException {
    List<Claim> out = new ArrayList<>();
    for (JsonNode c : tree.path("claims")) {
      out.add(claim(c));
    }
    return out;
  }

  private static Claim claim(JsonNode claim) throws JsonProcessingException {
    JsonNode exam = claim.path("exam");
    return new Claim(
        claim.path("id").asText(),
        claim.path("statement").asText(),
        claim.hasNonNull("kind")
            ? ClaimKind.valueOf(claim.path("kind").asText().toUpperCase(Locale.ROOT))
            : null,
        claim.path("origin").asText("exam").equals("project")
            ? ClaimOrigin.PROJECT
            : ClaimOrigin.EXAM,
        exam.hasNonNull("stance")
            ? Stance.valueOf(exam.path("stance").asText().toUpperCase(Locale.ROOT))
            : Stance.NONE,
        text(exam, "source"),
        text(exam, "quote"),
        text(exam, "answer"),
        verdictOf(claim.path("verdict").asText()),
        claim.path("rule").asText(),
        claim.hasNonNull("evidence")
            ? JSON.treeToValue(claim.path("evidence"), Evidence.class)
            : null,
        convergence(claim.path("convergence")));
  }

  /** {@code claim id -> verdict}. */
  public Map<String, Verdict> verdicts() {
    Map<String, Verdict> out = new LinkedHashMap<>();
    tree.path("claims")
        .forEach(c -> out.put(c.path("id").asText(), verdictOf(c.path("verdict").asText())));
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
      return RunStatus.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return RunStatus.FAILED;
    }
  }

  private static Verdict verdictOf(String text) {
    try {
      return Verdict.valueOf(text);
    } catch (IllegalArgumentException e) {
      return Verdict.INCONCLUSIVE;
    }
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.path(field).asText() : null;
  }

  /** summary.json writes NaN and infinities as strings. */
  private static double number(JsonNode v) {
    return v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText());
  }
}
