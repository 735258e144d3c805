package org.examlab.experiments.seq2seq;

import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.AttentionVertex;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.examlab.datasets.sequences.SequencePairs;
import org.examlab.harness.settings.TrainingSettings;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The encoder-decoder. One LSTM reads the source; its last state is the fixed context vector.
 * Teacher forcing: the decoder input is the target shifted right (start token first).
 *
 * <ul>
 *   <li>{@code none} and {@code luong-dot}: a second LSTM, the decoder, sees the fixed context at
 *       every step beside the previous target token. With Luong attention each decoder state then
 *       queries all encoder states, and the output layer reads the decoder state together with that
 *       step's context vector (Luong's placement: after the recurrence).
 *   <li>{@code bahdanau}: the decoder is {@link BahdanauDecoderVertex}, which starts from the
 *       encoder's last state and attends before every step, with the previous decoder state as the
 *       query; the context enters the recurrence, and the output layer reads state and context. It
 *       is unrolled over a fixed number of decoder steps: {@link #output} and {@link #activations}
 *       pad the decoder input to it and cut the output back.
 * </ul>
 *
 * <p>The encoder, the widths and the output layer are the same in every variant, so a difference in
 * accuracy is the attention's.
 */
final class Seq2seqNetworks {
  static final String SOURCE = "source";
  static final String DECODER_INPUT = "decoderInput";
  static final String ENCODER = "encoder";

  /** The optional word embedding in front of the encoder ({@link Embedding}). */
  static final String EMBEDDING = "embedding";

  /** The encoder's last state: the fixed context vector, and Bahdanau's s_0. */
  static final String CONTEXT = "context";

  static final String DECODER = "decoder";
  static final String ATTENTION = "attention";
  static final String OUTPUT = "output";

  private Seq2seqNetworks() {}

  /**
   * Updater, L2 and gradient clipping come from the run's {@code training} settings; {@code
   * decoderSteps} is the longest decoder sequence the network will see (Bahdanau's decoder is
   * unrolled over it; the others ignore it).
   */
  static ComputationGraph build(
      Attention attention,
      int vocabulary,
      Seq2seqSettings.Model model,
      int decoderSteps,
      long seed,
      TrainingSettings training) {
    return build(attention, vocabulary, model, decoderSteps, seed, training, DataType.FLOAT);
  }

  /** The same network in {@code dataType} (double for gradient checks). */
  static ComputationGraph build(
      Attention attention,
      int vocabulary,
      Seq2seqSettings.Model model,
      int decoderSteps,
      long seed,
      TrainingSettings training,
      DataType dataType) {
    return build(attention, vocabulary, model, decoderSteps, seed, training, dataType, null);
  }

  /**
   * A word embedding between the source tokens and the encoder: a linear map without bias of each
   * one-hot token to {@code size} numbers (DL4J's dense layer applied to every time step by its
   * TimeDistributed wrapper, so the lookup is the weight matrix's row, {@code W[token]}), trained
   * with the network or {@code frozen} at the values it is given ({@link #setEmbedding}). Two other
   * ways fail in M2.1: a kernel-1 Convolution1DLayer does not read its weights as {@code [nOut,
   * nIn]} (set rows are not looked up), and a bare dense layer's RNN preprocessors reshape with the
   * last training batch's size, so inference on any other batch size fails.
   */
  record Embedding(int size, boolean frozen) {}

  /** The network with {@code embedding} in front of its encoder (none if null). */
  static ComputationGraph build(
      Attention attention,
      int vocabulary,
      Seq2seqSettings.Model model,
      int decoderSteps,
      long seed,
      TrainingSettings training,
      DataType dataType,
      Embedding embedding) {
    int hidden = model.hiddenSize();
    NeuralNetConfiguration.Builder conf =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .dataType(dataType)
            .updater(training.newUpdater())
            .l2(training.l2())
            .weightInit(WeightInit.XAVIER);
    if (training.gradientClipNorm() > 0) {
      conf.gradientNormalization(GradientNormalization.ClipL2PerLayer)
          .gradientNormalizationThreshold(training.gradientClipNorm());
    }
    ComputationGraphConfiguration.GraphBuilder graph =
        conf
            // In M2.1, masks crossing a SameDiff attention vertex or a MergeVertex "use a leaked
            // workspace pointer" once workspaces are on (at inference, and then in training when
            // only inference has them off). The networks are small: no workspaces at all.
            .trainingWorkspaceMode(WorkspaceMode.NONE)
            .inferenceWorkspaceMode(WorkspaceMode.NONE)
            .graphBuilder()
            .addInputs(SOURCE, DECODER_INPUT)
            .setInputTypes(InputType.recurrent(vocabulary), InputType.recurrent(vocabulary));
    String encoderInput = SOURCE;
    int encoderIn = vocabulary;
    if (embedding != null) {
      Layer lookup =
          new TimeDistributed(
              new DenseLayer.Builder()
                  .nIn(vocabulary)
                  .nOut(embedding.size())
                  .activation(Activation.IDENTITY)
                  .hasBias(false)
                  .build());
      graph.addLayer(
          EMBEDDING, embedding.frozen() ? new FrozenLayerWithBackprop(lookup) : lookup, SOURCE);
      encoderInput = EMBEDDING;
      encoderIn = embedding.size();
    }
    graph
        .addLayer(
            ENCODER,
            new LSTM.Builder().nIn(encoderIn).nOut(hidden).activation(Activation.TANH).build(),
            encoderInput)
        .addVertex(CONTEXT, new LastTimeStepVertex(SOURCE), ENCODER);
    String[] outputInputs = {DECODER};
    int outputIn = hidden;
    if (attention == Attention.BAHDANAU) {
      graph.addVertex(
          DECODER,
          new BahdanauDecoderVertex(vocabulary, hidden, model.attentionSize(), decoderSteps),
          ENCODER,
          DECODER_INPUT,
          CONTEXT);
      outputIn = 2 * hidden; // [s_t; c_t]
    } else {
      graph
          .addVertex("contextPerStep", new DuplicateToTimeSeriesVertex(DECODER_INPUT), CONTEXT)
          .addLayer(
              DECODER,
              new LSTM.Builder()
                  .nIn(vocabulary + hidden)
                  .nOut(hidden)
                  .activation(Activation.TANH)
                  .build(),
              DECODER_INPUT,
              "contextPerStep");
    }
    if (attention == Attention.LUONG_DOT) {
      // One head with learned query, key, value and output projections: Luong's "general" score
      // q' Wq' Wk k, scaled by 1/sqrt(h).
      graph.addVertex(
          ATTENTION,
          SingleCountedAttentionVertex.of(
              new AttentionVertex.Builder()
                  .nInQueries(hidden)
                  .nInKeys(hidden)
                  .nInValues(hidden)
                  .nOut(hidden)
                  .nHeads(1)
                  .projectInput(true)
                  .build()),
          DECODER,
          ENCODER,
          ENCODER);
      outputInputs = new String[] {DECODER, ATTENTION};
      outputIn = 2 * hidden;
    }
    graph
        .addLayer(
            OUTPUT,
            new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(outputIn)
                .nOut(vocabulary)
                .activation(Activation.SOFTMAX)
                .build(),
            outputInputs)
        .setOutputs(OUTPUT);
    ComputationGraph net = new ComputationGraph(graph.build());
    net.init();
    return net;
  }

  /**
   * Puts {@code vectors} ({@code [vocabulary, embedding size]}: row t is token t's vector) into the
   * network's embedding.
   */
  static void setEmbedding(ComputationGraph net, INDArray vectors) {
    INDArray w = net.getLayer(EMBEDDING).getParam("W"); // [vocabulary, size]
    w.assign(vectors.castTo(w.dataType()));
  }

  /** The network's embedding matrix, {@code [vocabulary, embedding size]}. */
  static INDArray embedding(ComputationGraph net) {
    return net.getLayer(EMBEDDING).getParam("W").dup();
  }

  /**
   * The decoder steps a network is unrolled over: every decoder input must have exactly this many
   * ({@link FixedSteps#pad}); 0 if its decoder takes any length.
   */
  static int fixedDecoderSteps(ComputationGraph net) {
    return net.getConfiguration().getVertices().get(DECODER) instanceof BahdanauDecoderVertex b
        ? b.getSteps()
        : 0;
  }

  /**
   * The output probabilities {@code [mb, vocabulary, decoder steps]}; the decoder input is
   * unpadded. Its all-ones mask is explicit because in M2.1 a SameDiff vertex otherwise keeps the
   * mask of the last training batch.
   */
  static INDArray output(ComputationGraph net, SequencePairs.Padded source, INDArray decoderInput) {
    INDArray out =
        net.output(
                false,
                new INDArray[] {source.oneHot(), decoderInput(net, decoderInput)},
                masks(net, source, decoderInput))[0];
    return FixedSteps.cut(out, decoderInput.size(2));
  }

  /**
   * Every layer's activations (masks explicit, as in {@link #output}). For Bahdanau's decoder the
   * decoder's and the output's activations have {@link #fixedDecoderSteps} steps, of which the
   * first {@code decoderInput.size(2)} are the decoder input's.
   */
  static Map<String, INDArray> activations(
      ComputationGraph net, SequencePairs.Padded source, INDArray decoderInput) {
    net.setLayerMaskArrays(masks(net, source, decoderInput), null);
    try {
      return net.feedForward(
          new INDArray[] {source.oneHot(), decoderInput(net, decoderInput)}, false);
    } finally {
      net.clearLayerMaskArrays();
    }
  }

  private static INDArray decoderInput(ComputationGraph net, INDArray decoderInput) {
    int steps = fixedDecoderSteps(net);
    return steps == 0 ? decoderInput : FixedSteps.pad(decoderInput, steps);
  }

  private static INDArray[] masks(
      ComputationGraph net, SequencePairs.Padded source, INDArray decoderInput) {
    int steps = fixedDecoderSteps(net);
    return new INDArray[] {
      source.mask(),
      Nd4j.ones(DataType.FLOAT, decoderInput.size(0), steps == 0 ? decoderInput.size(2) : steps)
    };
  }
}
