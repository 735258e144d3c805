package org.examlab.experiments.rnngradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.datasets.sequences.FirstSymbolRecall;
import org.examlab.harness.backend.FusedLstm;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The fused LSTM (libnd4j's lstmLayer ops) against DL4J's own Java LSTM on the same network and
 * seed: same outputs, same input and parameter gradients, and the same weights after training,
 * within float rounding.
 */
class FusedLstmTest {
  static final FirstSymbolRecall TASK = new FirstSymbolRecall(4, 4);

  /**
   * The experiment's network; {@code fused} false takes DL4J's Java path (its helper removed by
   * rebuilding without install).
   */
  static MultiLayerNetwork network(boolean fused) {
    MultiLayerNetwork net =
        RecurrentClassifier.lstm(TASK.inputChannels(), 16, 1.0, 4, 7L, new Adam(0.01));
    if (!fused) {
      net = new MultiLayerNetwork(net.getLayerWiseConfigurations().clone());
      net.init(); // same seed, same initial parameters; DL4J sets no CPU helper
    }
    return net;
  }

  @Test
  void theExperimentsNetworkComputesThroughTheFusedOp() {
    LastTimeStepLayer wrapper = (LastTimeStepLayer) network(true).getLayer(0);
    assertTrue(FusedLstm.isInstalled(wrapper.getUnderlying()));
    assertTrue(
        !FusedLstm.isInstalled(((LastTimeStepLayer) network(false).getLayer(0)).getUnderlying()));
  }

  @Test
  void outputsAndGradientsMatchDl4jsJavaLstm() {
    DataSet data = TASK.generate(32, 12, 3L);
    MultiLayerNetwork fused = network(true);
    MultiLayerNetwork java = network(false);
    assertEquals(java.params(), fused.params(), "same initial parameters");
    assertClose(java.output(data.getFeatures()), fused.output(data.getFeatures()), 1e-5);

    Pair<Gradient, INDArray> a =
        java.calculateGradients(data.getFeatures(), data.getLabels(), null, null);
    INDArray javaInput = a.getSecond().dup();
    INDArray javaParams = a.getFirst().gradient().dup();
    Pair<Gradient, INDArray> b =
        fused.calculateGradients(data.getFeatures(), data.getLabels(), null, null);
    assertClose(javaInput, b.getSecond(), 1e-5);
    assertClose(javaParams, b.getFirst().gradient(), 1e-5);
    assertNoFallback(fused);
  }

  @Test
  void trainingGivesTheSameWeights() {
    DataSet data = TASK.generate(64, 10, 5L);
    MultiLayerNetwork fused = network(true);
    MultiLayerNetwork java = network(false);
    for (int i = 0; i < 30; i++) {
      fused.fit(data);
      java.fit(data);
    }
    assertClose(java.params(), fused.params(), 1e-4);
    assertEquals(java.score(), fused.score(), 1e-5);
    assertNoFallback(fused);
  }

  @Test
  void doublePrecisionGradientsAgreeClosely() {
    DataSet data = TASK.generate(8, 6, 9L);
    data.setFeatures(data.getFeatures().castTo(DataType.DOUBLE));
    data.setLabels(data.getLabels().castTo(DataType.DOUBLE));
    MultiLayerNetwork java = network(false).convertDataType(DataType.DOUBLE);
    MultiLayerNetwork fused = network(false).convertDataType(DataType.DOUBLE);
    assertEquals(1, FusedLstm.install(fused));
    Pair<Gradient, INDArray> a =
        java.calculateGradients(data.getFeatures(), data.getLabels(), null, null);
    INDArray javaInput = a.getSecond().dup();
    INDArray javaParams = a.getFirst().gradient().dup();
    Pair<Gradient, INDArray> b =
        fused.calculateGradients(data.getFeatures(), data.getLabels(), null, null);
    assertClose(javaInput, b.getSecond(), 1e-12);
    assertClose(javaParams, b.getFirst().gradient(), 1e-12);
    assertNoFallback(fused);
  }

  /**
   * DL4J falls back to its Java LSTM, logging a warning, when a helper throws: that must not have
   * happened.
   */
  static void assertNoFallback(MultiLayerNetwork fused) {
    var lstm = ((LastTimeStepLayer) fused.getLayer(0)).getUnderlying();
    assertTrue(FusedLstm.isInstalled(lstm));
    assertEquals(
        0, FusedLstm.fallbacks(lstm), "the fused op failed and DL4J fell back to its Java LSTM");
  }

  static void assertClose(INDArray expected, INDArray actual, double tolerance) {
    assertEquals(expected.length(), actual.length());
    double scale = Math.max(1e-3, expected.amaxNumber().doubleValue());
    double worst =
        expected
                .castTo(DataType.DOUBLE)
                .sub(actual.castTo(DataType.DOUBLE))
                .amaxNumber()
                .doubleValue()
            / scale;
    assertTrue(worst < tolerance, "largest difference relative to the largest value: " + worst);
  }
}
