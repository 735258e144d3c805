package org.examlab.experiments.seq2seq;

import java.util.List;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.text.sentenceiterator.CollectionSentenceIterator;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;
import org.examlab.datasets.sequences.Vocabulary;
import org.examlab.datasets.sequences.WordClasses;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Word vectors for the encoder's embedding, learned without translations: DL4J's {@link Word2Vec}
 * (skip-gram with negative sampling, one worker thread so that the same seed gives the same
 * vectors) on an unlabelled corpus, then laid out as the embedding matrix of the task's vocabulary.
 */
final class WordVectors {
  private WordVectors() {}

  /**
   * The vector of every source word of {@code task} learned from {@code corpus} (one sentence per
   * string, words as {@link WordClasses#word}): {@code [words, layerSize]}, row w for word w.
   */
  static INDArray word2vec(
      WordClasses task, List<String> corpus, PretrainingSettings.Word2vecSettings w2v, long seed) {
    Word2Vec vectors =
        new Word2Vec.Builder()
            .layerSize(w2v.layerSize())
            .windowSize(w2v.windowSize())
            .epochs(w2v.epochs())
            .iterations(1)
            .negativeSample(w2v.negativeSamples())
            .useHierarchicSoftmax(false)
            .minWordFrequency(1)
            .sampling(0)
            .learningRate(w2v.learningRate())
            .workers(1)
            .allowParallelTokenization(false)
            .seed(seed)
            .iterate(new CollectionSentenceIterator(corpus))
            .tokenizerFactory(new DefaultTokenizerFactory())
            .build();
    vectors.fit();
    INDArray rows = Nd4j.zeros(DataType.DOUBLE, task.words(), w2v.layerSize());
    for (int w = 0; w < task.words(); w++) {
      double[] v = vectors.getWordVector(WordClasses.word(w));
      if (v == null) {
        throw new IllegalStateException(
            "word2vec learned no vector for "
                + WordClasses.word(w)
                + ": corpus.sentences is too small to contain every word");
      }
      rows.putRow(w, Nd4j.createFromArray(v));
    }
    return rows;
  }

  /**
   * {@code init} (a network's randomly initialised embedding, {@code [vocabulary, size]}) with the
   * source words' rows replaced by {@code wordRows} scaled to the same standard deviation as init's
   * word rows: the pre-trained embedding differs from the random one in its structure, not in its
   * scale. Rows of tokens that never enter the encoder (class tokens, start, end) keep init.
   */
  static INDArray intoEmbedding(INDArray init, WordClasses task, INDArray wordRows) {
    int[] rows = wordIndices(task);
    double scale =
        init.getRows(rows).stdNumber().doubleValue() / wordRows.stdNumber().doubleValue();
    INDArray embedding = init.castTo(DataType.DOUBLE).dup();
    for (int w = 0; w < rows.length; w++) {
      embedding.putRow(rows[w], wordRows.getRow(w).mul(scale));
    }
    return embedding;
  }

  /**
   * The share of source words whose nearest other word (by cosine similarity of their rows in
   * {@code wordRows}, {@code [words, size]}) belongs to the same class. Chance is about (words per
   * class - 1) / (words - 1).
   */
  static double classPurity(WordClasses task, INDArray wordRows) {
    int n = task.words();
    double[][] unit = new double[n][];
    for (int w = 0; w < n; w++) {
      double[] v = wordRows.getRow(w).toDoubleVector();
      double norm = 0;
      for (double x : v) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < v.length; i++) {
        v[i] = norm == 0 ? 0 : v[i] / norm;
      }
      unit[w] = v;
    }
    int same = 0;
    for (int w = 0; w < n; w++) {
      int nearest = -1;
      double best = Double.NEGATIVE_INFINITY;
      for (int o = 0; o < n; o++) {
        if (o == w) {
          continue;
        }
        double cosine = 0;
        for (int i = 0; i < unit[w].length; i++) {
          cosine += unit[w][i] * unit[o][i];
        }
        if (cosine > best) {
          best = cosine;
          nearest = o;
        }
      }
      same += task.classOf(nearest) == task.classOf(w) ? 1 : 0;
    }
    return (double) same / n;
  }

  /** The source words' rows of a network's embedding matrix ({@code [words, size]}). */
  static INDArray wordRows(INDArray embedding, WordClasses task) {
    return embedding.getRows(wordIndices(task));
  }

  /** The vocabulary index of every source word, in word order. */
  private static int[] wordIndices(WordClasses task) {
    Vocabulary vocabulary = task.vocabulary();
    int[] rows = new int[task.words()];
    for (int w = 0; w < rows.length; w++) {
      rows[w] = vocabulary.index(task.wordToken(w));
    }
    return rows;
  }
}
