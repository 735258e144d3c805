package org.examlab.harness.training;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * An in-memory data set as a per-epoch batch source: every {@link #reset()} (the trainer calls it
 * before each epoch) shuffles a private copy with {@code seed * 1_000_003 + epoch} and cuts it
 * into mini-batches. The copy is shuffled again each epoch, not re-copied: the order of epoch e
 * is a function of the seed alone, as it has been since the first version of the trainer.
 */
public final class ShuffledBatches implements DataSetIterator, EpochBatches {
  private final DataSet shuffled;
  private final long seed;
  private final int batchSize;
  private int epoch;
  private Iterator<DataSet> batches;
  private DataSetPreProcessor preProcessor;

  public ShuffledBatches(DataSet data, int batchSize, long seed) {
    this.shuffled = data.copy();
    this.batchSize = batchSize;
    this.seed = seed;
  }

  /** The shuffle seed of epoch {@code epoch}: the same seed gives the same order. */
  public static long shuffleSeed(long seed, int epoch) {
    return seed * 1_000_003L + epoch;
  }

  @Override
  public void reset() {
    shuffled.shuffle(shuffleSeed(seed, epoch++));
    List<DataSet> list = shuffled.batchBy(batchSize);
    batches = list.iterator();
  }

  @Override
  public long batchesPerEpoch() {
    return (shuffled.numExamples() + batchSize - 1) / batchSize;
  }

  @Override
  public boolean hasNext() {
    if (batches == null) {
      reset();
    }
    return batches.hasNext();
  }

  @Override
  public DataSet next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    DataSet batch = batches.next();
    if (preProcessor != null) {
      preProcessor.preProcess(batch);
    }
    return batch;
  }

  @Override
  public DataSet next(int num) {
    throw new UnsupportedOperationException("batches have a fixed size of " + batchSize);
  }

  @Override
  public int inputColumns() {
    return (int) shuffled.getFeatures().size(1);
  }

  @Override
  public int totalOutcomes() {
    return (int) shuffled.getLabels().size(1);
  }

  @Override
  public boolean resetSupported() {
    return true;
  }

  @Override
  public boolean asyncSupported() {
    return false; // the order is the measurement's: no prefetching thread
  }

  @Override
  public int batch() {
    return batchSize;
  }

  @Override
  public void setPreProcessor(DataSetPreProcessor preProcessor) {
    this.preProcessor = preProcessor;
  }

  @Override
  public DataSetPreProcessor getPreProcessor() {
    return preProcessor;
  }

  @Override
  public List<String> getLabels() {
    return null;
  }
}
