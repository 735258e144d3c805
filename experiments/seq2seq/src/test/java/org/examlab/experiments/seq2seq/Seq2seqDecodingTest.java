package org.examlab.experiments.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.datasets.sequences.DigitStrings;
import org.examlab.datasets.sequences.SequencePair;
import org.examlab.datasets.sequences.SequencePairs;
import org.examlab.datasets.sequences.TranslationTask;
import org.examlab.datasets.sequences.Vocabulary;
import org.examlab.harness.config.TrainingSettings;
import org.examlab.harness.config.UpdaterKind;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class Seq2seqDecodingTest {
  private static final TranslationTask REVERSE = new DigitStrings(DigitStrings.Transform.REVERSE, 8);
  private static final Vocabulary VOCABULARY = REVERSE.vocabulary();

  @Test
  void greedyDecodingOfATinyTrainedModel() {
    ComputationGraph net = Seq2seqNetworks.build(Attention.NONE, VOCABULARY.size(), new Seq2seqSettings.Model(32, 8), 7, training(0.02));
    List<SequencePair> train = SequencePairs.generate(REVERSE, 1000, 1, 2, 1);
    for (int epoch = 0; epoch < 12; epoch++) {
      for (int b = 0; b < train.size(); b += 100) {
        net.fit(SequencePairs.teacherForcing(VOCABULARY, train.subList(b, b + 100)));
      }
    }
    List<SequencePair> test = SequencePairs.generate(REVERSE, 40, 1, 2, 2);
    Map<Integer, Accuracy> accuracy = Accuracy.byLength(net, REVERSE, test, 1);
    assertEquals(List.of(1, 2), List.copyOf(accuracy.keySet()));
    assertTrue(accuracy.get(2).exact() > 0.9, "greedy exact match on reversal of 2 digits: " + accuracy);

    // Greedy means: every output token is the most probable one given the source and the outputs before it.
    List<int[]> sources = test.stream().map(p -> VOCABULARY.encode(p.source())).toList();
    List<int[]> outputs = BeamSearch.decode(net, VOCABULARY, sources, 3, 1);
    for (int i = 0; i < test.size(); i++) {
      int[] output = outputs.get(i);
      // Decoded alone (no padding) or in the mixed-length batch: the same output.
      assertArrayEquals(output, BeamSearch.decode(net, VOCABULARY, List.of(sources.get(i)), 3, 1).get(0));
      int[] decoderInput = Vocabulary.withStart(Arrays.copyOf(output, output.length - 1));
      INDArray p = Seq2seqNetworks.output(net, SequencePairs.padded(VOCABULARY, List.of(sources.get(i))),
          SequencePairs.oneHot(VOCABULARY, List.of(decoderInput)));
      for (int t = 0; t < output.length; t++) {
        assertEquals(output[t], p.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(t)).argMax().getInt(0));
      }
    }
    // A wider beam decodes as well here.
    assertTrue(Accuracy.byLength(net, REVERSE, test, 3).get(2).exact() > 0.9);
  }

  @Test
  void plottedAttentionWeightsSumToOneAndReproduceTheVertexOutput() {
    List<SequencePair> batch = SequencePairs.generate(REVERSE, 4, 5, 5, 3);
    SequencePairs.Padded source = SequencePairs.padded(VOCABULARY, batch.stream().map(p -> VOCABULARY.encode(p.source())).toList());
    INDArray decoderInput = SequencePairs.oneHot(VOCABULARY,
        batch.stream().map(p -> Vocabulary.withStart(VOCABULARY.encode(p.target()))).toList());
    for (Attention attention : List.of(Attention.DOT, Attention.ADDITIVE)) {
      ComputationGraph net = Seq2seqNetworks.build(attention, VOCABULARY.size(), new Seq2seqSettings.Model(16, 8), 5, training(0.05));
      for (int i = 0; i < 3; i++) { // a few steps so the weights are not those of the initialization
        net.fit(SequencePairs.teacherForcing(VOCABULARY, SequencePairs.generate(REVERSE, 32, 3, 6, i)));
      }
      INDArray weights = AttentionWeights.of(net, attention, source, decoderInput); // [4, 6, 5]
      assertArrayEquals(new long[] {4, 6, 5}, weights.shape());
      INDArray sums = weights.sum(2);
      assertTrue(sums.sub(1.0).amaxNumber().doubleValue() < 1e-5, attention + " row sums " + sums);
      assertTrue(weights.minNumber().doubleValue() >= 0);

      var states = Seq2seqNetworks.activations(net, source, decoderInput);
      INDArray context = AttentionWeights.context(weights, states.get(Seq2seqNetworks.ENCODER));
      if (attention == Attention.DOT) { // the vertex also projects the values (Wv) and the output (Wo)
        var params = net.getVertex(Seq2seqNetworks.ATTENTION).paramTable(false);
        INDArray wv = params.get("Wv").reshape(16, 16);
        INDArray wo = params.get("Wo");
        INDArray projected = AttentionWeights.context(weights, project(wv, states.get(Seq2seqNetworks.ENCODER)));
        context = project(wo.transpose(), projected);
      }
      INDArray vertexOutput = states.get(Seq2seqNetworks.ATTENTION);
      assertTrue(context.equalsWithEps(vertexOutput, 1e-4), attention + ": recomputed weights do not give the vertex output");
    }
  }

  private static TrainingSettings training(double learningRate) {
    return new TrainingSettings(1, 100, learningRate, UpdaterKind.ADAM, null, null, null, null);
  }

  /** w [m, n] applied to every step of x [mb, n, T]: [mb, m, T]. */
  private static INDArray project(INDArray w, INDArray x) {
    INDArray out = org.nd4j.linalg.factory.Nd4j.create(x.dataType(), x.size(0), w.size(0), x.size(2));
    for (int i = 0; i < x.size(0); i++) {
      out.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all())
          .assign(w.mmul(x.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all())));
    }
    return out;
  }
}
