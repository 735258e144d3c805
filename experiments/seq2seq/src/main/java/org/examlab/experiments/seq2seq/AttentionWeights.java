package org.examlab.experiments.seq2seq;

import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.datasets.sequences.SequencePairs;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The attention weights a trained model used, recomputed from its encoder and decoder states
 * for the heat maps (the vertices return only the context vectors).
 */
final class AttentionWeights {
  private AttentionWeights() {}

  /**
   * Weights {@code [mb, output steps, input steps]}; each row sums to 1 over the input steps.
   *
   * @param source the encoder's input, of one length (the weights are not masked); {@code decoderInput} the decoder's
   */
  static INDArray of(ComputationGraph net, Attention attention, SequencePairs.Padded source, INDArray decoderInput) {
    Map<String, INDArray> states = Seq2seqNetworks.activations(net, source, decoderInput);
    SameDiff sd = SameDiff.create();
    SDVariable queries = sd.constant(states.get(Seq2seqNetworks.DECODER));
    SDVariable keys = sd.constant(states.get(Seq2seqNetworks.ENCODER));
    SDVariable scores = switch (attention) {
      case DOT -> AttentionScores.dot(sd, queries, keys, head(net, sd, "Wq"), head(net, sd, "Wk"));
      case ADDITIVE -> AttentionScores.additive(sd, queries, keys, param(net, sd, AdditiveAttentionVertex.QUERY_WEIGHTS),
          param(net, sd, AdditiveAttentionVertex.KEY_WEIGHTS), param(net, sd, AdditiveAttentionVertex.SCORE_WEIGHTS));
      case NONE -> throw new IllegalArgumentException("a model without attention has no attention weights");
    };
    return AttentionScores.weights(sd, scores, null).eval();
  }

  /** The context vectors those weights give: must equal the attention vertex's output. */
  static INDArray context(INDArray weights, INDArray encoderStates) {
    SameDiff sd = SameDiff.create();
    return AttentionScores.context(sd, sd.constant(weights), sd.constant(encoderStates)).eval();
  }

  private static SDVariable param(ComputationGraph net, SameDiff sd, String name) {
    return sd.constant(net.getVertex(Seq2seqNetworks.ATTENTION).paramTable(false).get(name).dup());
  }

  /** The one head of an {@code AttentionVertex} projection parameter {@code [1, h, n]}, transposed: {@code [n, h]}. */
  private static SDVariable head(ComputationGraph net, SameDiff sd, String name) {
    INDArray p = net.getVertex(Seq2seqNetworks.ATTENTION).paramTable(false).get(name);
    return sd.constant(p.reshape(p.size(1), p.size(2)).transpose().dup());
  }
}
