package org.examlab.experiments.seq2seq;

import java.util.Collections;
import java.util.List;
import org.examlab.datasets.sequences.DigitStrings;
import org.examlab.datasets.sequences.FreeFormDates;
import org.examlab.datasets.sequences.TranslationTask;
import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;

/**
 * The seq2seq experiment's own config keys (besides the harness's {@code training}, {@code seeds},
 * {@code claims}, ...).
 *
 * @param task what to translate, at which source lengths to train and to test
 * @param model the encoder-decoder's sizes
 * @param variants attention variants to train and compare (none, luong-dot, bahdanau)
 * @param decoding how test outputs are generated
 * @param heatmaps how many test examples get an attention heat map
 */
public record Seq2seqSettings(
    Task task, Model model, List<Attention> variants, Decoding decoding, Heatmaps heatmaps) {

  public Seq2seqSettings {
    Require.present("task", task);
    Require.present("model", model);
    variants = Require.distinctlyNamed("variants", variants, Attention::label);
    Require.present("decoding", decoding);
    Require.present("heatmaps", heatmaps);
    if (heatmaps.examples() > 0 && !task.testLengths().contains(heatmaps.length())) {
      throw new InvalidSettingException(
          "heatmaps.length",
          "must be one of task.testLengths " + task.testLengths() + ", got " + heatmaps.length());
    }
  }

  public enum Kind {
    REVERSE,
    SORT,
    DATES
  }

  /**
   * @param kind reverse or sort digit strings, or dates from free forms to ISO
   * @param trainMinLength shortest training source
   * @param trainMaxLength longest training source; test lengths above it measure extrapolation
   * @param testLengths source lengths to measure accuracy at
   * @param longFrom test lengths from this one up count as "long" for the verdict
   * @param trainExamples training pairs, lengths uniform in [trainMinLength, trainMaxLength]
   * @param testExamples held-out pairs per test length
   */
  public record Task(
      Kind kind,
      int trainMinLength,
      int trainMaxLength,
      List<Integer> testLengths,
      int longFrom,
      int trainExamples,
      int testExamples) {
    public Task {
      Require.present("kind", kind);
      TranslationTask generator = generator(kind, 1000);
      int min = generator.minLength();
      int max = generator.maxLength();
      Require.inRange("trainMinLength", trainMinLength, min, max);
      Require.inRange("trainMaxLength", trainMaxLength, trainMinLength, max);
      testLengths =
          Require.distinctInRange("testLengths", testLengths, min, max).stream().sorted().toList();
      Require.inRange("longFrom", longFrom, testLengths.get(0) + 1, trainMaxLength);
      int from = longFrom;
      if (testLengths.stream().noneMatch(l -> l >= from && l <= trainMaxLength)) {
        throw new InvalidSettingException(
            "longFrom", "no test length lies in longFrom.." + trainMaxLength + ": " + testLengths);
      }
      Require.inRange("trainExamples", trainExamples, 8, 10_000_000);
      Require.inRange("testExamples", testExamples, 1, 1_000_000);
    }

    public TranslationTask generator() {
      return generator(kind, Collections.max(testLengths));
    }

    private static TranslationTask generator(Kind kind, int maxLength) {
      return switch (kind) {
        case REVERSE -> new DigitStrings(DigitStrings.Transform.REVERSE, maxLength);
        case SORT -> new DigitStrings(DigitStrings.Transform.SORT, maxLength);
        case DATES -> new FreeFormDates();
      };
    }

    /** Long lengths seen in training: where the fixed context vector has the most to hold. */
    public List<Integer> longLengths() {
      return testLengths.stream().filter(l -> l >= longFrom && l <= trainMaxLength).toList();
    }

    /**
     * The longest decoder sequence of the run (start token and target, or target and end token):
     * the steps Bahdanau's decoder is unrolled over.
     */
    public int decoderSteps() {
      TranslationTask g = generator();
      return g.maxTargetLength(Math.max(trainMaxLength, Collections.max(testLengths))) + 1;
    }

    /** Test lengths longer than any training source. */
    public List<Integer> unseenLengths() {
      return testLengths.stream().filter(l -> l > trainMaxLength).toList();
    }
  }

  /**
   * @param hiddenSize units of the encoder LSTM and of the decoder LSTM
   * @param attentionSize width of the hidden layer of Bahdanau's additive score
   */
  public record Model(int hiddenSize, int attentionSize) {
    public Model {
      Require.inRange("hiddenSize", hiddenSize, 1, 4096);
      Require.inRange("attentionSize", attentionSize, 1, 4096);
    }
  }

  /**
   * @param beamWidth 1: greedy (the most probable token at each step); more: beam search
   */
  public record Decoding(int beamWidth) {
    public Decoding {
      Require.inRange("beamWidth", beamWidth, 1, 64);
    }
  }

  /**
   * @param examples test examples per attention variant drawn as heat maps (first seed)
   * @param length source length of those examples
   */
  public record Heatmaps(int examples, int length) {
    public Heatmaps {
      Require.inRange("examples", examples, 0, 16);
      Require.inRange("length", length, 1, 1000);
    }
  }
}
