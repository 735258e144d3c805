package org.examlab.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.LongAccumulator;
import org.examlab.harness.cli.ExamLab;
import org.examlab.harness.launch.ClusterLauncher;

/**
 * One Spark task: runs one sweep point in a worker process of its own, the command the local:N
 * launcher starts its workers with (built on the driver by {@code Launcher.workerCommand} and
 * shipped here), and waits for it.
 *
 * <p>Why a process per task and not the point in the executor's JVM: ND4J keeps one set of native
 * threads (OpenMP, BLAS) and one off-heap allocator per process, sized at start-up from the
 * process's limits ({@code -Dorg.bytedeco.javacpp.maxbytes}, the cores property of ThreadPolicy).
 * Tasks sharing an executor would share them, so two concurrent points would oversubscribe the
 * cores and one point's tensors could take another's memory; a crash in native code would take
 * every task of the executor with it. A child JVM per point gets the divided limits of a local
 * worker, dies alone, and is the same program as a sequential run, so the point's numbers are the
 * same bits. The cost is a JVM start (a few seconds) per point.
 *
 * <p>The worker claims the point's run folder the way every run does (an atomic {@code mkdir},
 * {@code <point>-2} when taken), so a retried task, a speculative copy or another launcher on the
 * same folder never writes into a run another process owns.
 */
final class PointTask implements Function<ClusterLauncher.Job, PointTask.Result> {
  private static final long serialVersionUID = 1L;

  /**
   * What became of a point: it ran to the end, or it ran and failed (a retry would fail the same
   * way).
   */
  enum Result {
    COMPLETED,
    RUN_FAILED
  }

  private final List<String> command;
  private final String logDir;
  private final LongAccumulator failedRuns;

  PointTask(List<String> command, Path logDir, LongAccumulator failedRuns) {
    this.command = List.copyOf(command);
    this.logDir = logDir.toAbsolutePath().toString();
    this.failedRuns = failedRuns;
  }

  @Override
  public Result call(ClusterLauncher.Job job) throws IOException, InterruptedException {
    TaskContext task = TaskContext.get();
    int attempt = task == null ? 0 : task.attemptNumber();
    Path log = Path.of(logDir).resolve(job.name() + ".attempt" + attempt + ".log");
    Files.createDirectories(log.getParent());
    List<String> full = new ArrayList<>(command);
    full.addAll(job.arguments());
    Process worker =
        new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    // An executor that exits (its Spark worker died, the driver stopped it) takes its points'
    // processes with it: their points are then re-run by the retried tasks, not finished twice.
    Thread stop = new Thread(worker::destroyForcibly);
    Runtime.getRuntime().addShutdownHook(stop);
    int status;
    try {
      status = worker.waitFor();
    } catch (InterruptedException killed) { // the task was cancelled
      worker.destroyForcibly();
      throw killed;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running already
      }
    }
    if (status == ExamLab.EXIT_OK) {
      return Result.COMPLETED;
    }
    if (status == ExamLab.EXIT_RUN_FAILED) {
      failedRuns.add(1);
      return Result.RUN_FAILED;
    }
    // Killed, out of memory, crashed: Spark runs the task again (spark.task.maxFailures).
    throw new IllegalStateException(
        "the worker for " + job.name() + " exited with status " + status + "; its log: " + log);
  }
}
