package org.examlab.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Waits until the machine is idle before a measurement: on 2 cores anything else running halves
 * a figure. Busy share is read from /proc/stat over one second, which reacts at once, unlike
 * /proc/loadavg's one-minute average (still printed with each measurement).
 */
final class IdleWait {
  static final double IDLE_BELOW = 0.10;
  static final int MAX_WAIT_SECONDS = 180;

  private IdleWait() {}

  /** The busy share seen when the wait ended (below {@link #IDLE_BELOW} unless it timed out). */
  static double untilIdle() throws InterruptedException {
    double busy = 1;
    for (int s = 0; s < MAX_WAIT_SECONDS; s++) {
      busy = busyShareOverOneSecond();
      if (busy < IDLE_BELOW) {
        return busy;
      }
    }
    System.err.printf("benchmark: machine still %.0f%% busy after %d s; measuring anyway%n", busy * 100, MAX_WAIT_SECONDS);
    return busy;
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static double busyShareOverOneSecond() throws InterruptedException {
    long[] a = cpuTimes();
    Thread.sleep(1000);
    long[] b = cpuTimes();
    double total = b[0] - a[0];
    return total <= 0 ? 0 : 1 - (b[1] - a[1]) / total;
  }

  /** {total, idle + iowait} jiffies from the first line of /proc/stat; zeros where it is missing. */
  private static long[] cpuTimes() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length; i++) {
        total += Long.parseLong(f[i]);
      }
      return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }
}
