package org.examlab.experiments.seq2seq;

import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bahdanau's additive attention as a graph vertex; DL4J 1.0.0-M2.1 has only dot-product
 * attention ({@code AttentionVertex}). Inputs: queries (decoder states, {@code [mb, n, Tq]}) and
 * keys (encoder states, {@code [mb, n, Tk]}), which are also the values. Output: one context
 * vector per query, {@code [mb, n, Tq]}.
 *
 * <p>score(q, k) = v . tanh(Wq q + Wk k), computed by {@link AttentionScores#additive}.
 */
public class AdditiveAttentionVertex extends SameDiffVertex {
  static final String QUERY_WEIGHTS = "Wq";
  static final String KEY_WEIGHTS = "Wk";
  static final String SCORE_WEIGHTS = "v";

  private long size;
  private long attentionSize;

  public AdditiveAttentionVertex() {} // for DL4J's JSON configuration

  /** @param size width of queries and keys; @param attentionSize width of the score's hidden layer */
  public AdditiveAttentionVertex(long size, long attentionSize) {
    this.size = size;
    this.attentionSize = attentionSize;
  }

  @Override
  public void defineParametersAndInputs(SDVertexParams params) {
    params.clear();
    params.defineInputs("queries", "keys");
    params.addWeightParam(QUERY_WEIGHTS, size, attentionSize);
    params.addWeightParam(KEY_WEIGHTS, size, attentionSize);
    params.addWeightParam(SCORE_WEIGHTS, attentionSize, 1);
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    for (Map.Entry<String, INDArray> e : params.entrySet()) {
      INDArray p = e.getValue();
      long fanIn = e.getKey().equals(SCORE_WEIGHTS) ? attentionSize : size;
      long fanOut = e.getKey().equals(SCORE_WEIGHTS) ? 1 : attentionSize;
      WeightInit.XAVIER.getWeightInitFunction().init(fanIn, fanOut, p.shape(), 'c', p);
    }
  }

  @Override
  public SDVariable defineVertex(SameDiff sd, Map<String, SDVariable> inputs, Map<String, SDVariable> params,
      Map<String, SDVariable> masks) {
    SDVariable queries = inputs.get("queries");
    SDVariable keys = inputs.get("keys");
    SDVariable keyMask = masks == null ? null : masks.get("keys");
    SDVariable scores = AttentionScores.additive(sd, queries, keys, params.get(QUERY_WEIGHTS), params.get(KEY_WEIGHTS),
        params.get(SCORE_WEIGHTS));
    SDVariable out = AttentionScores.context(sd, AttentionScores.weights(sd, scores, keyMask), keys);
    SDVariable queryMask = masks == null ? null : masks.get("queries");
    return queryMask == null ? out : out.mul(sd.expandDims(queryMask, 1)); // padded decoder steps output 0
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType... inputs) {
    return InputType.recurrent(size, ((InputType.InputTypeRecurrent) inputs[0]).getTimeSeriesLength());
  }

  /** The output is masked like the queries (decoder steps), not the keys. */
  @Override
  public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] masks, MaskState state, int minibatchSize) {
    return masks == null || masks[0] == null ? null : Pair.of(masks[0], state);
  }

  @Override
  public AdditiveAttentionVertex clone() {
    return new AdditiveAttentionVertex(size, attentionSize);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AdditiveAttentionVertex a && a.size == size && a.attentionSize == attentionSize;
  }

  @Override
  public int hashCode() {
    return Objects.hash(size, attentionSize);
  }

  public long getSize() {
    return size;
  }

  public void setSize(long size) {
    this.size = size;
  }

  public long getAttentionSize() {
    return attentionSize;
  }

  public void setAttentionSize(long attentionSize) {
    this.attentionSize = attentionSize;
  }
}
