package org.examlab.experiments.seq2seq;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.examlab.datasets.sequences.SequencePair;
import org.examlab.datasets.sequences.SequencePairs;
import org.examlab.datasets.sequences.Vocabulary;
import org.examlab.harness.training.EpochBatches;
import org.examlab.harness.training.ShuffledBatches;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Teacher-forcing batches for the trainer: every epoch ({@link #reset()}) shuffles the pairs with
 * the trainer's seed formula and cuts them into mini-batches, each padded to its own longest pair
 * (source, decoder input and target, with their masks: three inputs of the graph), or, for an
 * unrolled decoder, to its fixed number of decoder steps ({@link FixedSteps}).
 */
final class TeacherForcingBatches implements MultiDataSetIterator, EpochBatches {
  private final Vocabulary vocabulary;
  private final List<SequencePair> shuffled;
  private final int batchSize;
  private final long seed;
  private final int decoderSteps;
  private int epoch;
  private int next;

  /**
   * @param decoderSteps the decoder steps every batch is padded to; 0: each batch's own longest
   */
  TeacherForcingBatches(
      Vocabulary vocabulary, List<SequencePair> pairs, int batchSize, long seed, int decoderSteps) {
    this.vocabulary = vocabulary;
    this.shuffled = new ArrayList<>(pairs);
    this.batchSize = batchSize;
    this.seed = seed;
    this.decoderSteps = decoderSteps;
  }

  @Override
  public void reset() {
    Collections.shuffle(
        shuffled, new Random(ShuffledBatches.shuffleSeed(seed, epoch++))); // same seed, same order
    next = 0;
  }

  @Override
  public long batchesPerEpoch() {
    return (shuffled.size() + batchSize - 1) / batchSize;
  }

  @Override
  public boolean hasNext() {
    return next < shuffled.size();
  }

  @Override
  public MultiDataSet next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    List<SequencePair> batch = shuffled.subList(next, Math.min(shuffled.size(), next + batchSize));
    next += batchSize;
    MultiDataSet batchData = SequencePairs.teacherForcing(vocabulary, batch);
    return decoderSteps == 0 ? batchData : FixedSteps.teacherForcing(batchData, decoderSteps);
  }

  @Override
  public MultiDataSet next(int num) {
    throw new UnsupportedOperationException("batches have a fixed size of " + batchSize);
  }

  @Override
  public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
    throw new UnsupportedOperationException("the batches are encoded by SequencePairs");
  }

  @Override
  public MultiDataSetPreProcessor getPreProcessor() {
    return null;
  }

  @Override
  public boolean resetSupported() {
    return true;
  }

  @Override
  public boolean asyncSupported() {
    return false;
  }
}
