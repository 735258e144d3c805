package org.examlab.experiments.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.datasets.sequences.SequencePairs;
import org.examlab.datasets.sequences.Vocabulary;
import org.examlab.datasets.sequences.WordClasses;
import org.examlab.harness.settings.TrainingSettings;
import org.examlab.harness.settings.UpdaterKind;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class PretrainingPiecesTest {
  private static final WordClasses SMALL = new WordClasses(4, 2, 5); // words 2c, 2c+1 in class c

  @Test
  void classPurityCountsNearestNeighboursOfTheSameClass() {
    // Both words of a class point the same way: every nearest neighbour is of its class.
    double[][] together = new double[8][];
    // Word w shares its direction with a word of another class: none is.
    double[][] apart = new double[8][];
    for (int w = 0; w < 8; w++) {
      int c = SMALL.classOf(w);
      together[w] = axis(c, 1.0 + 0.1 * w);
      apart[w] = axis((w % 2) * 2 + (c % 2 == 0 ? 0 : 1) == c ? (c + 1) % 4 : c, 1.0);
    }
    assertEquals(1.0, WordVectors.classPurity(SMALL, Nd4j.createFromArray(together)), 1e-12);
    // apart: words 0..7 on axes 1,0,... computed by hand below (plain Java)
    double expected = handPurity(apart);
    assertEquals(expected, WordVectors.classPurity(SMALL, Nd4j.createFromArray(apart)), 1e-12);
    assertTrue(expected < 1.0, "the second layout must mix classes: " + expected);
  }

  @Test
  void theEmbeddingLooksUpRowsKeepsFrozenOnesAndTrainsTheOthers() {
    Vocabulary vocabulary = SMALL.vocabulary();
    INDArray vectors = Nd4j.rand(DataType.DOUBLE, vocabulary.size(), 3).subi(0.5);
    var pairs = SequencePairs.generate(SMALL, 16, 2, 4, 3);
    for (boolean frozen : new boolean[] {true, false}) {
      ComputationGraph net = network(frozen);
      Seq2seqNetworks.setEmbedding(net, vectors);
      assertEquals(vectors.castTo(DataType.FLOAT), Seq2seqNetworks.embedding(net));
      // The embedding layer's output at step t is the row of the token at t.
      SequencePairs.Padded source =
          SequencePairs.padded(vocabulary, List.of(vocabulary.encode(pairs.get(0).source())));
      Map<String, INDArray> acts =
          net.feedForward(
              new INDArray[] {source.oneHot(), Nd4j.zeros(1, vocabulary.size(), 1)}, false);
      INDArray embedded = acts.get(Seq2seqNetworks.EMBEDDING); // [1, 3, T]
      int[] tokens = vocabulary.encode(pairs.get(0).source());
      for (int t = 0; t < tokens.length; t++) {
        INDArray row = vectors.getRow(tokens[t]).castTo(DataType.FLOAT);
        INDArray got =
            embedded.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(t));
        assertTrue(row.equalsWithEps(got, 1e-6), "step " + t + ": " + got + " vs " + row);
      }
      for (int step = 0; step < 5; step++) {
        net.fit(SequencePairs.teacherForcing(vocabulary, pairs));
      }
      assertTrue(
          Double.isFinite(
              PretrainingExperiment.validationLoss(net, vocabulary, pairs.subList(0, 5))),
          "scoring a batch of another size");
      INDArray after = Seq2seqNetworks.embedding(net);
      if (frozen) {
        assertEquals(vectors.castTo(DataType.FLOAT), after, "a frozen embedding never changes");
      } else {
        assertNotEquals(vectors.castTo(DataType.FLOAT), after, "a fine-tuned one trains");
      }
    }
  }

  @Test
  void pretrainedRowsKeepTheirDirectionAndTakeTheRandomRowsSpread() {
    ComputationGraph net = network(false);
    INDArray init = Seq2seqNetworks.embedding(net);
    INDArray words = Nd4j.rand(DataType.DOUBLE, SMALL.words(), 3).muli(7);
    INDArray mixed = WordVectors.intoEmbedding(init, SMALL, words);
    INDArray mixedWords = WordVectors.wordRows(mixed, SMALL);
    assertEquals(
        WordVectors.wordRows(init, SMALL).stdNumber().doubleValue(),
        mixedWords.stdNumber().doubleValue(),
        1e-6);
    for (int w = 0; w < SMALL.words(); w++) {
      double cosine =
          Nd4j.getBlasWrapper().dot(words.getRow(w), mixedWords.getRow(w))
              / (words.getRow(w).norm2Number().doubleValue()
                  * mixedWords.getRow(w).norm2Number().doubleValue());
      assertEquals(1.0, cosine, 1e-9);
    }
    // Rows of tokens that never enter the encoder keep the random values.
    int start = Vocabulary.START;
    assertTrue(init.getRow(start).castTo(DataType.DOUBLE).equalsWithEps(mixed.getRow(start), 1e-7));
  }

  @Test
  void word2vecIsReproducible() {
    WordClasses task = new WordClasses(4, 3, 8);
    List<String> corpus = task.corpus(300, 3, 8, 11);
    var settings = new PretrainingSettings.Word2vecSettings(4, 2, 2, 5, 0.025);
    assertEquals(
        WordVectors.word2vec(task, corpus, settings, 4),
        WordVectors.word2vec(task, corpus, settings, 4),
        "same corpus and seed, same vectors");
  }

  /** The quick config's task and word2vec settings (configs/seq2seq-pretraining.yaml). */
  @Test
  void word2vecFindsTheClassesOfTheQuickConfig() {
    WordClasses task = new WordClasses(8, 12, 8);
    List<String> corpus = task.corpus(10_000, 3, 8, 11);
    var settings = new PretrainingSettings.Word2vecSettings(16, 2, 20, 5, 0.025);
    double purity = WordVectors.classPurity(task, WordVectors.word2vec(task, corpus, settings, 4));
    assertTrue(purity > 0.9, "word2vec should group the interchangeable words: " + purity);
  }

  private static ComputationGraph network(boolean frozen) {
    return Seq2seqNetworks.build(
        Attention.NONE,
        SMALL.vocabulary().size(),
        new Seq2seqSettings.Model(8, 1),
        0,
        7,
        new TrainingSettings(1, 16, 0.05, UpdaterKind.ADAM, null, null, null, null),
        DataType.FLOAT,
        new Seq2seqNetworks.Embedding(3, frozen));
  }

  private static double[] axis(int i, double length) {
    double[] v = new double[4];
    v[i] = length;
    return v;
  }

  /** The nearest-neighbour class agreement in plain Java (cosine; first of ties). */
  private static double handPurity(double[][] v) {
    int same = 0;
    for (int w = 0; w < v.length; w++) {
      int best = -1;
      double bestCos = Double.NEGATIVE_INFINITY;
      for (int o = 0; o < v.length; o++) {
        if (o == w) {
          continue;
        }
        double dot = 0;
        double nw = 0;
        double no = 0;
        for (int i = 0; i < v[w].length; i++) {
          dot += v[w][i] * v[o][i];
          nw += v[w][i] * v[w][i];
          no += v[o][i] * v[o][i];
        }
        double cos = dot / Math.sqrt(nw * no);
        if (cos > bestCos) {
          bestCos = cos;
          best = o;
        }
      }
      same += SMALL.classOf(best) == SMALL.classOf(w) ? 1 : 0;
    }
    return (double) same / v.length;
  }
}
