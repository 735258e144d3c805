package org.examlab.experiments.binarycnn;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.datavec.image.loader.NativeImageLoader;
import org.examlab.datasets.binarynumbers.LabelledImageFolder;
import org.examlab.datasets.images.ImageFileException;
import org.examlab.harness.training.EpochDataBatches;
import org.examlab.harness.training.ShuffledBatches;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * The training images as the trainer's batch source: every epoch reads the PNG files again through
 * DataVec's loader, whose transforms draw fresh augmentations, normalizes them, shuffles with the
 * trainer's seed formula ({@link ShuffledBatches#shuffleSeed}) and cuts mini-batches. A variant
 * without augmentation ({@code augmented} false) would read the same pixels every epoch: it reads
 * them once and keeps the normalized inputs. The time spent reading goes to {@link Throughput},
 * apart from fitting.
 */
final class AugmentedEpochs extends EpochDataBatches {
  private final List<Path> files;
  private final NativeImageLoader loader;
  private final INDArray targets;
  private final Standardization standardization;
  private final boolean normalize;
  private final long seed;
  private final Throughput throughput;
  private final boolean augmented;
  private INDArray fixedInputs;

  AugmentedEpochs(
      List<Path> files,
      NativeImageLoader loader,
      boolean augmented,
      INDArray targets,
      Standardization standardization,
      boolean normalize,
      int batchSize,
      long seed,
      Throughput throughput) {
    super(files.size(), batchSize, -1, (int) targets.size(1));
    this.files = files;
    this.loader = loader;
    this.targets = targets;
    this.standardization = standardization;
    this.normalize = normalize;
    this.seed = seed;
    this.throughput = throughput;
    this.augmented = augmented;
  }

  @Override
  protected DataSet epochData(int epoch) {
    // shuffle() permutes in place: inputs and targets must be fresh copies in file order every
    // epoch.
    INDArray inputs = fixedInputs != null ? fixedInputs.dup() : read();
    if (!augmented && fixedInputs == null) {
      fixedInputs = inputs.dup();
    }
    DataSet epochData = new DataSet(inputs, targets.dup());
    epochData.shuffle(ShuffledBatches.shuffleSeed(seed, epoch));
    return epochData;
  }

  private INDArray read() {
    long started = System.nanoTime();
    INDArray images;
    try {
      images = LabelledImageFolder.read(files, loader); // fresh augmentations every epoch
    } catch (ImageFileException e) {
      throw new UncheckedIOException(e);
    }
    throughput.loaded(files.size(), System.nanoTime() - started);
    return standardization.inputs(images, normalize);
  }

  @Override
  public void setPreProcessor(DataSetPreProcessor preProcessor) {
    throw new UnsupportedOperationException("normalization is the variant's own (Standardization)");
  }
}
