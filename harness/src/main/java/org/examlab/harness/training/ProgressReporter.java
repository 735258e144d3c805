package org.examlab.harness.training;

import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows training progress: a live bar with ETA and the current loss on a terminal, and a plain line
 * every few seconds otherwise (CI logs, pipes), where a redrawn bar would be noise.
 */
public interface ProgressReporter {

  /** Starts one training task of {@code totalSteps} steps; the returned handle ticks it. */
  Task start(String name, long totalSteps);

  interface Task extends AutoCloseable {
    void step(double loss);

    @Override
    void close();
  }

  /** A bar on an interactive terminal, plain lines elsewhere. */
  static ProgressReporter forConsole() {
    boolean terminal = System.console() != null && System.getenv("CI") == null;
    return terminal ? new Bar() : new PlainLines(Duration.ofSeconds(10));
  }

  static ProgressReporter silent() {
    return (name, total) ->
        new Task() {
          @Override
          public void step(double loss) {}

          @Override
          public void close() {}
        };
  }

  /** me.tongfei's progress bar, which computes the ETA from the step rate. */
  final class Bar implements ProgressReporter {
    @Override
    public Task start(String name, long totalSteps) {
      ProgressBar bar =
          new ProgressBarBuilder()
              .setTaskName(name)
              .setInitialMax(totalSteps)
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(250)
              .build();
      return new Task() {
        @Override
        public void step(double loss) {
          bar.step();
          bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4g", loss));
        }

        @Override
        public void close() {
          bar.close();
        }
      };
    }
  }

  /** One log line per interval: task, step, percentage, ETA and loss. */
  final class PlainLines implements ProgressReporter {
    private static final Logger LOG = LoggerFactory.getLogger("examlab.progress");
    private final Duration interval;

    PlainLines(Duration interval) {
      this.interval = interval;
    }

    @Override
    public Task start(String name, long totalSteps) {
      long started = System.nanoTime();
      return new Task() {
        long done;
        long lastPrint = started;
        double lastLoss = Double.NaN;

        @Override
        public void step(double loss) {
          done++;
          lastLoss = loss;
          long now = System.nanoTime();
          if (now - lastPrint >= interval.toNanos()) {
            lastPrint = now;
            double elapsed = (now - started) / 1e9;
            double eta = done > 0 ? elapsed * (totalSteps - done) / done : Double.NaN;
            LOG.info(
                String.format(
                    Locale.ROOT,
                    "%s: step %d/%d (%.0f%%), ETA %.0f s, loss %.4g",
                    name,
                    done,
                    totalSteps,
                    100.0 * done / totalSteps,
                    eta,
                    loss));
          }
        }

        @Override
        public void close() {
          LOG.info(
              String.format(
                  Locale.ROOT,
                  "%s: %d steps in %.1f s, final loss %.4g",
                  name,
                  done,
                  (System.nanoTime() - started) / 1e9,
                  lastLoss));
        }
      };
    }
  }
}
