package org.examlab.harness.diagnostics;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Saturation and dead-unit statistics of a layer's activations, shared by every diagnostic. */
public final class ActivationStatistics {
  private ActivationStatistics() {}

  /** Share of activations in the flat tails of a squashing function; 0 for non-saturating ones. */
  public static double saturatedFraction(IActivation activation, INDArray x) {
    if (activation instanceof ActivationTanH || activation instanceof ActivationHardTanH) {
      return Transforms.abs(x).gt(0.99).castTo(DataType.FLOAT).meanNumber().doubleValue();
    }
    if (activation instanceof ActivationSigmoid || activation instanceof ActivationHardSigmoid) {
      double low = x.lt(0.01).castTo(DataType.FLOAT).sumNumber().doubleValue();
      double high = x.gt(0.99).castTo(DataType.FLOAT).sumNumber().doubleValue();
      return (low + high) / x.length();
    }
    return 0.0;
  }

  /**
   * Share of units (axis 1: features / channels) whose output is 0 for every example and position.
   */
  public static double deadUnitFraction(INDArray x) {
    if (x.rank() < 2) {
      return 0.0;
    }
    int[] others = new int[x.rank() - 1];
    others[0] = 0;
    for (int d = 2; d < x.rank(); d++) {
      others[d - 1] = d;
    }
    INDArray activeCount = x.neq(0).castTo(DataType.FLOAT).sum(others);
    return activeCount.eq(0).castTo(DataType.FLOAT).meanNumber().doubleValue();
  }
}
