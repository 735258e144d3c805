package org.examlab.experiments.seq2seq;

import org.deeplearning4j.nn.conf.graph.AttentionVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link AttentionVertex} (the Luong variant's attention after the decoder), run by a {@link
 * SingleCountedSameDiffVertex}: as a SameDiff vertex it has M2.1's doubled backward pass, which
 * here reached the encoder by two paths (twice through the attention's keys and values, once
 * through the decoder's initial context), so its gradient pointed in a direction that was neither
 * the true one nor a multiple of it. The forward pass is DL4J's; only the gradient is halved.
 * {@code BahdanauDecoderTest} checks the whole Luong network against finite differences.
 */
public class SingleCountedAttentionVertex extends AttentionVertex {

  public SingleCountedAttentionVertex() {} // for DL4J's JSON configuration

  /**
   * The same attention as {@code built} (DL4J's builder checks and completes the settings),
   * single-counted.
   */
  static SingleCountedAttentionVertex of(AttentionVertex built) {
    SingleCountedAttentionVertex copy = new SingleCountedAttentionVertex();
    copy.setNInQueries(built.getNInQueries());
    copy.setNInKeys(built.getNInKeys());
    copy.setNInValues(built.getNInValues());
    copy.setNOut(built.getNOut());
    copy.setHeadSize(built.getHeadSize());
    copy.setNHeads(built.getNHeads());
    copy.setProjectInput(built.isProjectInput());
    copy.setWeightInit(built.getWeightInit());
    return copy;
  }

  @Override
  public GraphVertex instantiate(
      ComputationGraph graph,
      String name,
      int idx,
      INDArray paramsView,
      boolean initializeParams,
      DataType networkDatatype) {
    return SingleCountedSameDiffVertex.instantiate(
        this, graph, name, idx, paramsView, initializeParams, networkDatatype);
  }

  @Override
  public SingleCountedAttentionVertex clone() {
    return of(this);
  }
}
