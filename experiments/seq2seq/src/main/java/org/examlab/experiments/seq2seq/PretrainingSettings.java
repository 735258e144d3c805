package org.examlab.experiments.seq2seq;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.examlab.datasets.sequences.WordClasses;
import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;

/**
 * The seq2seq-pretraining experiment's own config keys (besides the harness's {@code training},
 * {@code tuning}, {@code seeds}, {@code claims}, ...).
 *
 * @param task the word-level translation task and the parallel-data sizes
 * @param corpus the unlabelled text word2vec learns from
 * @param word2vec word2vec's own settings
 * @param model the encoder-decoder's sizes
 * @param arms how the encoder's embedding starts: random, frozen (word2vec, kept), fine-tuned
 *     (word2vec, trained on)
 */
public record PretrainingSettings(
    Task task, Corpus corpus, Word2vecSettings word2vec, Model model, List<Init> arms) {

  public PretrainingSettings {
    Require.present("task", task);
    Require.present("corpus", corpus);
    Require.present("word2vec", word2vec);
    Require.present("model", model);
    arms = Require.distinctlyNamed("arms", arms, Init::label);
    if (!arms.contains(Init.RANDOM)) {
      throw new InvalidSettingException("arms", "must include random, the baseline, got " + arms);
    }
  }

  /** How the encoder's embedding starts. */
  public enum Init {
    /** DL4J's Xavier initialisation, trained with the network. */
    RANDOM,
    /** word2vec's vectors, never changed by the translation training. */
    FROZEN,
    /** word2vec's vectors as the start, trained with the network. */
    FINE_TUNED;

    /** The config's and the measurements' name: random, frozen, fine-tuned. */
    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    boolean pretrained() {
      return this != RANDOM;
    }
  }

  /**
   * @param classes word classes (4..26); the translation of a word is its class
   * @param wordsPerClass interchangeable words per class
   * @param minLength shortest sentence (translation pairs and corpus)
   * @param maxLength longest sentence
   * @param parallelSizes numbers of translation pairs to train on (nested: each smaller set is the
   *     start of the larger ones)
   * @param testExamples held-out pairs every network is scored on
   */
  public record Task(
      int classes,
      int wordsPerClass,
      int minLength,
      int maxLength,
      List<Integer> parallelSizes,
      int testExamples) {
    public Task {
      Require.inRange("classes", classes, 4, 26);
      Require.inRange("wordsPerClass", wordsPerClass, 1, 1000);
      Require.inRange("minLength", minLength, 1, 100);
      Require.inRange("maxLength", maxLength, minLength, 100);
      parallelSizes =
          Require.distinctInRange("parallelSizes", parallelSizes, 10, 1_000_000).stream()
              .sorted()
              .toList();
      Require.inRange("testExamples", testExamples, 1, 1_000_000);
    }

    /**
     * The task, able to make sentences up to {@code longest} words (the corpus's may be longer).
     */
    public WordClasses generator(int longest) {
      return new WordClasses(classes, wordsPerClass, Math.max(maxLength, longest));
    }

    int smallest() {
      return parallelSizes.get(0);
    }

    int largest() {
      return Collections.max(parallelSizes);
    }
  }

  /**
   * @param sentences unlabelled sentences from the task's process
   * @param minLength shortest corpus sentence
   * @param maxLength longest corpus sentence (text is not limited to the translation pairs'
   *     lengths)
   */
  public record Corpus(int sentences, int minLength, int maxLength) {
    public Corpus {
      Require.inRange("sentences", sentences, 10, 10_000_000);
      Require.inRange("minLength", minLength, 1, 100);
      Require.inRange("maxLength", maxLength, minLength, 100);
    }
  }

  /**
   * @param layerSize the vector size, which is also the encoder's embedding size in every arm
   * @param windowSize context words on each side
   * @param epochs passes over the corpus
   * @param negativeSamples negative samples per (word, context) pair
   * @param learningRate word2vec's starting learning rate
   */
  public record Word2vecSettings(
      int layerSize, int windowSize, int epochs, int negativeSamples, double learningRate) {
    public Word2vecSettings {
      Require.inRange("layerSize", layerSize, 2, 1024);
      Require.inRange("windowSize", windowSize, 1, 20);
      Require.inRange("epochs", epochs, 1, 1000);
      Require.inRange("negativeSamples", negativeSamples, 1, 50);
      Require.inRange("learningRate", learningRate, 1e-5, 1.0);
    }
  }

  /**
   * @param hiddenSize units of the encoder LSTM and of the decoder LSTM
   */
  public record Model(int hiddenSize) {
    public Model {
      Require.inRange("hiddenSize", hiddenSize, 1, 4096);
    }

    /** As the seq2seq experiment's model (no attention, so its attention size is unused). */
    Seq2seqSettings.Model seq2seq() {
      return new Seq2seqSettings.Model(hiddenSize, 1);
    }
  }
}
