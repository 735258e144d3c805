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
import org.examlab.harness.settings.TrainingSettings;
import org.examlab.harness.settings.UpdaterKind;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

class Seq2seqDecodingTest {
  private static final TranslationTask REVERSE =
      new DigitStrings(DigitStrings.Transform.REVERSE, 8);
  private static final Vocabulary VOCABULARY = REVERSE.vocabulary();

  @Test
  void greedyDecodingOfATinyTrainedModel() {
    ComputationGraph net =
        Seq2seqNetworks.build(
            Attention.NONE,
            VOCABULARY.size(),
            new Seq2seqSettings.Model(32, 8),
            3,
            7,
            training(0.02));
    List<SequencePair> train = SequencePairs.generate(REVERSE, 1000, 1, 2, 1);
    for (int epoch = 0; epoch < 12; epoch++) {
      for (int b = 0; b < train.size(); b += 100) {
        net.fit(SequencePairs.teacherForcing(VOCABULARY, train.subList(b, b + 100)));
      }
    }
    List<SequencePair> test = SequencePairs.generate(REVERSE, 40, 1, 2, 2);
    Map<Integer, Accuracy> accuracy = Accuracy.byLength(net, REVERSE, test, 1);
    assertEquals(List.of(1, 2), List.copyOf(accuracy.keySet()));
    assertTrue(
        accuracy.get(2).exact() > 0.9, "greedy exact match on reversal of 2 digits: " + accuracy);

    // Greedy means: every output token is the most probable one given the source and the outputs
    // before it.
    List<int[]> sources = test.stream().map(p -> VOCABULARY.encode(p.source())).toList();
    List<int[]> outputs = BeamSearch.decode(net, VOCABULARY, sources, 3, 1);
    for (int i = 0; i < test.size(); i++) {
      int[] output = outputs.get(i);
      // Decoded alone (no padding) or in the mixed-length batch: the same output.
      assertArrayEquals(
          output, BeamSearch.decode(net, VOCABULARY, List.of(sources.get(i)), 3, 1).get(0));
      int[] decoderInput = Vocabulary.withStart(Arrays.copyOf(output, output.length - 1));
      INDArray p =
          Seq2seqNetworks.output(
              net,
              SequencePairs.padded(VOCABULARY, List.of(sources.get(i))),
              SequencePairs.oneHot(VOCABULARY, List.of(decoderInput)));
      for (int t = 0; t < output.length; t++) {
        assertEquals(
            output[t],
            p.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(t))
                .argMax()
                .getInt(0));
      }
    }
    // A wider beam decodes as well here.
    assertTrue(Accuracy.byLength(net, REVERSE, test, 3).get(2).exact() > 0.9);
    // Decoded a few sources at a time (as seq2seq-full's 6,000 are, to bound memory): the same
    // outputs, beams and all.
    List<int[]> together = BeamSearch.decode(net, VOCABULARY, sources, 3, 3, sources.size());
    List<int[]> byThree = BeamSearch.decode(net, VOCABULARY, sources, 3, 3, 3);
    for (int i = 0; i < sources.size(); i++) {
      assertArrayEquals(together.get(i), byThree.get(i), "source " + i);
    }
  }

  /**
   * Sources of mixed lengths (3..5, padded and masked) so the key-padding mask is exercised;
   * decoder inputs of one length (6 steps; Bahdanau's decoder is unrolled over 8, so they are
   * padded too).
   */
  @Test
  void plottedAttentionWeightsSumToOneSkipPaddedKeysAndReproduceTheVertexOutput() {
    List<SequencePair> batch = SequencePairs.generate(REVERSE, 6, 3, 5, 3);
    List<int[]> sources = batch.stream().map(p -> VOCABULARY.encode(p.source())).toList();
    assertTrue(
        sources.stream().mapToInt(s -> s.length).distinct().count() > 1, "mixed source lengths");
    SequencePairs.Padded source = SequencePairs.padded(VOCABULARY, sources);
    int keys = (int) source.mask().size(1);
    INDArray decoderInput =
        SequencePairs.oneHot(
            VOCABULARY,
            SequencePairs.generate(REVERSE, 6, 5, 5, 4).stream()
                .map(p -> Vocabulary.withStart(VOCABULARY.encode(p.target())))
                .toList());
    int hidden = 16;
    int decoderSteps = 8;
    for (Attention attention : List.of(Attention.LUONG_DOT, Attention.BAHDANAU)) {
      ComputationGraph net =
          Seq2seqNetworks.build(
              attention,
              VOCABULARY.size(),
              new Seq2seqSettings.Model(hidden, 8),
              decoderSteps,
              5,
              training(0.05));
      for (int i = 0;
          i < 3;
          i++) { // a few steps so the weights are not those of the initialization
        MultiDataSet train =
            SequencePairs.teacherForcing(VOCABULARY, SequencePairs.generate(REVERSE, 32, 3, 6, i));
        net.fit(
            Seq2seqNetworks.fixedDecoderSteps(net) == 0
                ? train
                : FixedSteps.teacherForcing(train, decoderSteps));
      }
      INDArray weights =
          AttentionWeights.of(
              net, attention, source, decoderInput); // [examples, decoder steps, keys]
      assertArrayEquals(new long[] {6, 6, keys}, weights.shape());
      INDArray sums = weights.sum(2);
      assertTrue(sums.sub(1.0).amaxNumber().doubleValue() < 1e-5, attention + " row sums " + sums);
      assertTrue(weights.minNumber().doubleValue() >= 0);
      for (int i = 0; i < sources.size(); i++) {
        int length = sources.get(i).length;
        if (length < keys) {
          INDArray padded =
              weights.get(
                  NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.interval(length, keys));
          assertEquals(
              0.0,
              padded.amaxNumber().doubleValue(),
              1e-12,
              attention + ": weight on padded keys of example " + i);
        }
      }

      var states = Seq2seqNetworks.activations(net, source, decoderInput);
      INDArray encoder = states.get(Seq2seqNetworks.ENCODER);
      INDArray context;
      INDArray vertexOutput;
      if (attention
          == Attention.LUONG_DOT) { // the vertex also projects the values (Wv) and the output (Wo)
        var params = net.getVertex(Seq2seqNetworks.ATTENTION).paramTable(false);
        INDArray wv = params.get("Wv").reshape(hidden, hidden);
        INDArray wo = params.get("Wo");
        context = project(wo.transpose(), AttentionWeights.context(weights, project(wv, encoder)));
        vertexOutput = states.get(Seq2seqNetworks.ATTENTION);
      } else { // the decoder's output is [s_t; c_t] over its 8 unrolled steps
        context = AttentionWeights.context(weights, encoder);
        vertexOutput =
            states
                .get(Seq2seqNetworks.DECODER)
                .get(
                    NDArrayIndex.all(),
                    NDArrayIndex.interval(hidden, 2 * hidden),
                    NDArrayIndex.interval(0, 6));
      }
      assertTrue(
          context.equalsWithEps(vertexOutput, 1e-4),
          attention + ": recomputed weights do not give the vertex output");
    }
  }

  /**
   * Padding the decoder input to the unrolled length, or a longer prefix, changes no earlier step:
   * the decoder is causal.
   */
  @Test
  void bahdanauDecoderStepsReadOnlyEarlierSteps() {
    ComputationGraph net =
        Seq2seqNetworks.build(
            Attention.BAHDANAU,
            VOCABULARY.size(),
            new Seq2seqSettings.Model(8, 4),
            7,
            3,
            training(0.05));
    List<SequencePair> batch = SequencePairs.generate(REVERSE, 3, 5, 5, 6);
    SequencePairs.Padded source =
        SequencePairs.padded(
            VOCABULARY, batch.stream().map(p -> VOCABULARY.encode(p.source())).toList());
    INDArray full =
        SequencePairs.oneHot(
            VOCABULARY,
            batch.stream().map(p -> Vocabulary.withStart(VOCABULARY.encode(p.target()))).toList());
    INDArray whole = Seq2seqNetworks.output(net, source, full); // 6 of 7 steps
    INDArray prefix = Seq2seqNetworks.output(net, source, FixedSteps.cut(full, 3));
    assertArrayEquals(new long[] {3, VOCABULARY.size(), 3}, prefix.shape());
    assertTrue(prefix.equalsWithEps(FixedSteps.cut(whole, 3), 1e-6));
  }

  private static TrainingSettings training(double learningRate) {
    return new TrainingSettings(1, 100, learningRate, UpdaterKind.ADAM, null, null, null, null);
  }

  /** w [m, n] applied to every step of x [mb, n, T]: [mb, m, T]. */
  private static INDArray project(INDArray w, INDArray x) {
    INDArray out =
        org.nd4j.linalg.factory.Nd4j.create(x.dataType(), x.size(0), w.size(0), x.size(2));
    for (int i = 0; i < x.size(0); i++) {
      out.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all())
          .assign(w.mmul(x.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all())));
    }
    return out;
  }
}
