package org.examlab.experiments.seq2seq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Bahdanau's decoder (Bahdanau, Cho and Bengio 2015) as one graph vertex: attention sits inside the
 * recurrence, which a DL4J ComputationGraph cannot express with its LSTM layer (the layer reads its
 * whole input sequence before the attention could see its states). Here the decoder is unrolled in
 * SameDiff over a fixed number of steps, the longest decoder sequence of the run; shorter sequences
 * are padded at the end ({@link FixedSteps}), which changes nothing before the padding because
 * every step reads only the steps before it.
 *
 * <p>At step t, with s_{t-1} the previous decoder state (s_0 = the encoder's last state, cell 0):
 *
 * <ul>
 *   <li>score e_tj = v . tanh(Wq s_{t-1} + Wk h_j) over the encoder states h_j, softmax over the
 *       unpadded j (the source mask): weights alpha_t;
 *   <li>context c_t = sum_j alpha_tj h_j;
 *   <li>s_t = LSTM cell([y_{t-1}; c_t], s_{t-1}): the context enters the recurrence together with
 *       the previous target token y_{t-1} (teacher forcing in training, the model's own output when
 *       decoding);
 *   <li>output [s_t; c_t], read by the softmax output layer.
 * </ul>
 *
 * <p>Inputs: encoder states {@code [mb, h, Tk]} (masked like the source), previous tokens {@code
 * [mb, V, steps]} and the encoder's last state {@code [mb, h]}. Output {@code [mb, 2h, steps]},
 * masked like the previous tokens. The LSTM gates are plain matrix products (input, forget, output,
 * candidate: one {@code [V + 2h, 4h]} matrix), and every projection a 2-D matrix product, for the
 * same M2.1 reasons as {@link AttentionScores}.
 *
 * <p>At run time the vertex is a {@link SingleCountedSameDiffVertex}: DL4J M2.1's SameDiff vertex
 * returns twice the gradient.
 */
public class BahdanauDecoderVertex extends SameDiffVertex {
  static final String QUERY_WEIGHTS = "Wq";
  static final String KEY_WEIGHTS = "Wk";
  static final String SCORE_WEIGHTS = "v";
  static final String GATE_WEIGHTS = "W";
  static final String GATE_BIAS = "b";

  /** The forget gate's initial bias, as DL4J's LSTM layer: remember by default. */
  private static final double FORGET_BIAS = 1.0;

  private long vocabulary;
  private long hidden;
  private long attentionSize;
  private int steps;

  public BahdanauDecoderVertex() {} // for DL4J's JSON configuration

  /**
   * @param vocabulary width of the one-hot previous tokens; @param hidden width of encoder and
   *     decoder states; @param attentionSize width of the score's hidden layer; @param steps
   *     decoder steps unrolled (every decoder input must have exactly this many)
   */
  public BahdanauDecoderVertex(long vocabulary, long hidden, long attentionSize, int steps) {
    this.vocabulary = vocabulary;
    this.hidden = hidden;
    this.attentionSize = attentionSize;
    this.steps = steps;
  }

  /**
   * The encoder states as values {@code [mb, h, Tk]}, their key projections {@code [mb, Tk, a]} and
   * mask {@code [mb, Tk]} (or null).
   */
  record Keys(SDVariable states, SDVariable projected, SDVariable mask) {
    static Keys of(SameDiff sd, SDVariable states, SDVariable mask, SDVariable wk) {
      return new Keys(states, AttentionScores.projectKeys(sd, states, wk), mask);
    }
  }

  /** The decoder's recurrent state: its output s {@code [mb, h]} and its cell {@code [mb, h]}. */
  record State(SDVariable output, SDVariable cell) {}

  /**
   * Per step t = 1..steps: the state s_t, the context c_t {@code [mb, h]} and the weights alpha_t
   * {@code [mb, 1, Tk]}.
   */
  record Unrolled(List<State> states, List<SDVariable> contexts, List<SDVariable> weights) {}

  @Override
  public void defineParametersAndInputs(SDVertexParams params) {
    params.clear();
    params.defineInputs("keys", "previous", "initial");
    params.addWeightParam(QUERY_WEIGHTS, hidden, attentionSize);
    params.addWeightParam(KEY_WEIGHTS, hidden, attentionSize);
    params.addWeightParam(SCORE_WEIGHTS, attentionSize, 1);
    params.addWeightParam(GATE_WEIGHTS, vocabulary + 2 * hidden, 4 * hidden);
    params.addBiasParam(GATE_BIAS, 1, 4 * hidden);
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    for (Map.Entry<String, INDArray> e : params.entrySet()) {
      INDArray p = e.getValue();
      if (e.getKey().equals(GATE_BIAS)) {
        p.assign(0);
        p.get(NDArrayIndex.all(), NDArrayIndex.interval(hidden, 2 * hidden)).assign(FORGET_BIAS);
      } else {
        long fanOut = e.getKey().equals(GATE_WEIGHTS) ? hidden : p.size(1);
        WeightInit.XAVIER.getWeightInitFunction().init(p.size(0), fanOut, p.shape(), 'c', p);
      }
    }
  }

  @Override
  public SDVariable defineVertex(
      SameDiff sd,
      Map<String, SDVariable> inputs,
      Map<String, SDVariable> params,
      Map<String, SDVariable> masks) {
    SDVariable keyMask = masks == null ? null : masks.get("keys");
    Keys keys = Keys.of(sd, inputs.get("keys"), keyMask, params.get(KEY_WEIGHTS));
    Unrolled unrolled =
        unroll(
            sd,
            t -> keys,
            sd.unstack(inputs.get("previous"), 2, steps),
            inputs.get("initial"),
            params,
            hidden);
    SDVariable[] outputs = new SDVariable[steps];
    for (int t = 0; t < steps; t++) {
      outputs[t] = sd.concat(1, unrolled.states().get(t).output(), unrolled.contexts().get(t));
    }
    return sd.stack(2, outputs);
  }

  /**
   * The unrolled decoder, one step per previous token. {@code keysAt} gives the encoder states the
   * attention of step t (0-based) reads: always the same in the network; a test changes them at one
   * step to show that the context enters the recurrence.
   */
  static Unrolled unroll(
      SameDiff sd,
      IntFunction<Keys> keysAt,
      SDVariable[] previousTokens,
      SDVariable initial,
      Map<String, SDVariable> params,
      long hidden) {
    State state = new State(initial, sd.zerosLike(initial));
    List<State> states = new ArrayList<>();
    List<SDVariable> contexts = new ArrayList<>();
    List<SDVariable> weights = new ArrayList<>();
    for (int t = 0; t < previousTokens.length; t++) {
      Keys keys = keysAt.apply(t);
      SDVariable query =
          sd.expandDims(sd.mmul(state.output(), params.get(QUERY_WEIGHTS)), 1); // [mb, 1, a]
      SDVariable alpha =
          AttentionScores.weights(
              sd,
              AttentionScores.additive(sd, query, keys.projected(), params.get(SCORE_WEIGHTS)),
              keys.mask()); // [mb, 1, Tk]
      SDVariable context =
          sd.squeeze(AttentionScores.context(sd, alpha, keys.states()), 2); // [mb, h]
      state =
          lstmCell(
              sd,
              sd.concat(1, previousTokens[t], context),
              state,
              params.get(GATE_WEIGHTS),
              params.get(GATE_BIAS),
              hidden);
      states.add(state);
      contexts.add(context);
      weights.add(alpha);
    }
    return new Unrolled(states, contexts, weights);
  }

  /**
   * One LSTM step on input x {@code [mb, n]}: gates from [x; s] W + b, in the order input, forget,
   * output, candidate.
   */
  private static State lstmCell(
      SameDiff sd, SDVariable x, State previous, SDVariable w, SDVariable b, long hidden) {
    SDVariable z = sd.mmul(sd.concat(1, x, previous.output()), w).add(b); // [mb, 4h]
    SDVariable input = sd.nn.sigmoid(gate(z, 0, hidden));
    SDVariable forget = sd.nn.sigmoid(gate(z, 1, hidden));
    SDVariable output = sd.nn.sigmoid(gate(z, 2, hidden));
    SDVariable candidate = sd.math.tanh(gate(z, 3, hidden));
    SDVariable cell = forget.mul(previous.cell()).add(input.mul(candidate));
    return new State(output.mul(sd.math.tanh(cell)), cell);
  }

  private static SDVariable gate(SDVariable z, int k, long hidden) {
    return z.get(SDIndex.all(), SDIndex.interval(k * hidden, (k + 1) * hidden));
  }

  /**
   * DL4J's SameDiff vertex with its doubled gradient halved ({@link SingleCountedSameDiffVertex});
   * the forward pass is DL4J's.
   */
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
  public InputType getOutputType(int layerIndex, InputType... inputs) {
    return InputType.recurrent(2 * hidden, steps);
  }

  /** The output is masked like the previous tokens (decoder steps), not the keys. */
  @Override
  public Pair<INDArray, MaskState> feedForwardMaskArrays(
      INDArray[] masks, MaskState state, int minibatchSize) {
    return masks == null || masks.length < 2 || masks[1] == null ? null : Pair.of(masks[1], state);
  }

  @Override
  public BahdanauDecoderVertex clone() {
    return new BahdanauDecoderVertex(vocabulary, hidden, attentionSize, steps);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BahdanauDecoderVertex b
        && b.vocabulary == vocabulary
        && b.hidden == hidden
        && b.attentionSize == attentionSize
        && b.steps == steps;
  }

  @Override
  public int hashCode() {
    return Objects.hash(vocabulary, hidden, attentionSize, steps);
  }

  public long getVocabulary() {
    return vocabulary;
  }

  public void setVocabulary(long vocabulary) {
    this.vocabulary = vocabulary;
  }

  public long getHidden() {
    return hidden;
  }

  public void setHidden(long hidden) {
    this.hidden = hidden;
  }

  public long getAttentionSize() {
    return attentionSize;
  }

  public void setAttentionSize(long attentionSize) {
    this.attentionSize = attentionSize;
  }

  public int getSteps() {
    return steps;
  }

  public void setSteps(int steps) {
    this.steps = steps;
  }
}
