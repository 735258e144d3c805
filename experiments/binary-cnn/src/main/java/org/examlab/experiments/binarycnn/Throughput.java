package org.examlab.experiments.binarycnn;

import org.examlab.harness.training.Training;
import org.examlab.harness.training.TrainingListener;

/**
 * Images per second of fitting and of DataVec reading, kept apart: reading is timed by {@link
 * AugmentedEpochs}, fitting from the start of each epoch (its images already read) to its end,
 * before any evaluation.
 */
final class Throughput implements TrainingListener {
  private long trainedImages;
  private long trainingNanos;
  private long loadedImages;
  private long loadingNanos;
  private long epochStarted;
  private final int imagesPerEpoch;

  Throughput(int imagesPerEpoch) {
    this.imagesPerEpoch = imagesPerEpoch;
  }

  @Override
  public void onEpochStart(Training training) {
    epochStarted = System.nanoTime();
  }

  @Override
  public void onEpoch(Training training) {
    trainedImages += imagesPerEpoch;
    trainingNanos += System.nanoTime() - epochStarted;
  }

  @Override
  public java.io.Serializable checkpointState() {
    return new long[] {trainedImages, trainingNanos, loadedImages, loadingNanos};
  }

  @Override
  public void restore(java.io.Serializable saved) {
    long[] counts = (long[]) saved;
    trainedImages = counts[0];
    trainingNanos = counts[1];
    loadedImages = counts[2];
    loadingNanos = counts[3];
  }

  void loaded(long images, long nanos) {
    loadedImages += images;
    loadingNanos += nanos;
  }

  double trainingImagesPerSecond() {
    return trainingNanos == 0 ? 0 : trainedImages / (trainingNanos / 1e9);
  }

  double loadingImagesPerSecond() {
    return loadingNanos == 0 ? 0 : loadedImages / (loadingNanos / 1e9);
  }
}
