package org.examlab.experiments.convolution;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.examlab.harness.metrics.MeasuredFields;
import org.examlab.harness.metrics.Measurement;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * What an input-modification explanation costs against a backward one (claim 002-8): a DL4J CNN (a
 * 3x3 convolution with ReLU, then a softmax layer) explains its class score on one random image
 * twice. Occlusion (input modification) zeroes each of the P = (n / patch)^2 patches in turn and
 * reads the score drop: one forward pass for the unmodified image and one per patch. The gradient
 * route (the one deconvolution and saliency share: a forward pass, then a pass back to the input)
 * is DL4J's {@code calculateGradients}, which returns the gradient with respect to the input.
 * Passes are counted as the methods make them; multiply-adds per forward pass are counted from the
 * layer shapes (k*k*c_in*c_out per output pixel, n_in*n_out for the dense layer), and a backward
 * pass as two forwards (DL4J computes the input's and the weights' gradients).
 *
 * @param occlusionPasses forward passes occlusion made (P + 1)
 * @param gradientPasses passes the gradient route made (1 forward + 1 backward)
 * @param occlusionMultAdds multiply-adds of occlusion
 * @param gradientMultAdds multiply-adds of the gradient route
 * @param occlusionEffect max |score drop| over the patches (control: the occlusion map is not
 *     empty)
 * @param gradientNorm max |d score / d input| (control: the gradient map is not empty)
 */
record ExplanationCost(
    double occlusionPasses,
    double gradientPasses,
    double occlusionMultAdds,
    double gradientMultAdds,
    double occlusionEffect,
    double gradientNorm) {
  static final MeasuredFields<ExplanationCost> FIELDS =
      new MeasuredFields<ExplanationCost>()
          .add(Measurement.of("explanation", "occlusion_passes"), ExplanationCost::occlusionPasses)
          .add(Measurement.of("explanation", "gradient_passes"), ExplanationCost::gradientPasses)
          .add(
              Measurement.of("explanation", "occlusion_mult_adds"),
              ExplanationCost::occlusionMultAdds)
          .add(
              Measurement.of("explanation", "gradient_mult_adds"),
              ExplanationCost::gradientMultAdds)
          .add(Measurement.of("explanation", "occlusion_effect"), ExplanationCost::occlusionEffect)
          .add(Measurement.of("explanation", "gradient_norm"), ExplanationCost::gradientNorm);

  static ExplanationCost measure(ConvolutionSettings.Explanation s, long seed) {
    MultiLayerNetwork net = network(s, seed);
    Nd4j.getRandom().setSeed(seed);
    int n = s.imageSize();
    INDArray image = Nd4j.rand(DataType.DOUBLE, 1, 1, n, n);
    INDArray label = Nd4j.zeros(DataType.DOUBLE, 1, s.classes());
    label.putScalar(0, 0, 1);
    long forward = forwardMultAdds(s);

    int passes = 1;
    double base = net.output(image, false).getDouble(0, 0);
    double effect = 0;
    for (int top = 0; top < n; top += s.patch()) {
      for (int left = 0; left < n; left += s.patch()) {
        INDArray occluded = image.dup();
        occluded
            .get(
                NDArrayIndex.all(),
                NDArrayIndex.all(),
                NDArrayIndex.interval(top, top + s.patch()),
                NDArrayIndex.interval(left, left + s.patch()))
            .assign(0);
        effect = Math.max(effect, Math.abs(base - net.output(occluded, false).getDouble(0, 0)));
        passes++;
      }
    }
    Pair<Gradient, INDArray> gradient =
        net.calculateGradients(image, label, null, null); // one forward, one backward
    int gradientPasses = 2;
    return new ExplanationCost(
        passes,
        gradientPasses,
        (double) passes * forward,
        3.0 * forward,
        effect,
        gradient.getSecond().amaxNumber().doubleValue());
  }

  /** Multiply-adds of one forward pass: the valid 3x3 convolution and the dense softmax layer. */
  static long forwardMultAdds(ConvolutionSettings.Explanation s) {
    long out = s.imageSize() - 2L;
    long conv = out * out * 3 * 3 * s.filters();
    long dense = out * out * s.filters() * s.classes();
    return conv + dense;
  }

  static MultiLayerNetwork network(ConvolutionSettings.Explanation s, long seed) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Truncate)
                .list()
                .layer(
                    new ConvolutionLayer.Builder(3, 3)
                        .nOut(s.filters())
                        .activation(Activation.RELU)
                        .build())
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(s.classes())
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(s.imageSize(), s.imageSize(), 1))
                .build());
    net.init();
    return net;
  }
}
