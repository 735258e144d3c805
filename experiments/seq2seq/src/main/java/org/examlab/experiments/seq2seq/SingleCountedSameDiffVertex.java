package org.examlab.experiments.seq2seq;

import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.samediff.SameDiffGraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's runtime SameDiff vertex with its backward pass corrected: in DL4J 1.0.0-M2.1 {@link
 * SameDiffGraphVertex} returns exactly twice the gradient, for the vertex's parameters and for its
 * inputs (so for every layer before it).
 *
 * <p>The cause is in the external-errors op through which the vertex receives the gradient of its
 * output ({@code ExternalErrorsFunction}): its {@code doDiff} registers the gradient placeholder as
 * the gradient of the vertex's output and also returns it as the op's contribution, and the
 * gradient function SameDiff builds adds the two ({@code add(out-grad, out-grad)}). Seen for the
 * one-product vertex {@code x W} (gradients exactly 2.0 times {@code x^T eps} and {@code eps W^T})
 * as much as for {@link BahdanauDecoderVertex}, with and without masks, for batches of 2 and 3; the
 * vertex's own SameDiff graph, given an explicit loss, has exact gradients. Halving the result
 * therefore restores the gradient exactly (a division by 2 is exact in floating point). {@code
 * BahdanauDecoderTest} checks the corrected gradients against finite differences, and would fail
 * (factor 0.5) with a DL4J version that no longer doubles them.
 *
 * <p>DL4J's own {@code AttentionVertex} (the Luong variant) is a SameDiff vertex too: {@link
 * SingleCountedAttentionVertex} runs it through this class.
 */
final class SingleCountedSameDiffVertex extends SameDiffGraphVertex {
  /** How many times M2.1's SameDiffGraphVertex counts the gradient of the vertex's output. */
  static final double GRADIENT_COUNT = 2.0;

  private SingleCountedSameDiffVertex(
      SameDiffVertex config,
      ComputationGraph graph,
      String name,
      int vertexIndex,
      INDArray paramsView,
      boolean initParams,
      DataType dataType) {
    super(config, graph, name, vertexIndex, paramsView, initParams, dataType);
  }

  /**
   * What {@code SameDiffVertex.instantiate} does (name the configuration, build the runtime
   * vertex), with this runtime vertex.
   */
  static SingleCountedSameDiffVertex instantiate(
      SameDiffVertex config,
      ComputationGraph graph,
      String name,
      int vertexIndex,
      INDArray paramsView,
      boolean initParams,
      DataType dataType) {
    config.setName(name);
    return new SingleCountedSameDiffVertex(
        config, graph, name, vertexIndex, paramsView, initParams, dataType);
  }

  /**
   * The parameter gradients are views of the network's gradient array and the input gradients
   * arrays of their own (fresh SameDiff results, or copies in the gradient workspace): both are
   * divided in place.
   */
  @Override
  public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
    Pair<Gradient, INDArray[]> gradients = super.doBackward(tbptt, workspaceMgr);
    for (INDArray g : gradients.getFirst().gradientForVariable().values()) {
      g.divi(GRADIENT_COUNT);
    }
    for (INDArray g : gradients.getSecond()) {
      if (g != null) {
        g.divi(GRADIENT_COUNT);
      }
    }
    return gradients;
  }
}
