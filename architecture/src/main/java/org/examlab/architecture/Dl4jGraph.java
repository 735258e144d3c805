package org.examlab.architecture;

import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;

/**
 * Builds a {@link NetworkDescription} as a real DL4J {@link ComputationGraph} (NCHW, each layer's
 * ConvolutionMode as described), so its shapes and parameter counts can be checked against the
 * framework's and its outputs probed. The graph's output is the last layer, as is (no loss layer is
 * added: these graphs are measured, not trained).
 */
public final class Dl4jGraph {
  private Dl4jGraph() {}

  public static InputType inputType(InputSize input) {
    return InputType.convolutional(
        input.height(), input.width(), input.channels(), CNN2DFormat.NCHW);
  }

  /** The configuration alone: DL4J infers every nIn from the input type; nothing is allocated. */
  public static ComputationGraphConfiguration configuration(NetworkDescription network, long seed) {
    GraphBuilder graph =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .weightInit(WeightInit.XAVIER)
            .graphBuilder()
            .addInputs(LayerSpec.NETWORK_INPUT)
            .setInputTypes(inputType(network.input()));
    List<LayerSpec> layers = network.layers();
    for (int i = 0; i < layers.size(); i++) {
      LayerSpec spec = layers.get(i);
      String[] inputs = ArchitectureSummary.inputsOf(layers, i).toArray(String[]::new);
      ConvolutionMode mode = spec.mode() != null ? spec.mode() : network.convolutionMode();
      switch (spec.type()) {
        case CONCAT -> graph.addVertex(spec.name(), new MergeVertex(), inputs);
        case ADD ->
            graph.addVertex(spec.name(), new ElementWiseVertex(ElementWiseVertex.Op.Add), inputs);
        default -> graph.addLayer(spec.name(), layer(spec, mode), inputs);
      }
    }
    return graph
        .setOutputs(layers.get(layers.size() - 1).name())
        .allowNoOutput(true) // the last layer is an ordinary layer, not a loss layer
        .validateOutputLayerConfig(false)
        .build();
  }

  /** An initialized graph with random weights from {@code seed}. */
  public static ComputationGraph build(NetworkDescription network, long seed) {
    ComputationGraph graph = new ComputationGraph(configuration(network, seed));
    graph.init();
    return graph;
  }

  private static Layer layer(LayerSpec spec, ConvolutionMode mode) {
    return switch (spec.type()) {
      case CONV ->
          new ConvolutionLayer.Builder(spec.kernel(), spec.kernel())
              .stride(spec.stride(), spec.stride())
              .padding(spec.padding(), spec.padding())
              .convolutionMode(mode)
              .nOut(spec.filters())
              .hasBias(spec.bias())
              .activation(spec.activation())
              .dataFormat(CNN2DFormat.NCHW)
              .build();
      case DECONV ->
          new Deconvolution2D.Builder(spec.kernel(), spec.kernel())
              .stride(spec.stride(), spec.stride())
              .padding(spec.padding(), spec.padding())
              .convolutionMode(mode)
              .nOut(spec.filters())
              .hasBias(spec.bias())
              .activation(spec.activation())
              .dataFormat(CNN2DFormat.NCHW)
              .build();
      case MAXPOOL, AVGPOOL ->
          new SubsamplingLayer.Builder(
                  spec.type() == LayerKind.MAXPOOL ? PoolingType.MAX : PoolingType.AVG)
              .kernelSize(spec.kernel(), spec.kernel())
              .stride(spec.stride(), spec.stride())
              .padding(spec.padding(), spec.padding())
              .convolutionMode(mode)
              .dataFormat(CNN2DFormat.NCHW)
              .build();
      case GLOBALAVGPOOL -> new GlobalPoolingLayer.Builder(PoolingType.AVG).build();
      case UPSAMPLE -> new Upsampling2D.Builder(spec.size()).dataFormat(CNN2DFormat.NCHW).build();
      case DENSE ->
          new DenseLayer.Builder()
              .nOut(spec.units())
              .hasBias(spec.bias())
              .activation(spec.activation())
              .build();
      case BATCHNORM -> new BatchNormalization.Builder().build();
      case DROPOUT ->
          new DropoutLayer.Builder(1.0 - spec.rate()).build(); // DL4J takes the retain probability
      case ACTIVATION -> new ActivationLayer.Builder().activation(spec.activation()).build();
      case CONCAT, ADD ->
          throw new IllegalArgumentException(spec.type() + " is a vertex, not a layer");
    };
  }
}
