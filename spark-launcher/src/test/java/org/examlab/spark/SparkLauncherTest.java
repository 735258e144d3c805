package org.examlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkLauncherTest {
  @TempDir Path tmp;

  @Test
  void anEmbeddedLocalMasterWritesTheSequentialAggregate_andEveryPointRanInItsOwnProcess()
      throws Exception {
    Path config = ToySweep.config(tmp, "[2, 8]", "[1, 2]");
    ToySweep.Result sequential = ToySweep.sweep(config, tmp.resolve("sequential"));
    assertEquals(0, sequential.status(), sequential.out());

    Path results = tmp.resolve("spark");
    ToySweep.Result spark =
        ToySweep.sweep(config, results, "--launcher", "spark", "--master", "local[2]");
    assertEquals(0, spark.status(), spark.out());
    assertTrue(spark.out().contains("4 to run on spark"), spark.out());
    assertTrue(
        spark.out().contains("sweep [spark]: 4/4 done (0 runs failed), 0 running"),
        "the progress view: " + spark.out());
    assertTrue(
        spark.out().contains("sweep: 4 runs, 0 run now, 4 reused"),
        "the tasks ran every point: " + spark.out());
    Path sweep = ToySweep.folder(results);
    assertEquals(
        ToySweep.folder(tmp.resolve("sequential")).getFileName(),
        sweep.getFileName(),
        "the same sweep folder");
    assertEquals(
        Files.readString(ToySweep.folder(tmp.resolve("sequential")).resolve("aggregate.csv")),
        Files.readString(sweep.resolve("aggregate.csv")));
    try (Stream<Path> logs = Files.list(sweep.resolve("spark-tasks"))) {
      assertEquals(
          4,
          logs.filter(l -> l.getFileName().toString().endsWith(".attempt0.log")).count(),
          "a worker process (and log) per point");
    }
    try (Stream<Path> runs = Files.list(sweep.resolve("runs"))) {
      runs.forEach(
          run ->
              assertTrue(
                  Files.exists(run.resolve("run.log")),
                  "the point's own log in its run folder: " + run));
    }

    ToySweep.Result again =
        ToySweep.sweep(config, results, "--launcher", "spark", "--master", "local[2]");
    assertTrue(
        again.out().contains("4 finished before, 0 to run on spark"),
        "a finished sweep starts no task: " + again.out());
  }

  @Test
  void theWorkerCommandIsDividedByTheTasksOneMachineRunsAtOnce() {
    SparkConf none = new SparkConf(false);
    assertEquals(3, SparkLauncher.slotsPerMachine("local[3]", none, 8));
    assertEquals(2, SparkLauncher.slotsPerMachine("local[2,4]", none, 8));
    assertEquals(8, SparkLauncher.slotsPerMachine("local[*]", none, 8));
    assertEquals(1, SparkLauncher.slotsPerMachine("local", none, 8));
    assertEquals(
        8,
        SparkLauncher.slotsPerMachine("spark://h:7077", none, 8),
        "a node like this one: a task per core");
    assertEquals(
        2,
        SparkLauncher.slotsPerMachine(
            "spark://h:7077",
            new SparkConf(false).set("spark.executor.cores", "4").set("spark.task.cpus", "2"),
            8));
  }
}
