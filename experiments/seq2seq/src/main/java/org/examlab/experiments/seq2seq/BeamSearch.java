package org.examlab.experiments.seq2seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.datasets.sequences.SequencePairs;
import org.examlab.datasets.sequences.Vocabulary;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Autoregressive decoding: the decoder starts from the start token and reads its own previous
 * outputs. Each step re-runs the whole graph on the source and the output prefix so far, and reads
 * the prediction at the last step. That costs O(T^2) for T output steps but needs no recurrent
 * state juggling, and attention sees exactly what it saw in training.
 *
 * <p>Width 1 is greedy decoding (the most probable token every step); wider keeps the {@code width}
 * most probable prefixes by summed log-probability (no length normalization: all hypotheses that
 * end compete with those still running).
 */
final class BeamSearch {
  /**
   * Sources decoded together. Every source is decoded on its own (its rows of the batch depend only
   * on it; padding is masked), so the chunk size changes memory and speed, not what is decoded. A
   * graph's activations grow with rows x decoder steps x encoder steps (Bahdanau's decoder keeps
   * its attention over every encoder step for every decoder step): seq2seq-full's 6,000 test
   * sources x 3 beams in one call needed more than 18 GB; 512 sources x 3 beams need about 1.5.
   */
  static final int SOURCES_PER_CALL = 512;

  private BeamSearch() {}

  /**
   * One hypothesis: its tokens (start token first), summed log-probability, and whether it emitted
   * the end token.
   */
  private record Beam(int example, int[] tokens, double logProb, boolean ended) {
    Beam extend(int token, double logP) {
      int[] t = Arrays.copyOf(tokens, tokens.length + 1);
      t[tokens.length] = token;
      return new Beam(example, t, logProb + logP, token == Vocabulary.END);
    }
  }

  /**
   * Decodes every source (lengths may differ: shorter ones are padded and masked); returns each
   * one's output tokens without the start token, ending with the end token unless {@code maxSteps}
   * ran out first.
   */
  static List<int[]> decode(
      ComputationGraph net, Vocabulary vocabulary, List<int[]> sources, int maxSteps, int width) {
    return decode(net, vocabulary, sources, maxSteps, width, SOURCES_PER_CALL);
  }

  /**
   * As {@link #decode(ComputationGraph, Vocabulary, List, int, int)}, {@code sourcesPerCall}
   * sources at a time.
   */
  static List<int[]> decode(
      ComputationGraph net,
      Vocabulary vocabulary,
      List<int[]> sources,
      int maxSteps,
      int width,
      int sourcesPerCall) {
    List<int[]> outputs = new ArrayList<>(sources.size());
    for (int from = 0; from < sources.size(); from += sourcesPerCall) {
      outputs.addAll(
          decodeTogether(
              net,
              vocabulary,
              sources.subList(from, Math.min(sources.size(), from + sourcesPerCall)),
              maxSteps,
              width));
    }
    return outputs;
  }

  private static List<int[]> decodeTogether(
      ComputationGraph net, Vocabulary vocabulary, List<int[]> sources, int maxSteps, int width) {
    List<List<Beam>> beams = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      beams.add(List.of(new Beam(i, new int[] {Vocabulary.START}, 0, false)));
    }
    for (int step = 0; step < maxSteps; step++) {
      List<Beam> running = beams.stream().flatMap(List::stream).filter(b -> !b.ended()).toList();
      if (running.isEmpty()) {
        break;
      }
      INDArray logP = lastStepLogProbabilities(net, vocabulary, sources, running);
      Map<Beam, Integer> rowOf = new IdentityHashMap<>();
      for (int r = 0; r < running.size(); r++) {
        rowOf.put(running.get(r), r);
      }
      List<List<Beam>> next = new ArrayList<>();
      for (List<Beam> exampleBeams : beams) {
        List<Beam> candidates = new ArrayList<>();
        for (Beam b : exampleBeams) {
          if (b.ended()) {
            candidates.add(b);
            continue;
          }
          int row = rowOf.get(b);
          for (int token = 0; token < vocabulary.size(); token++) {
            if (token != Vocabulary.START) {
              candidates.add(b.extend(token, logP.getDouble(row, token)));
            }
          }
        }
        candidates.sort(
            Comparator.comparingDouble(Beam::logProb).reversed()); // stable: ties keep token order
        next.add(List.copyOf(candidates.subList(0, Math.min(width, candidates.size()))));
      }
      beams = next;
    }
    return beams.stream()
        .map(b -> Arrays.copyOfRange(b.get(0).tokens(), 1, b.get(0).tokens().length))
        .toList();
  }

  private static INDArray lastStepLogProbabilities(
      ComputationGraph net, Vocabulary vocabulary, List<int[]> sources, List<Beam> running) {
    SequencePairs.Padded source =
        SequencePairs.padded(
            vocabulary, running.stream().map(b -> sources.get(b.example())).toList());
    INDArray prefix = SequencePairs.oneHot(vocabulary, running.stream().map(Beam::tokens).toList());
    INDArray probabilities =
        Seq2seqNetworks.output(net, source, prefix); // [rows, vocabulary, steps]
    long last = probabilities.size(2) - 1;
    return org.nd4j.linalg.ops.transforms.Transforms.log(
        probabilities.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(last)).dup(),
        false);
  }
}
