package org.examlab.experiments.seq2seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.datasets.sequences.SequencePair;
import org.examlab.datasets.sequences.TranslationTask;
import org.examlab.datasets.sequences.Vocabulary;

/**
 * Accuracy of autoregressively decoded outputs against the targets (each followed by the end
 * token). Exact match: the whole output, end token included, is right. Token accuracy: the fraction
 * of target positions holding the right token.
 */
record Accuracy(double exact, double token) {

  /**
   * Decodes all {@code pairs} with {@code beamWidth} ({@link BeamSearch#SOURCES_PER_CALL} at a
   * time); scores them per source length.
   */
  static Map<Integer, Accuracy> byLength(
      ComputationGraph net, TranslationTask task, List<SequencePair> pairs, int beamWidth) {
    Vocabulary vocabulary = task.vocabulary();
    int maxSteps =
        pairs.stream().mapToInt(p -> task.maxTargetLength(p.source().length()) + 1).max().orElse(1);
    List<int[]> outputs =
        BeamSearch.decode(
            net,
            vocabulary,
            pairs.stream().map(p -> vocabulary.encode(p.source())).toList(),
            maxSteps,
            beamWidth);
    Map<Integer, List<Integer>> indicesByLength = new TreeMap<>();
    for (int i = 0; i < pairs.size(); i++) {
      indicesByLength
          .computeIfAbsent(pairs.get(i).source().length(), l -> new ArrayList<>())
          .add(i);
    }
    Map<Integer, Accuracy> accuracy = new TreeMap<>();
    indicesByLength.forEach(
        (length, indices) -> {
          int exact = 0;
          long rightTokens = 0;
          long tokens = 0;
          for (int i : indices) {
            int[] target = Vocabulary.withEnd(vocabulary.encode(pairs.get(i).target()));
            int[] output = outputs.get(i);
            exact += Arrays.equals(target, output) ? 1 : 0;
            for (int t = 0; t < target.length; t++) {
              rightTokens += t < output.length && output[t] == target[t] ? 1 : 0;
            }
            tokens += target.length;
          }
          accuracy.put(
              length, new Accuracy((double) exact / indices.size(), (double) rightTokens / tokens));
        });
    return accuracy;
  }
}
