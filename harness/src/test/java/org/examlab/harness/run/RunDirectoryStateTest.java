package org.examlab.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.examlab.harness.metrics.MetricsRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder tells running, dead and finished apart, and a full disk is named, not thrown raw.
 */
class RunDirectoryStateTest {
  @TempDir Path tmp;

  @Test
  void aRunOfALiveProcessIsRunningOneWhoseProcessEndedIsDeadAndAFinishedOneCompleted()
      throws Exception {
    RunDirectory live = RunDirectory.create(tmp, "x", LocalDateTime.now());
    assertEquals(RunDirectory.State.RUNNING, RunDirectory.state(live.path()));
    assertTrue(
        Files.readString(live.file(RunDirectory.RUNNING_MARKER))
            .contains("pid=" + ProcessHandle.current().pid()));

    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    RunDirectory killed = RunDirectory.createNamed(tmp.resolve("x"), "killed");
    String marker = Files.readString(killed.file(RunDirectory.RUNNING_MARKER));
    Files.writeString(
        killed.file(RunDirectory.RUNNING_MARKER),
        marker.replaceAll("pid=\\d+", "pid=" + ended.pid()));
    assertEquals(RunDirectory.State.DEAD, RunDirectory.state(killed.path()));

    live.writeText("summary.json", "{\"status\": \"completed\"}\n");
    live.markFinished();
    assertEquals(RunDirectory.State.COMPLETED, RunDirectory.state(live.path()));

    killed.markFailed("disk full");
    assertEquals(RunDirectory.State.FAILED, RunDirectory.state(killed.path()));
  }

  @Test
  void metricsCsvHoldsOnlyWholeRowsAndAFullDiskNamesThePath() throws Exception {
    Path csv = tmp.resolve("metrics.csv");
    try (MetricsRecorder m = MetricsRecorder.toCsv("r", csv)) {
      for (int i = 0; i < 5000; i++) {
        m.record(1, "series,with \"comma\"", i, "loss", i * 0.5);
        if (i % 50 == 0) { // whatever has reached the file so far ends on a complete row
          assertTrue(
              Files.readString(csv).endsWith("\n"), "a half-written row after " + i + " records");
        }
      }
    }
    List<String> lines = Files.readAllLines(csv);
    assertEquals(5001, lines.size());
    assertEquals(MetricsRecorder.HEADER, lines.get(0));

    Path full = Path.of("/dev/full"); // every write fails with ENOSPC
    if (Files.isWritable(full)) {
      FileSystemException e =
          assertThrows(FileSystemException.class, () -> MetricsRecorder.toCsv("r", full));
      assertEquals(full.toString(), e.getFile());
      assertTrue(e.getReason().contains("No space"), e.getReason());
    }
  }
}
