package org.examlab.experiments.languagemodel;

import java.util.SplittableRandom;

/**
 * A known sequence generator with structure beyond the previous symbol: symbols 0..V-1; the first
 * {@code lag} are uniform; after that, x_t repeats x_{t-lag} with probability q and is otherwise
 * drawn uniformly (so it may repeat by chance too). A bigram model cannot see the dependence; a
 * recurrent model that remembers {@code lag} steps can. Its entropy rate is known exactly.
 */
record LagCopySequences(int vocabulary, int length, int lag, double copyProbability) {

  int[][] generate(int sequences, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[][] x = new int[sequences][length];
    for (int[] s : x) {
      for (int t = 0; t < length; t++) {
        s[t] =
            t >= lag && random.nextDouble() < copyProbability
                ? s[t - lag]
                : random.nextInt(vocabulary);
      }
    }
    return x;
  }

  /**
   * H(x_t | x_<t) for t >= lag, in nats: the repeated symbol has probability q + (1 - q)/V, each
   * other (1 - q)/V.
   */
  double conditionalEntropy() {
    double same = copyProbability + (1 - copyProbability) / vocabulary;
    double other = (1 - copyProbability) / vocabulary;
    return -(same * Math.log(same) + (vocabulary - 1) * (other > 0 ? other * Math.log(other) : 0));
  }

  /**
   * The best mean NLL per predicted step (steps 2..T, as the model predicts them): log V until step
   * lag, then the entropy rate.
   */
  double optimalNll() {
    int predicted = length - 1;
    int uniformSteps = Math.min(lag, length) - 1; // x_2..x_lag are uniform, x_1 is never predicted
    return (uniformSteps * Math.log(vocabulary) + (predicted - uniformSteps) * conditionalEntropy())
        / predicted;
  }
}
