package org.examlab.experiments.deepconv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.experiments.deepconv.ConvStack.Arm;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

class ConvStackTest {
  private static final DeepConvSettings.Network SMALL = new DeepConvSettings.Network(4, 3, 2);

  @Test
  void theSkipsAddNoParameter_theDenseBlockHasTheHandCountedOnes() {
    long plain = ConvStack.build(Arm.PLAIN, SMALL, 8, 1, new Sgd(0.1)).numParams();
    // 3x3 kernels with biases: stem 1 -> 3, then three 3 -> 3 layers, GAP, 3 -> 10 softmax
    assertEquals((9 * 3 + 3) + 3 * (9 * 3 * 3 + 3) + (3 * 10 + 10), plain);
    assertEquals(plain, ConvStack.build(Arm.RESIDUAL, SMALL, 8, 1, new Sgd(0.1)).numParams());
    // dense: layer i sees 3 + 2 (i - 1) channels and adds 2; the head pools 3 + 2 * 3 = 9 channels
    long dense = (9 * 3 + 3) + (9 * 3 * 2 + 2) + (9 * 5 * 2 + 2) + (9 * 7 * 2 + 2) + (9 * 10 + 10);
    assertEquals(dense, ConvStack.build(Arm.DENSE, SMALL, 8, 1, new Sgd(0.1)).numParams());
  }

  @Test
  void theKernelGradientRmsIsThatOfCentralDifferencesOfTheLoss() {
    DataSet probe = new org.examlab.datasets.images.RenderedDigits(8).labelled(16, 5);
    probe =
        new DataSet(
            probe.getFeatures().castTo(DataType.DOUBLE), probe.getLabels().castTo(DataType.DOUBLE));
    for (Arm arm : Arm.values()) {
      ComputationGraph net =
          ConvStack.build(arm, SMALL, 8, 3, new Sgd(0.1)).convertDataType(DataType.DOUBLE);
      double[] rms = ConvStack.kernelGradientRms(net, SMALL.depth(), probe);
      for (int layer : new int[] {0, SMALL.depth() - 1}) {
        INDArray w = net.getParam(ConvStack.convName(layer) + "_W");
        double sumSquares = 0;
        double h = 1e-6;
        for (long j = 0; j < w.length(); j++) {
          double original = w.getDouble(j);
          w.putScalar(j, original + h);
          double up = net.score(probe, true);
          w.putScalar(j, original - h);
          double down = net.score(probe, true);
          w.putScalar(j, original);
          double g = (up - down) / (2 * h);
          sumSquares += g * g;
        }
        double expected = Math.sqrt(sumSquares / w.length());
        assertEquals(expected, rms[layer], 1e-5 * expected + 1e-12, arm + " layer " + layer);
      }
    }
  }
}
