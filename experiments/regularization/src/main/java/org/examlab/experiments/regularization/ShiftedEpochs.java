package org.examlab.experiments.regularization;

import java.util.SplittableRandom;
import org.examlab.harness.training.EpochDataBatches;
import org.examlab.harness.training.ShuffledBatches;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Shift augmentation as the trainer's batch source: every epoch ({@link #reset()}) a fresh {@code
 * share} of the training rings is rotated by a random non-zero offset, the labels kept, then
 * shuffled with the trainer's own formula and cut into mini-batches. An epoch has exactly as many
 * examples (and gradient steps) as the plain arm's: the augmented arm gets variety, not extra
 * steps.
 */
final class ShiftedEpochs extends EpochDataBatches {
  private final DataSet original;
  private final double share;
  private final long seed;
  private final SplittableRandom random;

  ShiftedEpochs(DataSet original, double share, int batchSize, long seed) {
    super(original, batchSize);
    this.original = original;
    this.share = share;
    this.seed = seed;
    this.random = new SplittableRandom(seed * 104_729L + 3);
  }

  /**
   * {@code data} with a {@code share} of its rows rotated by a random non-zero offset; labels
   * copied unchanged.
   */
  static DataSet rotated(DataSet data, double share, SplittableRandom random) {
    float[][] rows = data.getFeatures().toFloatMatrix();
    int length = rows[0].length;
    float[][] out = new float[rows.length][length];
    for (int i = 0; i < rows.length; i++) {
      int offset = random.nextDouble() < share ? 1 + random.nextInt(length - 1) : 0;
      for (int p = 0; p < length; p++) {
        out[i][(p + offset) % length] = rows[i][p];
      }
    }
    return new DataSet(
        Nd4j.create(out).castTo(data.getFeatures().dataType()), data.getLabels().dup());
  }

  @Override
  protected DataSet epochData(int epoch) {
    DataSet epochData = rotated(original, share, random);
    epochData.shuffle(ShuffledBatches.shuffleSeed(seed, epoch));
    return epochData;
  }

  @Override
  public void setPreProcessor(DataSetPreProcessor preProcessor) {
    throw new UnsupportedOperationException("the rings are used as generated");
  }
}
