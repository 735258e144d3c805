package org.examlab.experiments.binarycnn;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.datavec.image.loader.NativeImageLoader;
import org.examlab.datasets.binarynumbers.LabelledImageFolder;
import org.examlab.datasets.images.ImageFileException;
import org.examlab.harness.training.EpochBatches;
import org.examlab.harness.training.ShuffledBatches;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The training images as the trainer's batch source: every epoch ({@link #reset()}) reads the
 * PNG files again through DataVec's loader, whose transforms draw fresh augmentations, normalizes
 * them, shuffles with the trainer's seed formula ({@link ShuffledBatches#shuffleSeed}) and cuts
 * mini-batches. The time spent reading goes to {@link Throughput}, apart from fitting.
 */
final class AugmentedEpochs implements DataSetIterator, EpochBatches {
  private final List<Path> files;
  private final NativeImageLoader loader;
  private final INDArray targets;
  private final Standardization standardization;
  private final boolean normalize;
  private final int batchSize;
  private final long seed;
  private final Throughput throughput;
  private int epoch;
  private Iterator<DataSet> batches;

  AugmentedEpochs(List<Path> files, NativeImageLoader loader, INDArray targets, Standardization standardization, boolean normalize,
      int batchSize, long seed, Throughput throughput) {
    this.files = files;
    this.loader = loader;
    this.targets = targets;
    this.standardization = standardization;
    this.normalize = normalize;
    this.batchSize = batchSize;
    this.seed = seed;
    this.throughput = throughput;
  }

  @Override
  public void reset() {
    long started = System.nanoTime();
    INDArray images;
    try {
      images = LabelledImageFolder.read(files, loader); // fresh augmentations every epoch
    } catch (ImageFileException e) {
      throw new UncheckedIOException(e);
    }
    throughput.loaded(files.size(), System.nanoTime() - started);
    // shuffle() permutes in place: the targets must be a fresh copy in file order every epoch.
    DataSet epochData = new DataSet(standardization.inputs(images, normalize), targets.dup());
    epochData.shuffle(ShuffledBatches.shuffleSeed(seed, epoch++));
    batches = epochData.batchBy(batchSize).iterator();
  }

  @Override
  public long batchesPerEpoch() {
    return (files.size() + batchSize - 1) / batchSize;
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
    return batches.next();
  }

  @Override
  public DataSet next(int num) {
    throw new UnsupportedOperationException("batches have a fixed size of " + batchSize);
  }

  @Override
  public int inputColumns() {
    return -1; // images: see the network's input type
  }

  @Override
  public int totalOutcomes() {
    return (int) targets.size(1);
  }

  @Override
  public boolean resetSupported() {
    return true;
  }

  @Override
  public boolean asyncSupported() {
    return false; // the augmentation draws are in file order: no prefetching thread
  }

  @Override
  public int batch() {
    return batchSize;
  }

  @Override
  public void setPreProcessor(DataSetPreProcessor preProcessor) {
    throw new UnsupportedOperationException("normalization is the variant's own (Standardization)");
  }

  @Override
  public DataSetPreProcessor getPreProcessor() {
    return null;
  }

  @Override
  public List<String> getLabels() {
    return null;
  }
}
