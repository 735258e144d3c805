package org.examlab.harness.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.harness.settings.Backend;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class ThreadPolicyTest {
  static MultiLayerNetwork mlp() {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(3)
                .updater(new Adam(1e-2))
                .list()
                .layer(
                    new DenseLayer.Builder().nIn(20).nOut(256).activation(Activation.RELU).build())
                .layer(
                    new DenseLayer.Builder().nIn(256).nOut(256).activation(Activation.RELU).build())
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(256)
                        .nOut(2)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
    net.init();
    return net;
  }

  @Test
  void smallDenseNetworksGetOneThreadConvolutionalOnesEveryCore() throws Exception {
    BackendSetup.start(Backend.CPU);
    assertEquals(1, ThreadPolicy.threadsFor(mlp()));
    assertEquals(
        Runtime.getRuntime().availableProcessors(), ThreadPolicy.threadsFor(CnnBenchmark.lenet(1)));
  }

  @Test
  void aLauncherWorkerTrainsConvolutionNetsOnItsShareOfTheCores() throws Exception {
    BackendSetup.start(Backend.CPU);
    System.setProperty(ThreadPolicy.CORES_PROPERTY, "1");
    try {
      assertEquals(1, ThreadPolicy.threadsFor(CnnBenchmark.lenet(1)));
      assertEquals(1, ThreadPolicy.threadsFor(mlp()));
      System.setProperty(ThreadPolicy.CORES_PROPERTY, "999"); // never more than the machine has
      assertEquals(
          Runtime.getRuntime().availableProcessors(),
          ThreadPolicy.threadsFor(CnnBenchmark.lenet(1)));
    } finally {
      System.clearProperty(ThreadPolicy.CORES_PROPERTY);
    }
  }

  /**
   * The thread count changes how work is split, not what is computed: same seed, same weights
   * (within float rounding).
   */
  @Test
  void trainingOnOneThreadGivesTheWeightsOfTrainingOnTwo() throws Exception {
    BackendSetup.start(Backend.CPU);
    Nd4j.getRandom().setSeed(5);
    DataSet data =
        new DataSet(Nd4j.randn(DataType.FLOAT, 256, 20), Nd4j.zeros(DataType.FLOAT, 256, 2));
    for (int i = 0; i < 256; i++) {
      data.getLabels().putScalar(i, i % 2, 1.0);
    }
    INDArray[] trained = new INDArray[2];
    for (int threads = 1; threads <= 2; threads++) {
      ThreadPolicy.apply(threads);
      MultiLayerNetwork net = mlp();
      for (int step = 0; step < 50; step++) {
        net.fit(data);
      }
      trained[threads - 1] = net.params().dup();
    }
    ThreadPolicy.apply(Runtime.getRuntime().availableProcessors());
    double worst =
        trained[0].sub(trained[1]).amaxNumber().doubleValue()
            / trained[0].amaxNumber().doubleValue();
    assertTrue(worst < 1e-5, "largest difference relative to the largest weight: " + worst);
  }
}
