package org.examlab.datasets.sequences;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A word-level translation task whose words can be learned from unlabelled text: {@code classes}
 * word classes of {@code wordsPerClass} interchangeable words each (synonyms). A sentence is a walk
 * over the classes, where class {@code c} is followed by class {@code c + 1} or {@code c + 3}
 * (modulo the number of classes) with equal chance, each position filled with a word of its class
 * drawn uniformly. The translation is the sentence's class sequence, one class token per word.
 *
 * <p>Words of one class occur in exactly the same contexts, so a distributional method (word2vec)
 * trained on plain sentences ({@link #corpus}) can find the classes without any translation; a
 * translation model trained on few pairs sees many words rarely or never. Every word and every
 * class is one token (one character of the shared {@link Vocabulary}); {@link #word} names a word
 * for a text corpus.
 */
public record WordClasses(int classes, int wordsPerClass, int maxSourceLength)
    implements TranslationTask {
  /** The class tokens are the first letters; the words the characters from U+0100 on. */
  private static final char FIRST_CLASS = 'A';

  private static final char FIRST_WORD = '\u0100';

  /** The two successors of class c: c + 1 and c + 3. */
  private static final int[] STEPS = {1, 3};

  public WordClasses {
    if (classes < 4 || classes > 26) {
      throw new IllegalArgumentException("classes must be between 4 and 26, got " + classes);
    }
    if (wordsPerClass < 1 || wordsPerClass > 1000) {
      throw new IllegalArgumentException(
          "wordsPerClass must be between 1 and 1000, got " + wordsPerClass);
    }
    if (maxSourceLength < 1) {
      throw new IllegalArgumentException("maxSourceLength must be >= 1, got " + maxSourceLength);
    }
  }

  @Override
  public Vocabulary vocabulary() {
    StringBuilder alphabet = new StringBuilder();
    for (int c = 0; c < classes; c++) {
      alphabet.append((char) (FIRST_CLASS + c));
    }
    for (int w = 0; w < words(); w++) {
      alphabet.append((char) (FIRST_WORD + w));
    }
    return new Vocabulary(alphabet.toString());
  }

  /** Every source word: {@code classes * wordsPerClass}. */
  public int words() {
    return classes * wordsPerClass;
  }

  /** The source token of word {@code w} (0-based; word w belongs to class w / wordsPerClass). */
  public char wordToken(int w) {
    return (char) (FIRST_WORD + w);
  }

  /** The word of a source token, or -1 if the token is not a source word. */
  public int wordOf(char token) {
    int w = token - FIRST_WORD;
    return w >= 0 && w < words() ? w : -1;
  }

  /** Word {@code w}'s class. */
  public int classOf(int w) {
    return w / wordsPerClass;
  }

  /** The name of word {@code w} in a text corpus ("w17"). */
  public static String word(int w) {
    return "w" + w;
  }

  @Override
  public int minLength() {
    return 1;
  }

  @Override
  public int maxLength() {
    return maxSourceLength;
  }

  @Override
  public SequencePair sample(SplittableRandom random, int length) {
    if (length < 1 || length > maxSourceLength) {
      throw new IllegalArgumentException(
          "length must be between 1 and " + maxSourceLength + ", got " + length);
    }
    StringBuilder source = new StringBuilder(length);
    StringBuilder target = new StringBuilder(length);
    int c = random.nextInt(classes);
    for (int i = 0; i < length; i++) {
      if (i > 0) {
        c = (c + STEPS[random.nextInt(STEPS.length)]) % classes;
      }
      source.append(wordToken(c * wordsPerClass + random.nextInt(wordsPerClass)));
      target.append((char) (FIRST_CLASS + c));
    }
    return new SequencePair(source.toString(), target.toString());
  }

  @Override
  public int maxTargetLength(int length) {
    return length;
  }

  /**
   * {@code sentences} unlabelled sentences (words separated by spaces), lengths uniform in
   * [minLength, maxLength], from the same process as the translation pairs.
   */
  public List<String> corpus(int sentences, int minLength, int maxLength, long seed) {
    List<String> text = new ArrayList<>(sentences);
    for (SequencePair p : SequencePairs.generate(this, sentences, minLength, maxLength, seed)) {
      List<String> words = new ArrayList<>(p.source().length());
      p.source().chars().forEach(t -> words.add(word(wordOf((char) t))));
      text.add(String.join(" ", words));
    }
    return text;
  }
}
