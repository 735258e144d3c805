package org.examlab.datasets.sequences;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Examples of a {@link TranslationTask} and their tensors for an encoder-decoder trained with
 * teacher forcing: the decoder reads the target shifted right by one (start token first) and
 * learns to emit the target followed by the end token.
 *
 * <p>Tensors are one-hot {@code [examples, vocabulary, steps]} (DL4J's NCW layout), padded to
 * the longest sequence of the batch, with {@code [examples, steps]} masks marking real steps.
 */
public final class SequencePairs {
  private SequencePairs() {}

  /** {@code examples} pairs with source lengths uniform in [minLength, maxLength], deterministic from {@code seed}. */
  public static List<SequencePair> generate(TranslationTask task, int examples, int minLength, int maxLength, long seed) {
    if (minLength < task.minLength() || maxLength > task.maxLength() || minLength > maxLength) {
      throw new IllegalArgumentException("lengths must lie within " + task.minLength() + ".." + task.maxLength()
          + " with min <= max, got " + minLength + ".." + maxLength);
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
    int n = pairs.size();
    int sourceSteps = pairs.stream().mapToInt(p -> p.source().length()).max().orElse(1);
    int targetSteps = pairs.stream().mapToInt(p -> p.target().length()).max().orElse(0) + 1;
    INDArray source = Nd4j.zeros(n, vocabulary.size(), sourceSteps);
    INDArray sourceMask = Nd4j.zeros(n, sourceSteps);
    INDArray decoderInput = Nd4j.zeros(n, vocabulary.size(), targetSteps);
    INDArray label = Nd4j.zeros(n, vocabulary.size(), targetSteps);
    INDArray targetMask = Nd4j.zeros(n, targetSteps);
    for (int i = 0; i < n; i++) {
      int[] src = vocabulary.encode(pairs.get(i).source());
      int[] tgt = vocabulary.encode(pairs.get(i).target());
      for (int t = 0; t < src.length; t++) {
        source.putScalar(new long[] {i, src[t], t}, 1.0);
        sourceMask.putScalar(i, t, 1.0);
      }
      for (int t = 0; t <= tgt.length; t++) {
        decoderInput.putScalar(new long[] {i, t == 0 ? Vocabulary.START : tgt[t - 1], t}, 1.0);
        label.putScalar(new long[] {i, t == tgt.length ? Vocabulary.END : tgt[t], t}, 1.0);
        targetMask.putScalar(i, t, 1.0);
      }
    }
    return new MultiDataSet(new INDArray[] {source, decoderInput}, new INDArray[] {label},
        new INDArray[] {sourceMask, targetMask}, new INDArray[] {targetMask});
  }

  /** One-hot {@code [examples, vocabulary, steps]} of token sequences that all have the same length. */
  public static INDArray oneHot(Vocabulary vocabulary, List<int[]> sequences) {
    int steps = sequences.get(0).length;
    INDArray x = Nd4j.zeros(sequences.size(), vocabulary.size(), steps);
    for (int i = 0; i < sequences.size(); i++) {
      int[] s = sequences.get(i);
      if (s.length != steps) {
        throw new IllegalArgumentException("sequences must share one length: " + s.length + " != " + steps);
      }
      for (int t = 0; t < steps; t++) {
        x.putScalar(new long[] {i, s[t], t}, 1.0);
      }
    }
    return x;
  }
}
