package org.examlab.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Times training steps: warms up (the JIT, the allocators, oneDNN's kernel choice) for a few
 * seconds, then times steps one by one and reports the median step as samples per second. The
 * median rather than the mean, so a step that met a garbage collection or another process does
 * not move the figure.
 */
final class StepTimer {
  static final double WARMUP_SECONDS = 4;
  /** At least this many timed steps and seconds; a slow network stops at {@link #SLOW_STEPS} after {@link #SLOW_SECONDS}. */
  static final int STEPS = 30;
  static final double MIN_SECONDS = 3;
  static final int SLOW_STEPS = 5;
  static final double SLOW_SECONDS = 20;

  record Timing(double samplesPerSecond, int steps) {}

  private StepTimer() {}

  static Timing time(TrainingStep step, int batch) {
    long warmupEnd = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9);
    int warm = 0;
    while (warm < 2 || System.nanoTime() < warmupEnd) {
      step.run();
      warm++;
    }
    List<Long> nanos = new ArrayList<>();
    long start = System.nanoTime();
    while (true) {
      long t = System.nanoTime();
      step.run();
      nanos.add(System.nanoTime() - t);
      double elapsed = (System.nanoTime() - start) / 1e9;
      if ((nanos.size() >= STEPS && elapsed >= MIN_SECONDS) || (nanos.size() >= SLOW_STEPS && elapsed >= SLOW_SECONDS)) {
        break;
      }
    }
    Collections.sort(nanos);
    int n = nanos.size();
    double median = n % 2 == 1 ? nanos.get(n / 2) : (nanos.get(n / 2 - 1) + nanos.get(n / 2)) / 2.0;
    return new Timing(batch / (median / 1e9), n);
  }
}
