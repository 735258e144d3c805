package org.examlab.experiments.rnngradients;

import static org.examlab.experiments.rnngradients.FusedLstmTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.datasets.sequences.FirstSymbolRecall;
import org.examlab.harness.backend.SteppedRnn;
import org.examlab.harness.backend.SteppedRnnLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The experiment's vanilla RNN ({@link SteppedRnn}) against DL4J's own SimpleRnn on the same
 * network and seed: same outputs, input gradients dL/dx_t (what the experiment measures) and
 * parameter gradients, and the same weights after training; in double precision to 1e-12, so DL4J's
 * finite-difference-checked arithmetic carries over.
 */
class SteppedRnnTest {
  static final FirstSymbolRecall TASK = new FirstSymbolRecall(4, 4);

  /**
   * The experiment's RNN classifier; {@code stepped} false: the same network on DL4J's SimpleRnn
   * (read back from its JSON).
   */
  static MultiLayerNetwork network(boolean stepped, double recurrentStd) {
    MultiLayerNetwork net =
        RecurrentClassifier.build(
            RecurrentCell.RNN,
            TASK.inputChannels(),
            new RnnGradientsSettings.Model(16, 1.0),
            4,
            7L,
            new Adam(0.01),
            recurrentStd,
            0);
    if (stepped) {
      return net;
    }
    String json = net.getLayerWiseConfigurations().toJson();
    assertNotEquals(
        -1, json.indexOf(SteppedRnn.class.getName()), "the experiment builds a SteppedRnn");
    MultiLayerNetwork dl4j =
        new MultiLayerNetwork(
            MultiLayerConfiguration.fromJson(
                json.replace(
                    SteppedRnn.class.getName(),
                    org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn.class.getName())));
    dl4j.init(); // same seed, same initial parameters
    return dl4j;
  }

  @Test
  void theExperimentsNetworkComputesThroughTheSteppedLayer() {
    assertInstanceOf(
        SteppedRnnLayer.class, ((LastTimeStepLayer) network(true, 0).getLayer(0)).getUnderlying());
    SimpleRnn plain =
        (SimpleRnn) ((LastTimeStepLayer) network(false, 0).getLayer(0)).getUnderlying();
    assertFalse(plain instanceof SteppedRnnLayer);
    MultiLayerNetwork roundTrip =
        new MultiLayerNetwork(
            MultiLayerConfiguration.fromJson(
                network(true, 0).getLayerWiseConfigurations().toJson()));
    roundTrip.init();
    assertInstanceOf(
        SteppedRnnLayer.class,
        ((LastTimeStepLayer) roundTrip.getLayer(0)).getUnderlying(),
        "read back from JSON");
  }

  @Test
  void outputsAndGradientsMatchDl4jsSimpleRnn() {
    DataSet data = TASK.generate(32, 12, 3L);
    for (double recurrentStd :
        new double[] {0, 0.5}) { // the default init and the exploding grid's large one
      MultiLayerNetwork stepped = network(true, recurrentStd);
      MultiLayerNetwork dl4j = network(false, recurrentStd);
      assertEquals(dl4j.params(), stepped.params(), "same initial parameters");
      assertClose(dl4j.output(data.getFeatures()), stepped.output(data.getFeatures()), 1e-5);
      Pair<Gradient, INDArray> a =
          dl4j.calculateGradients(data.getFeatures(), data.getLabels(), null, null);
      INDArray dl4jInput = a.getSecond().dup();
      INDArray dl4jParams = a.getFirst().gradient().dup();
      Pair<Gradient, INDArray> b =
          stepped.calculateGradients(data.getFeatures(), data.getLabels(), null, null);
      assertClose(dl4jInput, b.getSecond(), 1e-5);
      assertClose(dl4jParams, b.getFirst().gradient(), 1e-5);
    }
  }

  @Test
  void trainingGivesTheSameWeights() {
    DataSet data = TASK.generate(64, 10, 5L);
    MultiLayerNetwork stepped = network(true, 0);
    MultiLayerNetwork dl4j = network(false, 0);
    for (int i = 0; i < 30; i++) {
      stepped.fit(data);
      dl4j.fit(data);
    }
    assertClose(dl4j.params(), stepped.params(), 1e-4);
    assertEquals(dl4j.score(), stepped.score(), 1e-5);
  }

  @Test
  void doublePrecisionGradientsAgreeToRounding() {
    DataSet data = TASK.generate(8, 6, 9L);
    data.setFeatures(data.getFeatures().castTo(DataType.DOUBLE));
    data.setLabels(data.getLabels().castTo(DataType.DOUBLE));
    MultiLayerNetwork dl4j = network(false, 0.5).convertDataType(DataType.DOUBLE);
    MultiLayerNetwork stepped = network(true, 0.5).convertDataType(DataType.DOUBLE);
    assertInstanceOf(
        SteppedRnnLayer.class, ((LastTimeStepLayer) stepped.getLayer(0)).getUnderlying());
    assertClose(dl4j.output(data.getFeatures()), stepped.output(data.getFeatures()), 1e-12);
    Pair<Gradient, INDArray> a =
        dl4j.calculateGradients(data.getFeatures(), data.getLabels(), null, null);
    INDArray dl4jInput = a.getSecond().dup();
    INDArray dl4jParams = a.getFirst().gradient().dup();
    Pair<Gradient, INDArray> b =
        stepped.calculateGradients(data.getFeatures(), data.getLabels(), null, null);
    assertClose(dl4jInput, b.getSecond(), 1e-12);
    assertClose(dl4jParams, b.getFirst().gradient(), 1e-12);
  }
}
