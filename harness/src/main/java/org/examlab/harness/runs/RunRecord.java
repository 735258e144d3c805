package org.examlab.harness.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.examlab.harness.config.ConfigLoader;
import org.examlab.harness.run.RunDirectory;
import org.examlab.harness.run.SummaryFile;
import org.examlab.harness.verdict.Verdict;

/**
 * What a run folder says about its run, read from its own files: the resolved config (config.yaml),
 * the code version (environment.json) and, once it finished, the summary: status, times,
 * throughput, per-seed measurements and verdicts. A folder still running or killed has no summary:
 * its {@link #state} says which.
 *
 * @param config the resolved config flattened to dotted keys ({@code training.learningRate}), lists
 *     by index ({@code seeds[0]})
 * @param measurements name to per-seed values (seed to value), in the summary's order
 * @param verdicts claim ID to verdict
 */
public record RunRecord(
    Path directory,
    String experiment,
    String runId,
    RunDirectory.State state,
    String codeVersion,
    double wallSeconds,
    double samplesPerSecond,
    Map<String, String> config,
    Map<String, Map<Long, Double>> measurements,
    Map<String, Verdict> verdicts) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads the run in {@code dir}; a file that is missing or unreadable leaves its part empty. */
  public static RunRecord read(Path dir) {
    RunDirectory.State state = RunDirectory.state(dir);
    Optional<SummaryFile> summary = SummaryFile.find(dir);
    Map<String, Map<Long, Double>> measurements =
        summary.map(SummaryFile::measurements).orElse(Map.of());
    Map<String, Verdict> verdicts = summary.map(SummaryFile::verdicts).orElse(Map.of());
    Map<String, String> config = new TreeMap<>();
    try {
      flatten(
          "",
          ConfigLoader.strictYamlMapper().readTree(dir.resolve("config.yaml").toFile()),
          config);
    } catch (IOException e) {
      // no config: nothing to compare
    }
    return new RunRecord(
        dir,
        dir.getParent() != null ? dir.getParent().getFileName().toString() : "",
        dir.getFileName().toString(),
        state,
        tree(dir.resolve("environment.json")).path("codeVersion").asText(""),
        summary.map(SummaryFile::wallSeconds).orElse(Double.NaN),
        summary.map(SummaryFile::samplesPerSecond).orElse(Double.NaN),
        config,
        measurements,
        verdicts);
  }

  /**
   * Every run folder under {@code resultsRoot} (of {@code experiment} only, if not null), oldest
   * first: the folders named by date that hold a config. Sweeps list their runs under {@code
   * sweep-*}/runs; claims reports are not runs.
   */
  public static List<RunRecord> list(Path resultsRoot, String experiment) throws IOException {
    List<RunRecord> runs = new ArrayList<>();
    if (!Files.isDirectory(resultsRoot)) {
      return runs;
    }
    try (Stream<Path> experiments = Files.list(resultsRoot)) {
      for (Path e : experiments.filter(Files::isDirectory).sorted().toList()) {
        String name = e.getFileName().toString();
        if (name.equals("claims") || (experiment != null && !experiment.equals(name))) {
          continue;
        }
        try (Stream<Path> dirs = Files.list(e)) {
          dirs.filter(d -> Files.isRegularFile(d.resolve("config.yaml")))
              .sorted(Comparator.comparing(Path::getFileName))
              .forEach(d -> runs.add(read(d)));
        }
      }
    }
    return runs;
  }

  /** Verdict to how many claims have it. */
  public Map<Verdict, Integer> verdictCounts() {
    Map<Verdict, Integer> counts = new LinkedHashMap<>();
    for (Verdict v : Verdict.values()) {
      counts.put(v, (int) verdicts.values().stream().filter(v::equals).count());
    }
    return counts;
  }

  private static JsonNode tree(Path file) {
    try {
      return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : JSON.missingNode();
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              f ->
                  flatten(
                      prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(),
                      f.getValue(),
                      into));
    } else if (node.isArray() && node.size() > 0 && node.get(0).isContainerNode()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(prefix + "[" + i + "]", node.get(i), into);
      }
    } else {
      into.put(prefix, node.isTextual() ? node.asText() : node.toString());
    }
  }
}
