package org.examlab.harness.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Scores of class-probability outputs against one-hot labels ({@code [examples, classes]}). */
public final class Classification {
  private Classification() {}

  /** Share of examples whose most probable class is the labelled one. */
  public static double accuracy(INDArray probabilities, INDArray labels) {
    return probabilities.argMax(1).eq(labels.argMax(1)).castTo(DataType.DOUBLE).meanNumber().doubleValue();
  }

  /**
   * Mean cross-entropy of the predictions alone. DL4J's {@code score()} adds the L2 penalty,
   * which would make regularised and plain models incomparable.
   */
  public static double crossEntropy(INDArray probabilities, INDArray labels) {
    INDArray picked = probabilities.castTo(DataType.DOUBLE).mul(labels.castTo(DataType.DOUBLE)).sum(1); // probability of the true class
    return -Transforms.log(picked.addi(1e-12), false).meanNumber().doubleValue();
  }
}
