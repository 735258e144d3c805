package org.examlab.experiments.binarycnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class ChunkedEvaluationTest {
  @Test
  void evaluationInChunksEqualsEvaluationAtOnce() {
    int n = 2 * BinaryCnnExperiment.EVALUATION_CHUNK + 37;
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(3)
                .list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(8).activation(Activation.TANH).build())
                .layer(Head.SOFTMAX.outputLayer(8, 2))
                .build());
    net.init();
    INDArray inputs = Nd4j.rand(DataType.FLOAT, n, 5).subi(0.5).muli(8);
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      values[i] = i % 4;
    }
    DataSet data = new DataSet(inputs, Head.SOFTMAX.targets(values, 2));
    assertEquals(net.score(data), BinaryCnnExperiment.score(net, data), 1e-5);
    NumberScores atOnce =
        NumberScores.of(Head.SOFTMAX.decode(net.output(inputs, false), 2), values, 2);
    NumberScores chunked = BinaryCnnExperiment.scores(net, inputs, values, Head.SOFTMAX, 2);
    assertEquals(atOnce, chunked);
    assertTrue(
        atOnce.exactAccuracy() > 0 && atOnce.exactAccuracy() < 1,
        "a net that reads some values, not all: " + atOnce);
  }
}
