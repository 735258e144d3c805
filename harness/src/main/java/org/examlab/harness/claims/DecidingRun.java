package org.examlab.harness.claims;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.examlab.harness.run.RunStatus;
import org.examlab.harness.run.SummaryFile;

/**
 * The run (or sweep) whose summary.json decides a config's claims, made now or reused.
 *
 * @param config the config file, relative to configs/
 * @param directory the run or sweep directory
 * @param reused whether it was found finished instead of run now
 * @param status completed, diverged or failed (a sweep: its runs' worst status)
 * @param wallSeconds the run's wall time; NaN for a sweep (many runs)
 * @param samplesPerSecond training throughput of the run; NaN for a sweep
 * @param peakResidentBytes the run's peak resident memory (summary.json); for a sweep the largest
 *     of its runs'; null if unknown
 * @param secondsHere how long getting it took in this report (a reused run: the time to find it)
 */
public record DecidingRun(
    String config,
    Path directory,
    boolean reused,
    RunStatus status,
    String error,
    double wallSeconds,
    double samplesPerSecond,
    Long peakResidentBytes,
    List<ClaimResult> claims,
    List<Path> plots,
    double secondsHere) {

  /** The same run, timed as it was obtained for this report. */
  public DecidingRun took(double seconds) {
    return new DecidingRun(
        config,
        directory,
        reused,
        status,
        error,
        wallSeconds,
        samplesPerSecond,
        peakResidentBytes,
        claims,
        plots,
        seconds);
  }

  static DecidingRun read(String config, Path directory, boolean reused) throws IOException {
    SummaryFile summary = SummaryFile.read(directory);
    List<ClaimResult> claims = summary.claims().stream().map(ClaimResult::of).toList();
    List<Path> plots = new ArrayList<>();
    Path plotDir = directory.resolve("plots");
    if (Files.isDirectory(plotDir)) {
      try (Stream<Path> s = Files.list(plotDir)) {
        s.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().forEach(plots::add);
      }
    }
    return new DecidingRun(
        config,
        directory,
        reused,
        summary.status(),
        summary.error().orElse(null),
        summary.wallSeconds(),
        summary.samplesPerSecond(),
        peak(summary, directory),
        claims,
        plots,
        Double.NaN);
  }

  /** A run's peakResidentBytes; a sweep's: the largest over its runs' folders. */
  private static Long peak(SummaryFile summary, Path directory) {
    if (!summary.isSweep()) {
      return summary.peakResidentBytes().orElse(null);
    }
    return summary.runs().stream()
        .filter(r -> r.directory() != null)
        .flatMap(
            r ->
                SummaryFile.find(directory.resolve(r.directory()))
                    .flatMap(SummaryFile::peakResidentBytes)
                    .stream())
        .max(Long::compare)
        .orElse(null);
  }

  public static DecidingRun failed(String config, String error) {
    return new DecidingRun(
        config,
        null,
        false,
        RunStatus.FAILED,
        error,
        Double.NaN,
        Double.NaN,
        null,
        List.of(),
        List.of(),
        Double.NaN);
  }
}
