package org.examlab.harness.backend;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Training throughput of a small CNN (LeNet-5 shape on 1x28x28 inputs, batch 64, Adam): the
 * reference model for comparing native builds, DL4J's oneDNN helpers, and other frameworks on the
 * same machine. Inputs are random: only the speed is measured.
 */
public final class CnnBenchmark {
  private CnnBenchmark() {}

  /**
   * samples per second over {@code iterations} training steps, after {@code warmup} untimed ones.
   */
  public record Result(
      double samplesPerSecond, int batchSize, int iterations, String convolutionHelper) {}

  public static MultiLayerNetwork lenet(long seed) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.RELU)
                .list()
                .layer(
                    new ConvolutionLayer.Builder(5, 5).nOut(20).activation(Activation.RELU).build())
                .layer(
                    new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .build())
                .layer(
                    new ConvolutionLayer.Builder(5, 5).nOut(50).activation(Activation.RELU).build())
                .layer(
                    new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .build())
                .layer(new DenseLayer.Builder().nOut(500).activation(Activation.RELU).build())
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(28, 28, 1)) // NCHW
                .build());
    net.init();
    return net;
  }

  public static Result run(int batchSize, int warmup, int iterations) {
    MultiLayerNetwork net = lenet(42);
    Nd4j.getRandom().setSeed(42);
    INDArray x = Nd4j.rand(DataType.FLOAT, batchSize, 1, 28, 28);
    INDArray y = Nd4j.zeros(DataType.FLOAT, batchSize, 10);
    for (int i = 0; i < batchSize; i++) {
      y.putScalar(i, i % 10, 1.0);
    }
    DataSet batch = new DataSet(x, y);
    for (int i = 0; i < warmup; i++) {
      net.fit(batch);
    }
    long start = System.nanoTime();
    for (int i = 0; i < iterations; i++) {
      net.fit(batch);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Object helper = net.getLayer(0).getHelper();
    return new Result(
        batchSize * iterations / seconds,
        batchSize,
        iterations,
        helper == null ? "none" : helper.getClass().getSimpleName());
  }
}
