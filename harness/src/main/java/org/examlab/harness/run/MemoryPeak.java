package org.examlab.harness.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A run's peak memory, for summary.json and the claims report: the process's peak resident set
 * (Linux {@code VmHWM}, reset at the run's start by writing 5 to {@code /proc/self/clear_refs}, so
 * a worker process that runs several configs reports each run's own peak), and on CUDA the peak
 * device memory in use, sampled every {@code period} (no counter for it exists). Figures that
 * cannot be read are null, never guessed.
 */
public final class MemoryPeak implements AutoCloseable {
  private final Path status;
  private final boolean hostPeakReset;
  private final LongSupplier deviceBytesInUse;
  private final AtomicLong devicePeak = new AtomicLong(-1);
  private final ScheduledExecutorService sampler;

  private MemoryPeak(
      Path status, Path clearRefs, LongSupplier deviceBytesInUse, long periodMillis) {
    this.status = status;
    this.hostPeakReset = reset(clearRefs);
    this.deviceBytesInUse = deviceBytesInUse;
    if (deviceBytesInUse == null) {
      sampler = null;
      return;
    }
    sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "device-memory-sampler");
              t.setDaemon(true);
              return t;
            });
    sampler.scheduleAtFixedRate(this::sample, 0, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** Starts watching this process; {@code deviceBytesInUse} null on the CPU backend. */
  public static MemoryPeak start(LongSupplier deviceBytesInUse) {
    return new MemoryPeak(
        Path.of("/proc/self/status"), Path.of("/proc/self/clear_refs"), deviceBytesInUse, 1000);
  }

  /** For tests: other files in place of /proc's, and the sampling period. */
  static MemoryPeak start(
      Path status, Path clearRefs, LongSupplier deviceBytesInUse, long periodMillis) {
    return new MemoryPeak(status, clearRefs, deviceBytesInUse, periodMillis);
  }

  private static boolean reset(Path clearRefs) {
    try {
      Files.writeString(clearRefs, "5");
      return true;
    } catch (IOException | RuntimeException e) {
      return false; // not Linux, or not allowed: the peak is then the process's since it started
    }
  }

  private void sample() {
    try {
      long used = deviceBytesInUse.getAsLong();
      devicePeak.accumulateAndGet(used, Math::max);
    } catch (RuntimeException e) {
      // a failed sample is skipped; the peak comes from the others
    }
  }

  /**
   * Peak resident set in bytes since the run started (since the process started if it could not be
   * reset); null if unreadable.
   */
  public Long residentPeakBytes() {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return null;
  }

  /**
   * Whether {@link #residentPeakBytes()} covers this run only (the kernel's peak was reset at its
   * start).
   */
  public boolean residentPeakIsThisRuns() {
    return hostPeakReset;
  }

  /**
   * Peak device memory in use (bytes, all visible GPUs) over the samples taken so far; null on the
   * CPU or with no sample.
   */
  public Long devicePeakBytes() {
    if (sampler == null) {
      return null;
    }
    sample();
    long peak = devicePeak.get();
    return peak < 0 ? null : peak;
  }

  @Override
  public void close() {
    if (sampler != null) {
      sampler.shutdownNow();
    }
  }
}
