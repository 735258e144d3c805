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
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.examlab.datasets.sequences.SequencePairs;
import org.examlab.harness.config.TrainingSettings;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The encoder-decoder. One LSTM reads the source; its last state is the fixed context vector,
 * shown to a second LSTM, the decoder, at every step beside the previous target token (teacher
 * forcing: the decoder input is the target shifted right). With attention, each decoder state
 * also queries all encoder states, and the output layer reads the decoder state together with
 * that step's context vector (Luong's placement, for both score functions: DL4J's graph cannot
 * feed the attention context back into the recurrence, as Bahdanau's decoder does).
 *
 * <p>The variants differ only in the attention vertex, so a difference in accuracy is the
 * attention's.
 */
final class Seq2seqNetworks {
  static final String SOURCE = "source";
  static final String DECODER_INPUT = "decoderInput";
  static final String ENCODER = "encoder";
  static final String DECODER = "decoder";
  static final String ATTENTION = "attention";
  static final String OUTPUT = "output";

  private Seq2seqNetworks() {}

  /** Updater, L2 and gradient clipping come from the run's {@code training} settings. */
  static ComputationGraph build(Attention attention, int vocabulary, Seq2seqSettings.Model model, long seed, TrainingSettings training) {
    int hidden = model.hiddenSize();
    NeuralNetConfiguration.Builder conf = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(DataType.FLOAT)
        .updater(training.newUpdater())
        .l2(training.l2())
        .weightInit(WeightInit.XAVIER);
    if (training.gradientClipNorm() > 0) {
      conf.gradientNormalization(GradientNormalization.ClipL2PerLayer).gradientNormalizationThreshold(training.gradientClipNorm());
    }
    ComputationGraphConfiguration.GraphBuilder graph = conf
        // In M2.1, masks crossing a SameDiff attention vertex or a MergeVertex "use a leaked
        // workspace pointer" once workspaces are on (at inference, and then in training when
        // only inference has them off). The networks are small: no workspaces at all.
        .trainingWorkspaceMode(WorkspaceMode.NONE)
        .inferenceWorkspaceMode(WorkspaceMode.NONE)
        .graphBuilder()
        .addInputs(SOURCE, DECODER_INPUT)
        .setInputTypes(InputType.recurrent(vocabulary), InputType.recurrent(vocabulary))
        .addLayer(ENCODER, new LSTM.Builder().nIn(vocabulary).nOut(hidden).activation(Activation.TANH).build(), SOURCE)
        .addVertex("context", new LastTimeStepVertex(SOURCE), ENCODER)
        .addVertex("contextPerStep", new DuplicateToTimeSeriesVertex(DECODER_INPUT), "context")
        .addLayer(DECODER, new LSTM.Builder().nIn(vocabulary + hidden).nOut(hidden).activation(Activation.TANH).build(),
            DECODER_INPUT, "contextPerStep");
    String[] outputInputs = {DECODER};
    switch (attention) {
      case NONE -> { }
      // One head with learned query, key, value and output projections: Luong's "general" score
      // q' Wq' Wk k, as learnable as the additive score's projections.
      case DOT -> graph.addVertex(ATTENTION, new AttentionVertex.Builder().nInQueries(hidden).nInKeys(hidden).nInValues(hidden)
          .nOut(hidden).nHeads(1).projectInput(true).build(), DECODER, ENCODER, ENCODER);
      case ADDITIVE -> graph.addVertex(ATTENTION, new AdditiveAttentionVertex(hidden, model.attentionSize()), DECODER, ENCODER);
    }
    if (attention != Attention.NONE) {
      outputInputs = new String[] {DECODER, ATTENTION};
    }
    int outputIn = outputInputs.length * hidden;
    graph.addLayer(OUTPUT, new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(outputIn).nOut(vocabulary)
        .activation(Activation.SOFTMAX).build(), outputInputs).setOutputs(OUTPUT);
    ComputationGraph net = new ComputationGraph(graph.build());
    net.init();
    return net;
  }

  /**
   * The output probabilities {@code [mb, vocabulary, decoder steps]}; the decoder input is
   * unpadded. Its all-ones mask is explicit because in M2.1 a SameDiff vertex otherwise keeps
   * the mask of the last training batch.
   */
  static INDArray output(ComputationGraph net, SequencePairs.Padded source, INDArray decoderInput) {
    return net.output(false, new INDArray[] {source.oneHot(), decoderInput}, masks(source, decoderInput))[0];
  }

  /** Every layer's activations (masks explicit, as in {@link #output}). */
  static Map<String, INDArray> activations(ComputationGraph net, SequencePairs.Padded source, INDArray decoderInput) {
    net.setLayerMaskArrays(masks(source, decoderInput), null);
    try {
      return net.feedForward(new INDArray[] {source.oneHot(), decoderInput}, false);
    } finally {
      net.clearLayerMaskArrays();
    }
  }

  private static INDArray[] masks(SequencePairs.Padded source, INDArray decoderInput) {
    return new INDArray[] {source.mask(), Nd4j.ones(DataType.FLOAT, decoderInput.size(0), decoderInput.size(2))};
  }
}
