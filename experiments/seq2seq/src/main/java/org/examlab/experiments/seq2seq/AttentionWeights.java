package org.examlab.experiments.seq2seq;

import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.datasets.sequences.SequencePairs;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The attention weights a trained model used, recomputed from its encoder and decoder states for
 * the heat maps (the vertices return only the context vectors), with the same SameDiff formulas
 * ({@link AttentionScores}) and the same key-padding mask.
 */
final class AttentionWeights {
  private AttentionWeights() {}

  /**
   * Weights {@code [mb, output steps, input steps]}; each row sums to 1 over the unpadded input
   * steps, padded ones (source mask 0) get 0.
   *
   * @param source the encoder's input (padded and masked); {@code decoderInput} the decoder's, of
   *     one length
   */
  static INDArray of(
      ComputationGraph net,
      Attention attention,
      SequencePairs.Padded source,
      INDArray decoderInput) {
    Map<String, INDArray> states = Seq2seqNetworks.activations(net, source, decoderInput);
    SameDiff sd = SameDiff.create();
    SDVariable keys = sd.constant(states.get(Seq2seqNetworks.ENCODER));
    SDVariable scores =
        switch (attention) {
          case LUONG_DOT ->
              AttentionScores.dot(
                  sd,
                  sd.constant(states.get(Seq2seqNetworks.DECODER)),
                  keys,
                  head(net, sd, "Wq"),
                  head(net, sd, "Wk"));
          case BAHDANAU ->
              AttentionScores.additive(
                  sd,
                  sd.constant(bahdanauQueries(states, decoderInput.size(2))),
                  keys,
                  param(net, sd, BahdanauDecoderVertex.QUERY_WEIGHTS),
                  param(net, sd, BahdanauDecoderVertex.KEY_WEIGHTS),
                  param(net, sd, BahdanauDecoderVertex.SCORE_WEIGHTS));
          case NONE ->
              throw new IllegalArgumentException(
                  "a model without attention has no attention weights");
        };
    return AttentionScores.weights(
            sd,
            scores,
            sd.constant(source.mask().castTo(states.get(Seq2seqNetworks.ENCODER).dataType())))
        .eval();
  }

  /**
   * The context vectors those weights give: must equal the attention's context (Luong: before its
   * output projection).
   */
  static INDArray context(INDArray weights, INDArray encoderStates) {
    SameDiff sd = SameDiff.create();
    return AttentionScores.context(sd, sd.constant(weights), sd.constant(encoderStates)).eval();
  }

  /**
   * Bahdanau's step t attends with the previous state s_{t-1}: the queries {@code [mb, h, steps]}
   * are s_0 (the encoder's last state) and the decoder's states s_1..s_{steps-1} (the first {@code
   * h} rows of its output [s; c]).
   */
  static INDArray bahdanauQueries(Map<String, INDArray> states, long steps) {
    INDArray initial = states.get(Seq2seqNetworks.CONTEXT);
    INDArray first = initial.reshape(initial.size(0), initial.size(1), 1);
    if (steps == 1) {
      return first;
    }
    INDArray later =
        states
            .get(Seq2seqNetworks.DECODER)
            .get(
                NDArrayIndex.all(),
                NDArrayIndex.interval(0, initial.size(1)),
                NDArrayIndex.interval(0, steps - 1));
    return Nd4j.concat(2, first, later);
  }

  private static SDVariable param(ComputationGraph net, SameDiff sd, String name) {
    return sd.constant(net.getVertex(Seq2seqNetworks.DECODER).paramTable(false).get(name).dup());
  }

  /**
   * The one head of an {@code AttentionVertex} projection parameter {@code [1, h, n]}, transposed:
   * {@code [n, h]}.
   */
  private static SDVariable head(ComputationGraph net, SameDiff sd, String name) {
    INDArray p = net.getVertex(Seq2seqNetworks.ATTENTION).paramTable(false).get(name);
    return sd.constant(p.reshape(p.size(1), p.size(2)).transpose().dup());
  }
}
