package org.examlab.harness.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The run (or sweep) whose summary.json decides a config's claims, made now or reused.
 *
 * @param config the config file, relative to configs/
 * @param directory the run or sweep directory
 * @param reused whether it was found finished instead of run now
 * @param status completed, diverged or failed (a sweep: its runs' worst status)
 * @param wallSeconds the run's wall time; NaN for a sweep (many runs)
 * @param samplesPerSecond training throughput of the run; NaN for a sweep
 * @param peakResidentBytes the run's peak resident memory (summary.json); for a sweep the largest of its runs'; null if unknown
 * @param secondsHere how long getting it took in this report (a reused run: the time to find it)
 */
public record DecidingRun(String config, Path directory, boolean reused, String status, String error, double wallSeconds,
    double samplesPerSecond, Long peakResidentBytes, List<ClaimResult> claims, List<Path> plots, double secondsHere) {

  /** The same run, timed as it was obtained for this report. */
  public DecidingRun took(double seconds) {
    return new DecidingRun(config, directory, reused, status, error, wallSeconds, samplesPerSecond, peakResidentBytes, claims, plots, seconds);
  }

  static DecidingRun read(String config, Path directory, boolean reused) throws IOException {
    JsonNode summary = new ObjectMapper().readTree(directory.resolve("summary.json").toFile());
    List<ClaimResult> claims = new ArrayList<>();
    summary.path("claims").forEach(c -> claims.add(ClaimResult.of(c)));
    String status = summary.has("status") ? summary.path("status").asText() : sweepStatus(summary);
    List<Path> plots = new ArrayList<>();
    Path plotDir = directory.resolve("plots");
    if (Files.isDirectory(plotDir)) {
      try (Stream<Path> s = Files.list(plotDir)) {
        s.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().forEach(plots::add);
      }
    }
    return new DecidingRun(config, directory, reused, status, summary.hasNonNull("error") ? summary.path("error").asText() : null,
        summary.path("wallSeconds").asDouble(Double.NaN), summary.path("samplesPerSecond").asDouble(Double.NaN), peak(summary, directory),
        claims, plots, Double.NaN);
  }

  /** A run's peakResidentBytes; a sweep's: the largest over its runs' folders (runs/<id>/summary.json). */
  private static Long peak(JsonNode summary, Path directory) throws IOException {
    if (summary.hasNonNull("peakResidentBytes")) {
      return summary.path("peakResidentBytes").asLong();
    }
    Long peak = null;
    for (JsonNode run : summary.path("runs")) {
      Path runSummary = run.hasNonNull("directory") ? directory.resolve(run.path("directory").asText()).resolve("summary.json") : null;
      if (runSummary != null && Files.isRegularFile(runSummary)) {
        JsonNode s = new ObjectMapper().readTree(runSummary.toFile());
        if (s.hasNonNull("peakResidentBytes")) {
          peak = Math.max(peak == null ? 0 : peak, s.path("peakResidentBytes").asLong());
        }
      }
    }
    return peak;
  }

  /** A sweep's summary lists its runs; it failed if one of them did. */
  private static String sweepStatus(JsonNode summary) {
    boolean failed = false;
    for (JsonNode run : summary.path("runs")) {
      failed |= "failed".equals(run.path("status").asText());
    }
    return failed ? "failed" : "completed";
  }

  public static DecidingRun failed(String config, String error) {
    return new DecidingRun(config, null, false, "failed", error, Double.NaN, Double.NaN, null, List.of(), List.of(), Double.NaN);
  }
}
