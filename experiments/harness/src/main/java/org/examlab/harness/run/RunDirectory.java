package org.examlab.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code results/<experiment>/<run-id>/}: created new for every run, never reused. The run id
 * is the start time, with a counter if two runs start in the same second; the directory is
 * claimed with an atomic create, so two processes can never share one.
 *
 * <p>While a run is in progress the directory holds a {@code RUNNING} marker; files are written
 * to a temporary name and moved into place, so no half-written file passes as complete.
 */
public final class RunDirectory {
  public static final String RUNNING_MARKER = "RUNNING";
  private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path path;
  private final String runId;

  private RunDirectory(Path path) {
    this.path = path;
    this.runId = path.getFileName().toString();
  }

  public static RunDirectory create(Path resultsRoot, String experiment, LocalDateTime now) throws IOException {
    return createNamed(resultsRoot.resolve(experiment), ID.format(now));
  }

  /** A new directory {@code parent/base}, or {@code base-2}, {@code base-3}... if taken. */
  public static RunDirectory createNamed(Path parent, String base) throws IOException {
    Files.createDirectories(parent);
    for (int attempt = 1; attempt < 10_000; attempt++) {
      Path candidate = parent.resolve(attempt == 1 ? base : base + "-" + attempt);
      try {
        Files.createDirectory(candidate);
        RunDirectory dir = new RunDirectory(candidate);
        Files.createDirectory(dir.plots());
        dir.writeText(RUNNING_MARKER, "This run has not finished; its files may be incomplete.\n");
        return dir;
      } catch (FileAlreadyExistsException taken) {
        // another run started this second; try the next id
      }
    }
    throw new IOException("no free run id under " + parent);
  }

  public Path path() {
    return path;
  }

  public String runId() {
    return runId;
  }

  public Path plots() {
    return path.resolve("plots");
  }

  public Path file(String name) {
    return path.resolve(name);
  }

  public void writeText(String name, String text) throws IOException {
    writeAtomically(path.resolve(name), text);
  }

  /** Writes {@code file} through a temporary sibling, so no reader ever sees half of it. */
  public static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public void writeJson(String name, Object value, ObjectMapper json) throws IOException {
    writeText(name, json.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n");
  }

  /** Whether {@code dir} holds a finished run: a summary and no RUNNING marker. */
  public static boolean isFinished(Path dir) {
    return Files.isRegularFile(dir.resolve("summary.json")) && !Files.exists(dir.resolve(RUNNING_MARKER));
  }

  /** How a finished run ended, from its summary.json; FAILED when that cannot be read. */
  public static RunStatus status(Path runDir) {
    try {
      String s = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile()).path("status").asText();
      return RunStatus.valueOf(s.toUpperCase());
    } catch (IOException | IllegalArgumentException e) {
      return RunStatus.FAILED;
    }
  }

  /** Removes the RUNNING marker: call last, after summary.json is in place. */
  public void markFinished() throws IOException {
    Files.deleteIfExists(path.resolve(RUNNING_MARKER));
  }
}
