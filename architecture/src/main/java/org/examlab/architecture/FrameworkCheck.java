package org.examlab.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InputType.InputTypeConvolutional;
import org.deeplearning4j.nn.conf.inputs.InputType.InputTypeFeedForward;

/**
 * Holds a summary to DL4J: builds the described network's ComputationGraph configuration and
 * compares, layer by layer, the output shape with DL4J's InputType propagation and the parameter
 * count with DL4J's (which counts batch norm's moving mean and variance as parameters too, so the
 * comparison is with trainable + non-trainable). Nothing is allocated, so even VGG-16 is checked in
 * milliseconds.
 *
 * @param dl4jParameters the network's parameter count as DL4J computes it
 * @param disagreements one line per layer whose shape or count differs; empty when all agree
 */
public record FrameworkCheck(long dl4jParameters, List<String> disagreements) {

  public static FrameworkCheck of(NetworkDescription network) {
    ArchitectureSummary summary = network.summary();
    ComputationGraphConfiguration conf = Dl4jGraph.configuration(network, 0);
    Map<String, InputType> types =
        conf.getLayerActivationTypes(Dl4jGraph.inputType(network.input()));
    List<String> disagreements = new ArrayList<>();
    long total = 0;
    for (LayerSummary layer : summary.layers()) {
      String name = layer.layer().name();
      long params = conf.getVertices().get(name).numParams(true);
      total += params;
      if (params != layer.parameters()) {
        disagreements.add(
            name + ": DL4J counts " + params + " parameters, the summary " + layer.parameters());
      }
      Activations dl4j = activations(types.get(name));
      if (!layer.output().equals(dl4j)) {
        disagreements.add(
            name
                + ": DL4J's output shape is "
                + (dl4j == null ? types.get(name) : dl4j.keras())
                + ", the summary's "
                + layer.output().keras());
      }
    }
    return new FrameworkCheck(total, List.copyOf(disagreements));
  }

  public boolean agrees() {
    return disagreements.isEmpty();
  }

  private static Activations activations(InputType type) {
    if (type instanceof InputTypeConvolutional c) {
      return Activations.map(c.getChannels(), c.getHeight(), c.getWidth());
    }
    if (type instanceof InputTypeFeedForward f) {
      return Activations.vector(f.getSize());
    }
    return null;
  }
}
