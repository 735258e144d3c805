package org.examlab.datasets.sequences;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Examples of a {@link TranslationTask} and their tensors for an encoder-decoder trained with
 * teacher forcing: the decoder reads the target shifted right by one (start token first) and learns
 * to emit the target followed by the end token.
 *
 * <p>Tensors are one-hot {@code [examples, vocabulary, steps]} (DL4J's NCW layout), padded to the
 * longest sequence of the batch, with {@code [examples, steps]} masks marking real steps.
 */
public final class SequencePairs {
  private SequencePairs() {}

  /**
   * {@code examples} pairs with source lengths uniform in [minLength, maxLength], deterministic
   * from {@code seed}.
   */
  public static List<SequencePair> generate(
      TranslationTask task, int examples, int minLength, int maxLength, long seed) {
    if (minLength < task.minLength() || maxLength > task.maxLength() || minLength > maxLength) {
      throw new IllegalArgumentException(
          "lengths must lie within "
              + task.minLength()
              + ".."
              + task.maxLength()
              + " with min <= max, got "
              + minLength
              + ".."
              + maxLength);
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<SequencePair> pairs = new ArrayList<>(examples);
    for (int i = 0; i < examples; i++) {
      pairs.add(task.sample(random, minLength + random.nextInt(maxLength - minLength + 1)));
    }
    return pairs;
  }

  /**
   * Features {source, decoder input = start + target}, label {target + end}, with masks. The
   * decoder input and the label have the same length and share one mask.
   */
  public static MultiDataSet teacherForcing(Vocabulary vocabulary, List<SequencePair> pairs) {
    List<int[]> targets = pairs.stream().map(p -> vocabulary.encode(p.target())).toList();
    Padded source =
        padded(vocabulary, pairs.stream().map(p -> vocabulary.encode(p.source())).toList());
    Padded decoderInput = padded(vocabulary, targets.stream().map(Vocabulary::withStart).toList());
    INDArray label =
        padded(vocabulary, targets.stream().map(Vocabulary::withEnd).toList()).oneHot();
    return new MultiDataSet(
        new INDArray[] {source.oneHot(), decoderInput.oneHot()},
        new INDArray[] {label},
        new INDArray[] {source.mask(), decoderInput.mask()},
        new INDArray[] {decoderInput.mask()});
  }

  /**
   * One-hot token sequences {@code [examples, vocabulary, steps]}, padded to the longest, and their
   * {@code [examples, steps]} mask.
   */
  public record Padded(INDArray oneHot, INDArray mask) {}

  public static Padded padded(Vocabulary vocabulary, List<int[]> sequences) {
    int steps = sequences.stream().mapToInt(s -> s.length).max().orElse(1);
    INDArray x = Nd4j.zeros(sequences.size(), vocabulary.size(), steps);
    INDArray mask = Nd4j.zeros(sequences.size(), steps);
    for (int i = 0; i < sequences.size(); i++) {
      int[] s = sequences.get(i);
      for (int t = 0; t < s.length; t++) {
        x.putScalar(new long[] {i, s[t], t}, 1.0);
        mask.putScalar(i, t, 1.0);
      }
    }
    return new Padded(x, mask);
  }

  /**
   * One-hot {@code [examples, vocabulary, steps]} of token sequences that all have the same length.
   */
  public static INDArray oneHot(Vocabulary vocabulary, List<int[]> sequences) {
    int steps = sequences.get(0).length;
    if (sequences.stream().anyMatch(s -> s.length != steps)) {
      throw new IllegalArgumentException("sequences must share one length, the first has " + steps);
    }
    return padded(vocabulary, sequences).oneHot();
  }
}
