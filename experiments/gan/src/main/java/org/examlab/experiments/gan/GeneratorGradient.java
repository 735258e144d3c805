package org.examlab.experiments.gan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The generator's raw gradient dL_G/d theta_G through the frozen discriminator, from the network's
 * own gradient computation: before any updater touches it (Adam rescales updates to about the
 * learning rate whatever the gradient's size, so an update norm would hide a vanishing gradient).
 * Summed over the batch, as DL4J's loss layers return it.
 */
final class GeneratorGradient {
  private GeneratorGradient() {}

  /**
   * The generator layers' gradients of {@code stacked} on {@code batch}, flattened in a fixed
   * order.
   */
  static INDArray of(MultiLayerNetwork stacked, DataSet batch) {
    stacked.setInput(batch.getFeatures());
    stacked.setLabels(batch.getLabels());
    stacked.computeGradientAndScore();
    Map<String, INDArray> generator = new TreeMap<>();
    for (Map.Entry<String, INDArray> e : stacked.gradient().gradientForVariable().entrySet()) {
      int layer = Integer.parseInt(e.getKey().substring(0, e.getKey().indexOf('_')));
      if (layer < GanNetworks.GENERATOR_LAYERS) {
        generator.put(e.getKey(), e.getValue());
      }
    }
    List<INDArray> parts = new ArrayList<>();
    generator.values().forEach(g -> parts.add(g.dup().reshape(1, -1)));
    return Nd4j.concat(1, parts.toArray(INDArray[]::new));
  }

  static double norm(INDArray gradient) {
    return gradient.norm2Number().doubleValue();
  }

  /** Cosine of the angle between two gradients: 1 when they point the same way. */
  static double cosine(INDArray a, INDArray b) {
    return a.mul(b).sumNumber().doubleValue() / (norm(a) * norm(b));
  }
}
