package org.examlab.harness.training;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The estimate mode of a {@link Trainer}: every training runs only a short measured slice, and from
 * it the time the whole training would take on this machine is extrapolated. A full config can then
 * be planned (this CPU, a many-core box, a GPU) without being run.
 *
 * <p>An epoch of at most {@link #WHOLE_EPOCH_BATCHES} batches is measured whole: the first epoch is
 * the warm-up (JIT, ND4J workspaces), then as many epochs as give {@link #TIMED_BATCHES} more
 * batches. A longer epoch is measured by its first batch (the warm-up) and the {@link
 * #TIMED_BATCHES} after it. Either way an epoch costs its reset (a reshuffle, a fresh augmentation)
 * + batches per epoch × the steady time per batch + its end (the epoch listeners: validation,
 * evaluation), each from the timed part, and the training costs that per epoch times its planned
 * epochs, plus what it did once (listeners' begin and end). Early stopping can only make the real
 * training shorter: the estimate is the planned budget. A step {@link Trainer.Loop} is sliced the
 * same way in steps ({@link #TIMED_STEPS} after a warm-up one; the experiment's work between steps
 * counts with them) and extrapolated to its total steps.
 */
public final class Slicing {
  /** Epochs of at most this many batches are measured whole. */
  static final int WHOLE_EPOCH_BATCHES = 8;

  /** Batches timed after the warm-up one. */
  static final int TIMED_BATCHES = 4;

  /** Steps of a step loop timed after the warm-up one: its steps are small, so more of them. */
  static final int TIMED_STEPS = 32;

  /**
   * One sliced training.
   *
   * @param batches mini-batches (or loop steps) the slice fitted
   * @param measuredSeconds what the training took in estimate mode, all of it
   * @param estimatedSeconds what the whole training would take
   */
  public record Sliced(
      String task, long seed, long batches, double measuredSeconds, double estimatedSeconds) {}

  private final LongSupplier clock;
  private final List<Sliced> trainings = new ArrayList<>();

  public Slicing() {
    this(System::nanoTime);
  }

  /** With a clock in nanoseconds of the caller's choosing (a test's). */
  Slicing(LongSupplier clock) {
    this.clock = clock;
  }

  /** Every training sliced so far. */
  public List<Sliced> trainings() {
    synchronized (trainings) {
      return List.copyOf(trainings);
    }
  }

  /**
   * The slice of an epoch-loop training of {@code epochs}; {@code batchesPerEpoch} is asked once,
   * and a count that has to iterate the data (a source that does not say) is not part of the
   * training's time.
   */
  Slice fit(int epochs, LongSupplier batchesPerEpoch) {
    return new Slice(epochs, batchesPerEpoch, false);
  }

  /** The slice of a step loop of {@code totalSteps}. */
  Slice loop(long totalSteps) {
    return new Slice(1, () -> totalSteps, true);
  }

  /** What the trainer asks and tells while it trains one slice. */
  public interface Cut {
    /** Whether to run epoch {@code epoch} (0, 1, ...) at all. */
    boolean wantsEpoch(int epoch);

    /** Whether to fit another batch after {@code fitted} of this epoch (of a loop: in all). */
    boolean wantsBatch(long fitted);

    void epochStarted();

    void resetDone();

    void batchDone();

    void epochDone();

    /** Records the training as sliced (nothing for a whole training). */
    void finish(String task, long seed);

    /** A training that is not sliced: everything, nothing timed. */
    Cut WHOLE =
        new Cut() {
          @Override
          public boolean wantsEpoch(int epoch) {
            return true;
          }

          @Override
          public boolean wantsBatch(long fitted) {
            return true;
          }

          @Override
          public void epochStarted() {}

          @Override
          public void resetDone() {}

          @Override
          public void batchDone() {}

          @Override
          public void epochDone() {}

          @Override
          public void finish(String task, long seed) {}
        };
  }

  /** One training's slice: how far it runs, the laps it timed and the extrapolation. */
  final class Slice implements Cut {
    private final int epochs;
    private final long perEpoch;
    private final int epochLimit;
    private final long batchLimit;
    private final long started;
    private final long excluded;
    private final List<Double> resets = new ArrayList<>();
    private final List<Double> batches = new ArrayList<>();
    private final List<Double> ends = new ArrayList<>();
    private long lap;

    private Slice(int epochs, LongSupplier batchesPerEpoch, boolean steps) {
      this.started = clock.getAsLong();
      this.perEpoch = Math.max(1, batchesPerEpoch.getAsLong());
      this.excluded = clock.getAsLong() - started;
      this.lap = clock.getAsLong();
      this.epochs = epochs;
      if (steps) {
        epochLimit = 1;
        batchLimit = 1 + TIMED_STEPS;
      } else if (perEpoch <= WHOLE_EPOCH_BATCHES) {
        epochLimit = 1 + (int) ((TIMED_BATCHES + perEpoch - 1) / perEpoch);
        batchLimit = Long.MAX_VALUE;
      } else {
        epochLimit = 1;
        batchLimit = 1 + TIMED_BATCHES;
      }
    }

    @Override
    public boolean wantsEpoch(int epoch) {
      return epoch < epochLimit;
    }

    @Override
    public boolean wantsBatch(long fitted) {
      return fitted < batchLimit;
    }

    @Override
    public void epochStarted() {
      lap = clock.getAsLong();
    }

    @Override
    public void resetDone() {
      resets.add(lap());
    }

    @Override
    public void batchDone() {
      batches.add(lap());
    }

    @Override
    public void epochDone() {
      ends.add(lap());
    }

    private double lap() {
      long now = clock.getAsLong();
      double seconds = (now - lap) / 1e9;
      lap = now;
      return seconds;
    }

    @Override
    public void finish(String task, long seed) {
      double measured = (clock.getAsLong() - started) / 1e9;
      Sliced s = new Sliced(task, seed, batches.size(), measured, estimate(measured));
      synchronized (trainings) {
        trainings.add(s);
      }
    }

    /**
     * What the slice did once (all but the counting and the timed laps), then every epoch at its
     * steady cost.
     */
    double estimate(double measured) {
      double laps = sum(resets) + sum(batches) + sum(ends);
      double once = Math.max(0, measured - excluded / 1e9 - laps);
      return once + epochs * (steady(resets) + perEpoch * steady(batches) + steady(ends));
    }
  }

  /** The mean of the laps after the first (the warm-up), or the only one; 0 for none. */
  static double steady(List<Double> laps) {
    if (laps.size() <= 1) {
      return laps.isEmpty() ? 0 : laps.get(0);
    }
    return sum(laps.subList(1, laps.size())) / (laps.size() - 1);
  }

  private static double sum(List<Double> laps) {
    return laps.stream().mapToDouble(Double::doubleValue).sum();
  }
}
