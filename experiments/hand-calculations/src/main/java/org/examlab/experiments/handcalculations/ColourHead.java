package org.examlab.experiments.handcalculations;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.examlab.harness.metrics.MeasuredFields;
import org.examlab.harness.metrics.Measurement;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Can the exam's U-Net, as compiled, bring a grayscale image back to colours (claim
 * 000-11/colourisation)? Its head is Conv2D(num_classes = 3, 3x3, same, softmax), trained with
 * sparse categorical cross-entropy: per pixel three probabilities that sum to 1. Read as an RGB
 * colour, such an output can never be white (1, 1, 1) or black (0, 0, 0): the closest it gets is
 * the uniform (1/3, 1/3, 1/3), at 2/sqrt(3) from white and 1/sqrt(3) from black. The head is built
 * in DL4J (a 3x3 convolution, then CnnLossLayer's per-pixel softmax) and run on random grayscale
 * images with random weights and with every bias setting in {-logit, +logit}^3 (the weights' share
 * scaled down, so the biases decide); the same head with a per-channel sigmoid is the control.
 *
 * @param sumError max over pixels |sum_c p_c - 1| of the softmax head
 * @param softmaxWorstDistance the larger of the softmax head's closest approaches to white and to
 *     black
 * @param softmaxWhiteDistance its closest approach to white (Euclidean, over every pixel and
 *     setting)
 * @param sigmoidWorstDistance the same worst distance for the sigmoid head (control: a colour head
 *     does reach both)
 */
record ColourHead(
    double sumError,
    double softmaxWorstDistance,
    double softmaxWhiteDistance,
    double sigmoidWorstDistance) {
  static final MeasuredFields<ColourHead> FIELDS =
      new MeasuredFields<ColourHead>()
          .add(Measurement.of("colour", "sum_error"), ColourHead::sumError)
          .add(Measurement.of("colour", "softmax_worst_distance"), ColourHead::softmaxWorstDistance)
          .add(Measurement.of("colour", "softmax_white_distance"), ColourHead::softmaxWhiteDistance)
          .add(
              Measurement.of("colour", "sigmoid_worst_distance"), ColourHead::sigmoidWorstDistance);

  static ColourHead measure(HandCalculationsSettings.Colourisation s, long seed) {
    Reach softmax = reach(s, Activation.SOFTMAX, seed);
    Reach sigmoid = reach(s, Activation.SIGMOID, seed);
    return new ColourHead(
        softmax.sumError,
        Math.max(softmax.white, softmax.black),
        softmax.white,
        Math.max(sigmoid.white, sigmoid.black));
  }

  private record Reach(double white, double black, double sumError) {}

  private static Reach reach(
      HandCalculationsSettings.Colourisation s, Activation activation, long seed) {
    MultiLayerNetwork head = head(s.classes(), s.size(), activation, seed);
    Nd4j.getRandom().setSeed(seed);
    INDArray images = Nd4j.rand(DataType.DOUBLE, 4, 1, s.size(), s.size());
    head.getLayer(0)
        .setParam(
            ConvolutionParamInitializer.WEIGHT_KEY,
            head.getLayer(0).getParam(ConvolutionParamInitializer.WEIGHT_KEY).mul(0.01));
    double white = Double.POSITIVE_INFINITY;
    double black = Double.POSITIVE_INFINITY;
    double sumError = 0;
    for (int setting = 0; setting < 1 << s.classes(); setting++) {
      INDArray bias = Nd4j.zeros(DataType.DOUBLE, 1, s.classes());
      for (int c = 0; c < s.classes(); c++) {
        bias.putScalar(0, c, ((setting >> c) & 1) == 1 ? s.logit() : -s.logit());
      }
      head.getLayer(0).setParam(ConvolutionParamInitializer.BIAS_KEY, bias);
      INDArray out = head.output(images, false); // [batch, classes, h, w]
      INDArray pixels = out.permute(0, 2, 3, 1).reshape(-1, s.classes()); // a row per pixel
      sumError = Math.max(sumError, pixels.sum(1).sub(1).amaxNumber().doubleValue());
      white = Math.min(white, pixels.rsub(1).norm2(1).minNumber().doubleValue());
      black = Math.min(black, pixels.norm2(1).minNumber().doubleValue());
    }
    return new Reach(white, black, sumError);
  }

  /**
   * The exam's output layer: {@code classes} 3x3 filters, same padding, then the per-pixel
   * activation.
   */
  static MultiLayerNetwork head(int classes, int size, Activation activation, long seed) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Same)
                .list()
                .layer(
                    new ConvolutionLayer.Builder(3, 3)
                        .nOut(classes)
                        .activation(Activation.IDENTITY)
                        .build())
                .layer(
                    new CnnLossLayer.Builder(
                            activation == Activation.SOFTMAX
                                ? LossFunctions.LossFunction.MCXENT
                                : LossFunctions.LossFunction.XENT)
                        .activation(activation)
                        .build())
                .setInputType(InputType.convolutional(size, size, 1))
                .build());
    net.init();
    return net;
  }
}
