package org.examlab.spark;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * The driver's view of the whole sweep: points done (and of them failed runs), running, attempts
 * lost and retried, and an ETA, one line whenever a task starts or ends and every {@link #EVERY}
 * otherwise. The ETA assumes the remaining points take as long as the finished ones did on average,
 * as many at once as are running now.
 */
final class SweepProgress extends SparkListener {
  static final Duration EVERY = Duration.ofSeconds(10);

  private final int total;
  private final LongSupplier failedRuns;
  private final PrintStream out;
  private final long start = System.nanoTime();
  private final Set<Integer> done = new HashSet<>();
  private final Set<Long> running = new HashSet<>();
  private int lost;
  private long busyNanos;

  SweepProgress(int total, LongSupplier failedRuns, PrintStream out) {
    this.total = total;
    this.failedRuns = failedRuns;
    this.out = out;
  }

  @Override
  public synchronized void onTaskStart(SparkListenerTaskStart start) {
    running.add(start.taskInfo().taskId());
    print();
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
    running.remove(end.taskInfo().taskId());
    if (end.reason() == Success$.MODULE$) {
      done.add(end.taskInfo().index()); // the partition: one point each
      busyNanos += end.taskInfo().duration() * 1_000_000L;
    } else {
      lost++;
    }
    print();
  }

  @Override
  public synchronized void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
    out.printf(
        Locale.ROOT,
        "sweep: executor %s lost (%s); its running points run again%n",
        removed.executorId(),
        removed.reason());
  }

  /** The partitions (points) whose task succeeded. */
  synchronized Set<Integer> succeeded() {
    return Set.copyOf(done);
  }

  synchronized void print() {
    long elapsed = System.nanoTime() - start;
    String eta = "?";
    if (!done.isEmpty()) {
      double perPoint = busyNanos / (double) done.size();
      eta = format((long) (perPoint * (total - done.size()) / Math.max(1, running.size())));
    }
    out.printf(
        Locale.ROOT,
        "sweep [spark]: %d/%d done (%d runs failed), %d running, %d attempts lost and retried, %s elapsed, ETA %s%n",
        done.size(),
        total,
        failedRuns.getAsLong(),
        running.size(),
        lost,
        format(elapsed),
        eta);
  }

  private static String format(long nanos) {
    long s = Math.round(nanos / 1e9);
    return s >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
        : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
