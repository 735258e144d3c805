package org.examlab.launcher;

import static org.examlab.launcher.ExamLabCliTest.HOME;
import static org.examlab.launcher.ExamLabCliTest.RNN_CONFIG;
import static org.examlab.launcher.ExamLabCliTest.TINY_RNN;
import static org.examlab.launcher.ExamLabCliTest.examlab;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.examlab.harness.run.RunDirectory;
import org.examlab.harness.training.TrainingCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL in the middle of a training (after a checkpoint of it exists, with
 * finished trainings before it) and resumed ends with the measurements and metrics.csv rows of a
 * run that was never killed; the same for a sweep, whose killed point the rerun sweep resumes.
 */
class ResumeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The tiny rnn-gradients run with trainings of several epochs, each one checkpointed. */
  private static final List<String> CHECKPOINTED =
      with(
          TINY_RNN.stream().filter(o -> !o.startsWith("training.epochs=")).toList(),
          "training.epochs=12",
          "training.targetLoss=0",
          "training.checkpoints=1");

  /** A killed run should have finished this many trainings and be inside the next one. */
  private static final int FINISHED_BEFORE_KILL = 3;

  @TempDir Path tmp;

  private static List<String> with(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return List.copyOf(all);
  }

  /**
   * The command line run in a child JVM, killed with SIGKILL once a run folder under {@code
   * results} is inside a later training.
   */
  private static Path startAndKill(Path results, Path log, List<String> args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx1g",
                "-Dexamlab.home=" + HOME,
                "-Djava.awt.headless=true",
                "-cp",
                System.getProperty("java.class.path"),
                "org.examlab.harness.cli.ExamLab"));
    command.addAll(args);
    Process child =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + 120_000_000_000L;
    try {
      while (System.nanoTime() < deadline && child.isAlive()) {
        Optional<Path> inside = runInsideATraining(results);
        if (inside.isPresent()) {
          child.destroyForcibly(); // SIGKILL: no shutdown hook, nothing tidied up
          child.waitFor();
          return inside.get();
        }
        Thread.sleep(20);
      }
    } finally {
      child.destroyForcibly();
    }
    throw new AssertionError(
        "the child finished or stalled before a later training was checkpointed:\n"
            + Files.readString(log));
  }

  /**
   * A run folder whose newest checkpoint is of a training in progress after FINISHED_BEFORE_KILL
   * finished ones.
   */
  private static Optional<Path> runInsideATraining(Path results) {
    if (!Files.isDirectory(results)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(results)) {
      for (Path dir :
          files
              .filter(d -> d.getFileName().toString().equals(TrainingCheckpoint.Store.FOLDER))
              .toList()) {
        Optional<TrainingCheckpoint> latest = TrainingCheckpoint.Store.latest(dir.getParent());
        if (latest.isPresent()
            && !latest.get().finished()
            && latest.get().ordinal() >= FINISHED_BEFORE_KILL) {
          return Optional.of(dir.getParent());
        }
      }
    } catch (java.io.IOException | RuntimeException movedMeanwhile) {
      // a temporary file renamed while the folder was walked: look again
    }
    return Optional.empty();
  }

  private static JsonNode measurements(Path runDir) throws Exception {
    return JSON.readTree(runDir.resolve("summary.json").toFile()).path("measurements");
  }

  /** metrics.csv without its run-id column (the two runs have different folders). */
  private static List<String> rows(Path runDir) throws Exception {
    return Files.readAllLines(runDir.resolve("metrics.csv")).stream()
        .map(l -> l.substring(l.indexOf(',') + 1))
        .toList();
  }

  private static Path onlyRun(Path experimentDir) throws Exception {
    try (Stream<Path> dirs = Files.list(experimentDir)) {
      List<Path> all = dirs.filter(Files::isDirectory).toList();
      assertEquals(1, all.size(), all.toString());
      return all.get(0);
    }
  }

  @Test
  void aRunKilledInsideATrainingResumesToTheUninterruptedMeasurements() throws Exception {
    Path killedRoot = tmp.resolve("killed");
    List<String> run =
        with(List.of("run", RNN_CONFIG.toString()), CHECKPOINTED.toArray(String[]::new));
    Path killed =
        startAndKill(
            killedRoot, tmp.resolve("child.log"), with(run, "--results", killedRoot.toString()));
    assertEquals(RunDirectory.State.DEAD, RunDirectory.state(killed));

    ExamLabCliTest.Result resumed = examlab("resume", killed.toString());
    assertEquals(0, resumed.status(), resumed.out() + resumed.err());
    assertEquals(RunDirectory.State.COMPLETED, RunDirectory.state(killed));
    assertFalse(
        Files.exists(killed.resolve(TrainingCheckpoint.Store.FOLDER)),
        "a finished run keeps no checkpoints");

    Path wholeRoot = tmp.resolve("whole");
    ExamLabCliTest.Result whole =
        examlab(with(run, "--results", wholeRoot.toString()).toArray(String[]::new));
    assertEquals(0, whole.status(), whole.err());
    Path wholeRun = onlyRun(wholeRoot.resolve("rnn-gradients"));
    assertTrue(measurements(wholeRun).size() > 5, measurements(wholeRun).toString());
    assertEquals(measurements(wholeRun), measurements(killed));
    assertEquals(rows(wholeRun), rows(killed));

    ExamLabCliTest.Result again = examlab("resume", killed.toString());
    assertEquals(2, again.status(), "a completed run is not resumed: " + again.out());
    assertTrue(again.err().contains("nothing to resume"), again.err());
  }

  @Test
  void aKilledSweepResumesItsKilledPointAndAggregatesAsAnUninterruptedSweep() throws Exception {
    List<String> sweep =
        with(
            List.of("sweep", RNN_CONFIG.toString(), "model.hiddenSize=4,5"),
            CHECKPOINTED.toArray(String[]::new));
    Path killedRoot = tmp.resolve("killed");
    Path killedPoint =
        startAndKill(
            killedRoot, tmp.resolve("child.log"), with(sweep, "--results", killedRoot.toString()));
    assertEquals(RunDirectory.State.DEAD, RunDirectory.state(killedPoint));

    ExamLabCliTest.Result resumed =
        examlab(with(sweep, "--results", killedRoot.toString()).toArray(String[]::new));
    assertEquals(0, resumed.status(), resumed.out() + resumed.err());
    assertEquals(
        RunDirectory.State.COMPLETED,
        RunDirectory.state(killedPoint),
        "resumed in its own folder, not run anew");
    try (Stream<Path> points = Files.list(killedPoint.getParent())) {
      assertEquals(2, points.count(), "one folder per point");
    }

    Path wholeRoot = tmp.resolve("whole");
    ExamLabCliTest.Result whole =
        examlab(with(sweep, "--results", wholeRoot.toString()).toArray(String[]::new));
    assertEquals(0, whole.status(), whole.err());
    Path sweepDir = killedPoint.getParent().getParent();
    Path wholeSweep = wholeRoot.resolve(killedRoot.relativize(sweepDir));
    assertEquals(
        Files.readString(wholeSweep.resolve("aggregate.csv")),
        Files.readString(sweepDir.resolve("aggregate.csv")));
    Path wholePoint = wholeSweep.resolve("runs").resolve(killedPoint.getFileName());
    assertEquals(measurements(wholePoint), measurements(killedPoint));
    assertEquals(rows(wholePoint), rows(killedPoint));
  }
}
