package org.examlab.experiments.seq2seq;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.datasets.sequences.SequencePair;
import org.examlab.datasets.sequences.TranslationTask;
import org.examlab.datasets.sequences.Vocabulary;

/**
 * Accuracy of autoregressively decoded outputs against the targets (each followed by the end
 * token). Exact match: the whole output, end token included, is right. Token accuracy: the
 * fraction of target positions holding the right token.
 */
record Accuracy(double exact, double token) {

  /** Decodes {@code pairs} (sources of one length) with {@code beamWidth} and scores them. */
  static Accuracy of(ComputationGraph net, TranslationTask task, List<SequencePair> pairs, int beamWidth) {
    Vocabulary vocabulary = task.vocabulary();
    int length = pairs.get(0).source().length();
    List<int[]> outputs = BeamSearch.decode(net, vocabulary, pairs.stream().map(p -> vocabulary.encode(p.source())).toList(),
        task.maxTargetLength(length) + 1, beamWidth);
    int exact = 0;
    long rightTokens = 0;
    long tokens = 0;
    for (int i = 0; i < pairs.size(); i++) {
      int[] target = withEnd(vocabulary.encode(pairs.get(i).target()));
      int[] output = outputs.get(i);
      exact += Arrays.equals(target, output) ? 1 : 0;
      for (int t = 0; t < target.length; t++) {
        rightTokens += t < output.length && output[t] == target[t] ? 1 : 0;
      }
      tokens += target.length;
    }
    return new Accuracy((double) exact / pairs.size(), (double) rightTokens / tokens);
  }

  static int[] withEnd(int[] tokens) {
    int[] t = Arrays.copyOf(tokens, tokens.length + 1);
    t[tokens.length] = Vocabulary.END;
    return t;
  }
}
