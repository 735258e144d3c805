package org.examlab.experiments.convolution;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.architecture.Dl4jGraph;
import org.examlab.architecture.NetworkDescription;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Measures a receptive field without the formula: builds the network as a DL4J graph with random
 * weights, then for every input pixel adds a large positive and a large negative value (all
 * channels) and records whether the output at the centre of the last layer changes. Large changes
 * get through max pooling (the pixel becomes the maximum) and through ReLU (one of the two signs is
 * positive for some filter). The region of pixels that change it is the receptive field.
 *
 * @param height rows of the smallest box holding every input pixel that changes the centre output
 * @param width its columns
 * @param fraction share of all input pixels that change it (1: the output sees the whole image)
 */
public record ReceptiveFieldProbe(long height, long width, double fraction) {
  private static final double KICK = 100.0;
  private static final int CHUNK = 128;

  public static ReceptiveFieldProbe measure(NetworkDescription network, long seed) {
    ComputationGraph graph = Dl4jGraph.build(network, seed);
    int channels = network.input().channels();
    int rows = network.input().height();
    int cols = network.input().width();
    Nd4j.getRandom().setSeed(seed);
    INDArray base = Nd4j.randn(DataType.FLOAT, 1, channels, rows, cols);
    boolean[] changes = new boolean[rows * cols];
    for (int start = 0; start < rows * cols; start += CHUNK) {
      int count = Math.min(CHUNK, rows * cols - start);
      for (double kick : new double[] {KICK, -KICK}) {
        // element 0 is the unperturbed image, so every comparison is within one batch
        INDArray batch = Nd4j.tile(base, count + 1, 1, 1, 1);
        for (int i = 0; i < count; i++) {
          int pixel = start + i;
          batch
              .get(
                  NDArrayIndex.point(i + 1),
                  NDArrayIndex.all(),
                  NDArrayIndex.point(pixel / cols),
                  NDArrayIndex.point(pixel % cols))
              .addi(kick);
        }
        INDArray centre = centre(graph.outputSingle(false, batch));
        INDArray unperturbed = centre.getRow(0);
        double tolerance = 1e-4 * (1 + unperturbed.amaxNumber().doubleValue());
        for (int i = 0; i < count; i++) {
          if (centre.getRow(i + 1).sub(unperturbed).amaxNumber().doubleValue() > tolerance) {
            changes[start + i] = true;
          }
        }
      }
    }
    return box(changes, rows, cols);
  }

  /**
   * The output values at the centre position, one row per example: [batch, channels] (a vector
   * output as is).
   */
  private static INDArray centre(INDArray output) {
    if (output.rank() == 2) {
      return output;
    }
    return output.get(
        NDArrayIndex.all(),
        NDArrayIndex.all(),
        NDArrayIndex.point(output.size(2) / 2),
        NDArrayIndex.point(output.size(3) / 2));
  }

  static ReceptiveFieldProbe box(boolean[] changes, int rows, int cols) {
    int top = rows;
    int bottom = -1;
    int left = cols;
    int right = -1;
    int count = 0;
    for (int p = 0; p < changes.length; p++) {
      if (changes[p]) {
        top = Math.min(top, p / cols);
        bottom = Math.max(bottom, p / cols);
        left = Math.min(left, p % cols);
        right = Math.max(right, p % cols);
        count++;
      }
    }
    return count == 0
        ? new ReceptiveFieldProbe(0, 0, 0)
        : new ReceptiveFieldProbe(
            bottom - top + 1, right - left + 1, count / (double) changes.length);
  }
}
