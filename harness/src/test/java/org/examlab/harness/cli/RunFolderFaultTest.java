package org.examlab.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.examlab.harness.experiment.ExperimentRegistry;
import org.examlab.harness.run.RunDirectory;
import org.examlab.harness.toy.ToyConfigs;
import org.examlab.harness.toy.ToyExperiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder that cannot be written mid-run (a full disk, the folder removed, made read-only, a
 * file where a folder should be) ends {@code examlab run} with one line naming the path and what to
 * do, exit status 1, no stack trace on the terminal (it is in run.log), and the folder marked
 * failed with the reason where it can still be written. The toy experiment breaks its own folder
 * after its first training ({@code toy.breakFolder}).
 */
class RunFolderFaultTest {
  @TempDir Path tmp;

  record Result(int status, String out, String err) {}

  private Result runBroken(String how) throws Exception {
    Path config = ToyConfigs.write(tmp, "toy.yaml", ToyConfigs.VALID);
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int status =
          ExamLab.commandLine(ExperimentRegistry.fromClasspath(), tmp)
              .execute(
                  "run",
                  config.toString(),
                  "seeds=[1]",
                  "training.epochs=2",
                  "toy.breakFolder=" + how,
                  "--results",
                  tmp.resolve("results").toString());
      return new Result(
          status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  /** The one run folder the run made. */
  private Path runFolder() throws Exception {
    try (Stream<Path> runs = Files.list(tmp.resolve("results").resolve("toy"))) {
      List<Path> all = runs.toList();
      assertEquals(1, all.size(), all.toString());
      return all.get(0);
    }
  }

  /** Exit 1 and, on the terminal, no stack trace and no error but the one line {@code message}. */
  private static void endsWithOneLine(Result r, String message) {
    assertEquals(1, r.status(), r.err());
    String terminal = r.out() + r.err();
    assertFalse(
        terminal
            .lines()
            .anyMatch(
                l ->
                    l.matches("\\s+at .*") || l.startsWith("Caused by") || l.contains("Exception")),
        "no stack trace on the terminal:\n" + terminal);
    assertEquals(
        List.of("error: " + message),
        terminal.lines().filter(l -> l.startsWith("error") || l.contains("ERROR")).toList(),
        terminal);
  }

  /**
   * RUNNING became FAILED with {@code reason}, summary.json says failed with it, run.log has the
   * stack trace.
   */
  private static void markedFailed(Path dir, String reason, boolean withRunLog) throws Exception {
    assertFalse(Files.exists(dir.resolve(RunDirectory.RUNNING_MARKER)));
    assertEquals(
        "This run failed: " + reason + "\n",
        Files.readString(dir.resolve(RunDirectory.FAILED_MARKER)));
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertEquals("failed", summary.get("status").asText());
    assertEquals(reason, summary.get("error").asText());
    assertEquals(RunDirectory.State.FAILED, RunDirectory.state(dir));
    if (withRunLog) {
      String log = Files.readString(dir.resolve("run.log"));
      assertTrue(
          log.contains("stopped: " + reason) && log.contains("\tat "),
          "the stack trace is in run.log:\n" + log);
    }
  }

  @Test
  void aDiskThatFillsUpMidRunEndsWithOneLineAndAFailedFolder() throws Exception {
    assumeTrue(
        Files.isWritable(Path.of("/dev/full")),
        "needs /dev/full, where every write fails with ENOSPC");
    Result r = runBroken("disk-full");
    Path dir = runFolder();
    String reason =
        "cannot write " + dir.resolve("plots/toy_seed1.png") + ": No space left on device";
    endsWithOneLine(
        r, reason + ". Free some space on that disk, or choose another folder with --results DIR.");
    markedFailed(dir, reason, true);
  }

  @Test
  void aFolderRemovedMidRunEndsWithOneLineNamingIt() throws Exception {
    Result r = runBroken("removed");
    Path dir = runFolder(); // made anew by the figure the toy drew after removing it
    String reason = "cannot write " + dir + ": the run folder was removed while the run was going";
    endsWithOneLine(
        r,
        reason
            + ". Check that the folder exists and is writable, or choose another folder with --results DIR.");
    markedFailed(dir, reason, false);
  }

  @Test
  void aFileWhereTheRunExpectsAFolderEndsWithOneLineNamingIt() throws Exception {
    Result r = runBroken("plots-file");
    Path dir = runFolder();
    String reason = "cannot write " + dir.resolve("plots") + ": a file of that name is in the way";
    endsWithOneLine(
        r,
        reason
            + ". Check that the folder exists and is writable, or choose another folder with --results DIR.");
    markedFailed(dir, reason, true);
  }

  @Test
  void aFolderMadeReadOnlyMidRunEndsWithOneLineNamingThePath() throws Exception {
    // Root writes through permissions; the toy then also sets the immutable attribute (chattr +i),
    // which stops root too, where the container allows it (CAP_LINUX_IMMUTABLE).
    boolean root = ToyExperiment.runsAsRoot();
    if (root) {
      Path probe = Files.createDirectories(tmp.resolve("probe"));
      assumeTrue(
          ToyExperiment.immutable(true, probe) && ToyExperiment.immutable(false, probe),
          "running as root without chattr +i (CAP_LINUX_IMMUTABLE): nothing makes a folder read-only for root");
    }
    try {
      Result r = runBroken("read-only");
      Path dir = runFolder();
      String reason =
          "cannot write "
              + dir.resolve("plots/toy_seed1.png.tmp")
              + ": "
              + (root ? "Operation not permitted" : "permission denied");
      endsWithOneLine(
          r, reason + ". Make the folder writable, or choose another folder with --results DIR.");
      assertTrue(
          Files.exists(dir.resolve(RunDirectory.RUNNING_MARKER)),
          "nothing in a read-only folder can change");
      assertTrue(
          Files.readString(dir.resolve("run.log")).contains("stopped: " + reason),
          "run.log was open before");
    } finally {
      try (Stream<Path> runs = Files.list(tmp.resolve("results").resolve("toy"))) {
        for (Path d : runs.toList()) {
          if (root) {
            ToyExperiment.immutable(false, d.resolve("plots"), d);
          }
          Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
          Files.setPosixFilePermissions(
              d.resolve("plots"), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
    }
  }
}
