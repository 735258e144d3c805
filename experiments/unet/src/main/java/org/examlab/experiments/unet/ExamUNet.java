package org.examlab.experiments.unet;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The U-Net of seed 000's architecture question ({@code get_model_1}), layer for layer and with the
 * exam's layer names: three 3x3 'same' ReLU convolutions down (128, 256, 512 filters) with 2x2 max
 * pooling between them, two 2x up-samplings each concatenated with the encoder output of the same
 * resolution and followed by a 3x3 convolution (256, 128), and a 3x3 convolution to the class
 * scores. Keras puts the softmax into that last convolution; here it is identity and the softmax
 * sits in a {@link CnnLossLayer} (multi-class cross-entropy per pixel), which has no parameters.
 *
 * <p>{@code widthMultiplier} scales every filter count (at least 1 filter) so the same graph trains
 * on a CPU; at 1.0 it is the exam's network. NCHW throughout, the layout DL4J's oneDNN helpers take
 * without a transpose. Keras' default initialisation (Glorot uniform, zero bias) is kept.
 *
 * @param height input rows, divisible by 4 (two poolings)
 * @param width input columns, divisible by 4
 */
public record ExamUNet(double widthMultiplier, int height, int width, int classes) {
  /**
   * The exam's network: {@code input_shape = (128, 256, 3)}, {@code num_classes = 3}, full width.
   */
  public static final ExamUNet EXAM = new ExamUNet(1.0, 128, 256, 3);

  static final int[] EXAM_FILTERS = {
    128, 256, 512, 256, 128
  }; // conv_d1, conv_d2, conv_d3, conv_u1, conv_u2
  static final String INPUT = "input_layer";
  static final String LOSS = "loss";

  public ExamUNet {
    if (!(widthMultiplier > 0 && widthMultiplier <= 4)) {
      throw new IllegalArgumentException(
          "widthMultiplier must be in (0, 4], got " + widthMultiplier);
    }
    if (height < 4 || height % 4 != 0 || width < 4 || width % 4 != 0) {
      throw new IllegalArgumentException(
          "height and width must be positive multiples of 4 (two 2x2 poolings), got "
              + height
              + "x"
              + width);
    }
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be at least 2, got " + classes);
    }
  }

  /** Filters of the five hidden convolutions at this width. */
  public int[] filters() {
    int[] f = new int[EXAM_FILTERS.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = Math.max(1, (int) Math.round(EXAM_FILTERS[i] * widthMultiplier));
    }
    return f;
  }

  public InputType inputType() {
    return InputType.convolutional(height, width, 3, CNN2DFormat.NCHW);
  }

  /**
   * The per-pixel output: a softmax over the classes with multi-class cross-entropy (the exam
   * U-Net's), or one sigmoid per class with binary cross-entropy each (seed 001's network, a
   * sigmoid output trained on one-hot masks); a pixel's class is the highest score either way.
   */
  public enum Head {
    SOFTMAX(LossFunctions.LossFunction.MCXENT, Activation.SOFTMAX),
    SIGMOID(LossFunctions.LossFunction.XENT, Activation.SIGMOID);

    final LossFunctions.LossFunction loss;
    final Activation activation;

    Head(LossFunctions.LossFunction loss, Activation activation) {
      this.loss = loss;
      this.activation = activation;
    }
  }

  public ComputationGraphConfiguration configuration(long seed, IUpdater updater) {
    return configuration(seed, updater, Head.SOFTMAX);
  }

  public ComputationGraphConfiguration configuration(long seed, IUpdater updater, Head head) {
    int[] f = filters();
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(updater)
        .weightInit(WeightInit.XAVIER_UNIFORM)
        .convolutionMode(ConvolutionMode.Same)
        .graphBuilder()
        .addInputs(INPUT)
        .setInputTypes(inputType())
        .addLayer("conv_d1", conv(f[0], Activation.RELU), INPUT)
        .addLayer("mp_d1", maxPool(), "conv_d1")
        .addLayer("conv_d2", conv(f[1], Activation.RELU), "mp_d1")
        .addLayer("mp_d2", maxPool(), "conv_d2")
        .addLayer("conv_d3", conv(f[2], Activation.RELU), "mp_d2")
        .addLayer(
            "up_u1", new Upsampling2D.Builder(2).dataFormat(CNN2DFormat.NCHW).build(), "conv_d3")
        .addVertex(
            "concat1",
            new MergeVertex(),
            "up_u1",
            "conv_d2") // channel axis in NCHW, in the exam's order
        .addLayer("conv_u1", conv(f[3], Activation.RELU), "concat1")
        .addLayer(
            "up_u2", new Upsampling2D.Builder(2).dataFormat(CNN2DFormat.NCHW).build(), "conv_u1")
        .addVertex("concat2", new MergeVertex(), "up_u2", "conv_d1")
        .addLayer("conv_u2", conv(f[4], Activation.RELU), "concat2")
        .addLayer("output_layer", conv(classes, Activation.IDENTITY), "conv_u2")
        .addLayer(
            LOSS,
            new CnnLossLayer.Builder(head.loss)
                .activation(head.activation)
                .format(CNN2DFormat.NCHW)
                .build(),
            "output_layer")
        .setOutputs(LOSS)
        .build();
  }

  /** A freshly initialised network. */
  public ComputationGraph build(long seed, IUpdater updater) {
    return build(seed, updater, Head.SOFTMAX);
  }

  /** A freshly initialised network with {@code head}. */
  public ComputationGraph build(long seed, IUpdater updater, Head head) {
    ComputationGraph graph = new ComputationGraph(configuration(seed, updater, head));
    graph.init();
    return graph;
  }

  private static ConvolutionLayer conv(int filters, Activation activation) {
    return new ConvolutionLayer.Builder(3, 3)
        .nOut(filters)
        .activation(activation)
        .dataFormat(CNN2DFormat.NCHW)
        .build();
  }

  private static SubsamplingLayer maxPool() {
    return new SubsamplingLayer.Builder(PoolingType.MAX)
        .kernelSize(2, 2)
        .stride(2, 2)
        .dataFormat(CNN2DFormat.NCHW)
        .build();
  }
}
