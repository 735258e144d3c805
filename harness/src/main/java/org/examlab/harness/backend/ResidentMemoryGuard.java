package org.examlab.harness.backend;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's cap on resident memory (Java heap plus ND4J's off-heap tensors), checked four times
 * a second by a daemon thread instead of at every native allocation.
 *
 * <p>JavaCPP's own cap ({@code org.bytedeco.javacpp.maxphysicalbytes}) reads the resident size from
 * {@code /proc/self/statm} each time a native pointer is registered: ~7,700 reads a second on the
 * language-model's training thread, and 13% of gap-head's run time (one seed, one thread: 25.9 s
 * against 29.9 s with it on, means of three alternating pairs). {@code scripts/examlab} therefore
 * sets that cap to 0 and gives its value to this guard ({@value #LIMIT_PROPERTY}), which does what
 * JavaCPP did at the cap, less often: when the resident size is above it, it asks for garbage
 * collections (ND4J frees a tensor's memory when the JVM collects it) until it is below; if it
 * stays above after {@value #COLLECTIONS} of them, the next training step throws an {@link
 * OutOfMemoryError} naming the cap (a clear failure, not the operating system's kill), and a
 * process that reaches no training step within {@value #GRACE_SECONDS} s more is stopped with the
 * same message.
 */
public final class ResidentMemoryGuard {
  /** The cap: a size such as {@code 18000M}, {@code 6g} or a byte count; unset or 0: no guard. */
  public static final String LIMIT_PROPERTY = "examlab.maxResidentBytes";

  static final int COLLECTIONS = 10;
  static final int GRACE_SECONDS = 30;
  private static final long PERIOD_MILLIS = 250;
  private static final Pattern SIZE = Pattern.compile("(\\d+)([kKmMgG]?)");
  private static final Logger LOG = LoggerFactory.getLogger(ResidentMemoryGuard.class);

  private static volatile String exceeded;
  private static Thread watcher;

  private ResidentMemoryGuard() {}

  /** Starts the guard once per process if {@value #LIMIT_PROPERTY} sets a cap; returns the cap. */
  static synchronized long startFromProperty() {
    long limit = parse(System.getProperty(LIMIT_PROPERTY));
    if (limit > 0 && watcher == null) {
      watcher = new Thread(() -> watch(limit), "resident-memory-guard");
      watcher.setDaemon(true);
      watcher.start();
    }
    return limit;
  }

  /** Throws if the cap was exceeded: called by the trainer before every training step. */
  public static void check() {
    String message = exceeded;
    if (message != null) {
      throw new OutOfMemoryError(message);
    }
  }

  /** Bytes in {@code text} ("18000M", "6g", "123"); 0 for none. */
  static long parse(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          LIMIT_PROPERTY + " must be a size such as 18000M or 6g, got '" + text + "'");
    }
    long unit =
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "k" -> 1L << 10;
          case "m" -> 1L << 20;
          case "g" -> 1L << 30;
          default -> 1L;
        };
    return Long.parseLong(m.group(1)) * unit;
  }

  /**
   * One check against {@code limit}: collects garbage while the resident size is above it, up to
   * {@value #COLLECTIONS} times; returns the message of the failure, or null if it got below.
   */
  static String collectBelow(long limit, long pauseMillis) throws InterruptedException {
    long resident = Pointer.physicalBytes();
    for (int i = 0; i < COLLECTIONS && resident > limit; i++) {
      System.gc();
      Thread.sleep(pauseMillis); // ND4J's deallocator threads free what the collection found
      resident = Pointer.physicalBytes();
    }
    return resident > limit
        ? String.format(
            Locale.ROOT,
            "out of memory: the process's resident size (%.2f GB) stayed above its cap of %.2f GB "
                + "after %d garbage collections. The cap is three quarters of this machine's RAM, "
                + "or of EXAMLAB_MEMORY, divided among a launcher's workers; give the run more "
                + "(EXAMLAB_MEMORY, fewer workers) or make the config smaller",
            resident / 1e9,
            limit / 1e9,
            COLLECTIONS)
        : null;
  }

  private static void watch(long limit) {
    try {
      while (true) {
        Thread.sleep(PERIOD_MILLIS);
        String message = collectBelow(limit, 100);
        if (message != null) {
          exceeded = message;
          LOG.error(message);
          Thread.sleep(GRACE_SECONDS * 1000L);
          if (collectBelow(limit, 100) != null) {
            System.err.println("error: " + message + " (stopped by the memory guard)");
            System.exit(1);
          }
          exceeded = null; // it got below again: the training that failed has let go of it
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
