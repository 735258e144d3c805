package org.examlab.harness.training;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A per-epoch batch source over in-memory data: every {@link #reset()} (the trainer calls it before
 * each epoch) asks the subclass for that epoch's data, in order, and cuts it into mini-batches of a
 * fixed size. Subclasses decide only what an epoch's data is (a reshuffle, a fresh augmentation);
 * the iterator plumbing lives here once.
 */
public abstract class EpochDataBatches implements DataSetIterator, EpochBatches {
  private final int examples;
  private final int batchSize;
  private final int inputColumns;
  private final int totalOutcomes;
  private int epoch;
  private Iterator<DataSet> batches;
  private DataSetPreProcessor preProcessor;

  /** For epochs of the size and columns of {@code data} (the training data itself). */
  protected EpochDataBatches(DataSet data, int batchSize) {
    this(
        data.numExamples(),
        batchSize,
        (int) data.getFeatures().size(1),
        (int) data.getLabels().size(1));
  }

  /**
   * @param inputColumns -1 where the inputs are not a row of columns (images: see the network's
   *     input type)
   */
  protected EpochDataBatches(int examples, int batchSize, int inputColumns, int totalOutcomes) {
    this.examples = examples;
    this.batchSize = batchSize;
    this.inputColumns = inputColumns;
    this.totalOutcomes = totalOutcomes;
  }

  /** The data of epoch {@code epoch} (0, 1, ...), already in the order it is trained. */
  protected abstract DataSet epochData(int epoch);

  @Override
  public void reset() {
    batches = epochData(epoch++).batchBy(batchSize).iterator();
  }

  @Override
  public long batchesPerEpoch() {
    return (examples + batchSize - 1) / batchSize;
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
    return inputColumns;
  }

  @Override
  public int totalOutcomes() {
    return totalOutcomes;
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
