package org.examlab.experiments.binarycnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

class HeadTest {
  @Test
  void everyHeadDecodesItsOwnTargets() {
    long[] values = {0, 1, 90, 128, 255};
    for (Head head : Head.values()) {
      INDArray targets = head.targets(values, 8);
      assertEquals(head.targetColumns(8), targets.size(1), head.yamlName());
      INDArray perfectOutput = head == Head.SOFTMAX ? oneHot(targets, head.outputs(8)) : targets;
      assertArrayEquals(values, head.decode(perfectOutput, 8), head.yamlName());
    }
    assertEquals(65_536, Head.SOFTMAX.outputs(16));
    assertEquals(
        1,
        Head.SOFTMAX.targetColumns(16),
        "the softmax's targets are class indices, not 65,536 columns");
  }

  @Test
  void theSparseSoftmaxLossIsTheOneHotCrossEntropy() {
    long[] values = {0, 3, 200, 255, 17, 17};
    INDArray sparse = Head.SOFTMAX.targets(values, 8);
    INDArray preOutput = Nd4j.rand(DataType.DOUBLE, values.length, 256).muli(6).subi(3);
    ILossFunction sparseLoss = Head.SOFTMAX.outputLayer(4, 8).getLossFn();
    LossMCXENT dense = new LossMCXENT();
    INDArray oneHot = oneHot(sparse, 256).castTo(DataType.DOUBLE);
    IActivation softmax = new ActivationSoftmax();
    assertEquals(
        dense.computeScore(oneHot, preOutput.dup(), softmax, null, true),
        sparseLoss.computeScore(
            sparse.castTo(DataType.DOUBLE), preOutput.dup(), softmax, null, true),
        1e-12);
    INDArray denseGradient = dense.computeGradient(oneHot, preOutput.dup(), softmax, null);
    INDArray sparseGradient =
        sparseLoss.computeGradient(sparse.castTo(DataType.DOUBLE), preOutput.dup(), softmax, null);
    assertTrue(
        denseGradient.equalsWithEps(sparseGradient, 1e-12),
        "gradients differ: " + denseGradient.sub(sparseGradient).amaxNumber());
  }

  private static INDArray oneHot(INDArray classIndices, int classes) {
    INDArray out = Nd4j.zeros(DataType.FLOAT, classIndices.size(0), classes);
    for (int i = 0; i < classIndices.size(0); i++) {
      out.putScalar(i, classIndices.getInt(i, 0), 1);
    }
    return out;
  }
}
