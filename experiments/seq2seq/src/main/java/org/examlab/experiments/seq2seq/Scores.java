package org.examlab.experiments.seq2seq;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.datasets.sequences.SequencePair;
import org.examlab.datasets.sequences.Vocabulary;
import org.examlab.datasets.sequences.WordClasses;

/**
 * A word-level translation network's greedy outputs on held-out pairs, scored against the targets
 * (each followed by the end token). The target has one token per source word, so position t of the
 * output translates source word t: {@code unseenToken} is the token accuracy at the positions whose
 * source word never occurred in the training pairs, {@code unseenShare} the share of such
 * positions.
 *
 * @param exact share of outputs right as a whole, end token included
 * @param token share of target positions (end token included) holding the right token
 * @param unseenToken token accuracy at the unseen words' positions (NaN if there are none)
 * @param unseenShare unseen words' positions among all word positions
 */
record Scores(double exact, double token, double unseenToken, double unseenShare) {

  static Scores of(
      ComputationGraph net, WordClasses task, List<SequencePair> test, Set<Character> seenWords) {
    Vocabulary vocabulary = task.vocabulary();
    int maxSteps =
        test.stream().mapToInt(p -> task.maxTargetLength(p.source().length()) + 1).max().orElse(1);
    List<int[]> outputs =
        BeamSearch.decode(
            net,
            vocabulary,
            test.stream().map(p -> vocabulary.encode(p.source())).toList(),
            maxSteps,
            1);
    int exact = 0;
    long right = 0;
    long tokens = 0;
    long unseenRight = 0;
    long unseen = 0;
    long words = 0;
    for (int i = 0; i < test.size(); i++) {
      SequencePair pair = test.get(i);
      int[] target = Vocabulary.withEnd(vocabulary.encode(pair.target()));
      int[] output = outputs.get(i);
      exact += Arrays.equals(target, output) ? 1 : 0;
      for (int t = 0; t < target.length; t++) {
        boolean correct = t < output.length && output[t] == target[t];
        right += correct ? 1 : 0;
        tokens++;
        if (t < pair.source().length()) {
          words++;
          if (!seenWords.contains(pair.source().charAt(t))) {
            unseen++;
            unseenRight += correct ? 1 : 0;
          }
        }
      }
    }
    return new Scores(
        (double) exact / test.size(),
        (double) right / tokens,
        unseen == 0 ? Double.NaN : (double) unseenRight / unseen,
        (double) unseen / words);
  }
}
