package org.examlab.experiments.gradientflow;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A deep MLP as a ComputationGraph (so skip connections are plain vertices). Hidden layer i is
 * {@code dense_i} (then {@code bn_i} with batch norm, which carries the activation); with residual
 * connections, {@code res_i} adds the layer's input to its output from layer 1 on.
 */
final class DeepMlp {
  private DeepMlp() {}

  static String denseName(int i) {
    return "dense_" + i;
  }

  /** The layer whose output is hidden layer i's activation (after batch norm, if any). */
  static String activationName(GradientFlowSettings.Variant v, int i) {
    return v.batchNorm() ? "bn_" + i : denseName(i);
  }

  /** What hidden layer i passes on: its activation, or the residual sum. */
  static String outputName(GradientFlowSettings.Variant v, int i) {
    return v.residual() && i > 0 ? "res_" + i : activationName(v, i);
  }

  /**
   * The parameter whose gradient is layer i's backpropagated error signal dL/dz_i, summed over the
   * batch.
   */
  static String errorSignalParam(GradientFlowSettings.Variant v, int i) {
    return v.batchNorm() ? "bn_" + i + "_beta" : denseName(i) + "_b";
  }

  static ComputationGraph build(
      GradientFlowSettings.Variant v,
      int depth,
      int width,
      int features,
      int classes,
      long seed,
      IUpdater updater,
      double clipNorm) {
    NeuralNetConfiguration.Builder base =
        new NeuralNetConfiguration.Builder().seed(seed).updater(updater);
    if (clipNorm > 0) {
      base.gradientNormalization(GradientNormalization.ClipL2PerLayer)
          .gradientNormalizationThreshold(clipNorm);
    }
    ComputationGraphConfiguration.GraphBuilder graph = base.graphBuilder().addInputs("in");
    for (int i = 0; i < depth; i++) {
      String previous = i == 0 ? "in" : outputName(v, i - 1);
      int nIn = i == 0 ? features : width;
      graph.addLayer(
          denseName(i),
          new DenseLayer.Builder()
              .nIn(nIn)
              .nOut(width)
              .activation(v.batchNorm() ? Activation.IDENTITY : v.activation().dl4j())
              .weightInit(v.init().create(nIn))
              .build(),
          previous);
      if (v.batchNorm()) {
        graph.addLayer(
            "bn_" + i,
            new BatchNormalization.Builder().nOut(width).activation(v.activation().dl4j()).build(),
            denseName(i));
      }
      if (v.residual() && i > 0) {
        graph.addVertex(
            "res_" + i,
            new ElementWiseVertex(ElementWiseVertex.Op.Add),
            previous,
            activationName(v, i));
      }
    }
    graph.addLayer(
        "out",
        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nIn(width)
            .nOut(classes)
            .activation(Activation.SOFTMAX)
            .weightInit(WeightInit.XAVIER)
            .build(),
        outputName(v, depth - 1));
    ComputationGraph net = new ComputationGraph(graph.setOutputs("out").build());
    net.init();
    return net;
  }
}
