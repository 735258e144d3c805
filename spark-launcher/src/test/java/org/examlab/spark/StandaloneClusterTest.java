package org.examlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.examlab.harness.run.RunDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps through a standalone Spark master and worker on 127.0.0.1, each its own JVM. */
class StandaloneClusterTest {
  @TempDir Path tmp;

  @BeforeEach
  void driverOnLoopback() {
    // SparkConf reads spark.* system properties: the driver listens where the executors, on
    // loopback, can reach it (this host's name resolves to another interface).
    System.setProperty("spark.driver.host", "127.0.0.1");
    System.setProperty("spark.driver.bindAddress", "127.0.0.1");
  }

  @AfterEach
  void clear() {
    System.clearProperty("spark.driver.host");
    System.clearProperty("spark.driver.bindAddress");
  }

  @Test
  void aSweepOnAStandaloneMasterAndWorkerWritesTheSequentialAggregate() throws Exception {
    Path config = ToySweep.config(tmp, "[2, 8]", "[1]");
    ToySweep.Result sequential = ToySweep.sweep(config, tmp.resolve("sequential"));
    assertEquals(0, sequential.status(), sequential.out());
    Path results = tmp.resolve("cluster");
    try (StandaloneCluster cluster =
        StandaloneCluster.start(Files.createDirectories(tmp.resolve("spark")))) {
      cluster.startWorker(2);
      ToySweep.Result spark =
          ToySweep.sweep(config, results, "--launcher", "spark", "--master", cluster.url());
      assertEquals(0, spark.status(), spark.out());
      assertTrue(spark.out().contains("sweep [spark]: 2/2 done (0 runs failed)"), spark.out());
      assertTrue(
          spark.out().contains("sweep: 2 runs, 0 run now, 2 reused"),
          "the cluster ran every point: " + spark.out());
    }
    assertEquals(
        Files.readString(ToySweep.folder(tmp.resolve("sequential")).resolve("aggregate.csv")),
        Files.readString(ToySweep.folder(results).resolve("aggregate.csv")));
  }

  @Test
  void aWorkerKilledMidSweepCostsOnlyItsPoint_theFinishedRunsAreKept() throws Exception {
    // Three points, one at a time: the first finishes, the second is killed, the third has not
    // started. Trained long enough (about a second) that the watcher sees the second running.
    Path config = ToySweep.config(tmp, "[2, 4, 8]", "[1]");
    Files.writeString(config, Files.readString(config).replace("epochs: 3", "epochs: 100"));
    ToySweep.Result sequential = ToySweep.sweep(config, tmp.resolve("sequential"));
    assertEquals(0, sequential.status(), sequential.out());
    Path results = tmp.resolve("cluster");
    AtomicReference<Map<Path, FileTime>> before = new AtomicReference<>();
    AtomicReference<Path> killedIn = new AtomicReference<>();
    try (StandaloneCluster cluster =
        StandaloneCluster.start(Files.createDirectories(tmp.resolve("spark")))) {
      Process first = cluster.startWorker(1); // one point at a time
      AtomicReference<Exception> killerFailed = new AtomicReference<>();
      Thread killer =
          new Thread(
              () -> {
                boolean killed = false;
                while (!killed) {
                  try {
                    List<Path> runs = runs(results);
                    List<Path> finished = runs.stream().filter(RunDirectory::isFinished).toList();
                    List<Path> running =
                        runs.stream()
                            .filter(r -> Files.exists(r.resolve(RunDirectory.RUNNING_MARKER)))
                            .toList();
                    if (!finished.isEmpty() && !running.isEmpty()) {
                      first
                          .destroyForcibly()
                          .waitFor(); // kill -9: the worker, its executor and the point's process
                      // go
                      killed = true;
                      before.set(snapshot(finished));
                      killedIn.set(running.get(0));
                      cluster.startWorker(1);
                    }
                  } catch (IOException | RuntimeException racedWithTheSweep) {
                    // a folder listed while the sweep creates or moves it: look again, unless the
                    // kill itself was done
                    if (killed) {
                      killerFailed.set(racedWithTheSweep);
                      return;
                    }
                  } catch (InterruptedException stop) {
                    return;
                  }
                  try {
                    Thread.sleep(20);
                  } catch (InterruptedException stop) {
                    return;
                  }
                }
              });
      killer.setDaemon(true);
      killer.start();
      ToySweep.Result spark =
          ToySweep.sweep(config, results, "--launcher", "spark", "--master", cluster.url());
      assertEquals(0, spark.status(), spark.out());
      assertNull(killerFailed.get(), "the watcher restarted the worker after the kill");
      assertNotNull(killedIn.get(), "the worker was killed mid-sweep: " + spark.out());
      assertTrue(
          spark
              .out()
              .matches(
                  "(?s).*sweep \\[spark]: 3/3 done \\(0 runs failed\\), 0 running, [1-9]\\d* attempts lost.*"),
          "the lost attempt ran again: " + spark.out());
      assertTrue(
          spark.out().contains("sweep: 3 runs, 0 run now, 3 reused"),
          "the cluster filled in every point: " + spark.out());
    }
    assertEquals(
        before.get(),
        snapshot(before.get().keySet().stream().toList()),
        "the runs finished before the kill are untouched");
    Path killed = killedIn.get();
    // The killed point's folder is dead (its owner gone): the retried task resumes it in place from
    // its checkpoints (SweepRunner's dead-run resume, the same for every launcher), not in a second
    // folder.
    assertTrue(RunDirectory.isFinished(killed), "the killed point was resumed in its own folder");
    assertEquals(3, runs(results).size(), "3 points, each in one folder");
    assertEquals(
        Files.readString(ToySweep.folder(tmp.resolve("sequential")).resolve("aggregate.csv")),
        Files.readString(ToySweep.folder(results).resolve("aggregate.csv")));
  }

  private static List<Path> runs(Path results) throws IOException {
    if (!Files.isDirectory(results.resolve("toy"))) {
      return List.of();
    }
    Path runs = ToySweep.folder(results).resolve("runs");
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(runs)) {
      return dirs.sorted().toList();
    }
  }

  /** Every file of {@code runs} with its modification time. */
  private static Map<Path, FileTime> snapshot(List<Path> runs) throws IOException {
    Map<Path, FileTime> files = new TreeMap<>();
    for (Path run : runs) {
      try (Stream<Path> all = Files.walk(run)) {
        for (Path f : all.toList()) {
          files.put(f, Files.getLastModifiedTime(f));
        }
      }
    }
    return files;
  }
}
