package org.examlab.experiments.deepconv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The three conv stacks compared, each {@code depth} 3x3 sigmoid convolutions (Xavier init, no
 * batch norm, "same" padding), then global average pooling and a softmax over the classes. Layer i
 * is {@code conv_i}; layer 0 (the stem) maps the image to {@code width} channels.
 *
 * <ul>
 *   <li>{@link Arm#PLAIN}: each layer feeds the next.
 *   <li>{@link Arm#RESIDUAL}: from layer 1 on, an identity skip adds each layer's input to its
 *       output ({@code res_i}); the skips add no parameter, so it has exactly the plain stack's.
 *   <li>{@link Arm#DENSE}: a dense block: layer i (from 1 on) sees the concatenation of every
 *       earlier layer's output ({@code cat_i}) and adds {@code growth} channels; the head pools the
 *       concatenation of all of them.
 * </ul>
 */
final class ConvStack {
  static final int CLASSES = org.examlab.datasets.images.RenderedDigits.CLASSES;

  enum Arm {
    PLAIN,
    RESIDUAL,
    DENSE;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private ConvStack() {}

  static String convName(int i) {
    return "conv_" + i;
  }

  static ComputationGraph build(
      Arm arm, DeepConvSettings.Network n, int size, long seed, IUpdater updater) {
    ComputationGraphConfiguration.GraphBuilder graph =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .updater(updater)
            .weightInit(WeightInit.XAVIER)
            .convolutionMode(ConvolutionMode.Same)
            .graphBuilder()
            .addInputs("in");
    List<String> outputs = new ArrayList<>(); // what each layer passes on
    for (int i = 0; i < n.depth(); i++) {
      String input =
          i == 0
              ? "in"
              : switch (arm) {
                case PLAIN, RESIDUAL -> outputs.get(i - 1);
                case DENSE -> i == 1 ? outputs.get(0) : merged(graph, "cat_" + i, outputs);
              };
      int channels = arm == Arm.DENSE && i > 0 ? n.growth() : n.width();
      graph.addLayer(
          convName(i),
          new ConvolutionLayer.Builder(3, 3).nOut(channels).activation(Activation.SIGMOID).build(),
          input);
      if (arm == Arm.RESIDUAL && i > 0) {
        graph.addVertex(
            "res_" + i, new ElementWiseVertex(ElementWiseVertex.Op.Add), input, convName(i));
        outputs.add("res_" + i);
      } else {
        outputs.add(convName(i));
      }
    }
    String top = arm == Arm.DENSE ? merged(graph, "cat_head", outputs) : outputs.get(n.depth() - 1);
    graph
        .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), top)
        .addLayer(
            "out",
            new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(CLASSES)
                .activation(Activation.SOFTMAX)
                .build(),
            "gap")
        .setOutputs("out")
        .setInputTypes(InputType.convolutionalFlat(size, size, 1));
    ComputationGraph net = new ComputationGraph(graph.build());
    net.init();
    return net;
  }

  private static String merged(
      ComputationGraphConfiguration.GraphBuilder graph, String name, List<String> inputs) {
    graph.addVertex(name, new MergeVertex(), inputs.toArray(String[]::new));
    return name;
  }

  /**
   * The root mean square of dL/dW of each conv layer's kernel on {@code probe}, L the mean loss
   * over its examples, index 0 the stem: a per-weight size, comparable between layers of different
   * widths (the dense block's). DL4J's gradient is the sum over the batch (its updater divides by
   * the batch size), hence the division.
   */
  static double[] kernelGradientRms(ComputationGraph net, int depth, DataSet probe) {
    net.setInputs(probe.getFeatures());
    net.setLabels(probe.getLabels());
    net.computeGradientAndScore();
    Map<String, INDArray> gradients = net.gradient().gradientForVariable();
    double[] rms = new double[depth];
    for (int i = 0; i < depth; i++) {
      INDArray g = gradients.get(convName(i) + "_W");
      rms[i] = g.norm2Number().doubleValue() / Math.sqrt(g.length()) / probe.numExamples();
    }
    return rms;
  }
}
