package org.examlab.harness.training;

import org.nd4j.linalg.dataset.DataSet;

/**
 * An in-memory data set as a per-epoch batch source: each epoch shuffles a private copy with {@code
 * seed * 1_000_003 + epoch} and cuts it into mini-batches. The copy is shuffled again each epoch,
 * not re-copied: the order of epoch e is a function of the seed alone, as it has been since the
 * first version of the trainer.
 */
public final class ShuffledBatches extends EpochDataBatches {
  private final DataSet shuffled;
  private final long seed;

  public ShuffledBatches(DataSet data, int batchSize, long seed) {
    this(data.copy(), seed, batchSize);
  }

  private ShuffledBatches(DataSet copy, long seed, int batchSize) {
    super(copy, batchSize);
    this.shuffled = copy;
    this.seed = seed;
  }

  /** The shuffle seed of epoch {@code epoch}: the same seed gives the same order. */
  public static long shuffleSeed(long seed, int epoch) {
    return seed * 1_000_003L + epoch;
  }

  @Override
  protected DataSet epochData(int epoch) {
    shuffled.shuffle(shuffleSeed(seed, epoch));
    return shuffled;
  }
}
