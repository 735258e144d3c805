package org.examlab.harness.metrics;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Scores of class-probability outputs against one-hot labels ({@code [examples, classes]}). */
public final class Classification {
  private Classification() {}

  /** The accuracy of a trained network's predictions (inference mode) on {@code data}. */
  public static double accuracy(Model network, DataSet data) {
    return accuracy(predict(network, data.getFeatures()), data.getLabels());
  }

  /**
   * The cross-entropy, without any L2 penalty, of a trained network's predictions on {@code data}.
   */
  public static double crossEntropy(Model network, DataSet data) {
    return crossEntropy(predict(network, data.getFeatures()), data.getLabels());
  }

  /** A network's output in inference mode. */
  static INDArray predict(Model network, INDArray features) {
    if (network instanceof MultiLayerNetwork net) {
      return net.output(features, false);
    }
    if (network instanceof ComputationGraph graph) {
      return graph.outputSingle(false, features);
    }
    throw new IllegalArgumentException(
        "cannot predict with a " + network.getClass().getSimpleName());
  }

  /** Share of examples whose most probable class is the labelled one. */
  public static double accuracy(INDArray probabilities, INDArray labels) {
    return probabilities
        .argMax(1)
        .eq(labels.argMax(1))
        .castTo(DataType.DOUBLE)
        .meanNumber()
        .doubleValue();
  }

  /**
   * Mean cross-entropy of the predictions alone. DL4J's {@code score()} adds the L2 penalty, which
   * would make regularised and plain models incomparable.
   */
  public static double crossEntropy(INDArray probabilities, INDArray labels) {
    INDArray picked =
        probabilities
            .castTo(DataType.DOUBLE)
            .mul(labels.castTo(DataType.DOUBLE))
            .sum(1); // probability of the true class
    return -Transforms.log(picked.addi(1e-12), false).meanNumber().doubleValue();
  }
}
