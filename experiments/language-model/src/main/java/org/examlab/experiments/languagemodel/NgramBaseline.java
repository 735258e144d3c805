package org.examlab.experiments.languagemodel;

/**
 * Count-based baselines fitted on the training sequences, scored on held-out ones as the mean NLL
 * per predicted step (steps 2..T, like the recurrent model): the unigram p(x_t) and the bigram
 * p(x_t | x_{t-1}), both with add-one (Laplace) smoothing.
 */
final class NgramBaseline {
  private NgramBaseline() {}

  static double unigramNll(int[][] train, int[][] test, int vocabulary) {
    double[] counts = new double[vocabulary];
    java.util.Arrays.fill(counts, 1.0);
    double total = vocabulary;
    for (int[] s : train) {
      for (int t = 1; t < s.length; t++) {
        counts[s[t]]++;
        total++;
      }
    }
    double nll = 0;
    long steps = 0;
    for (int[] s : test) {
      for (int t = 1; t < s.length; t++) {
        nll -= Math.log(counts[s[t]] / total);
        steps++;
      }
    }
    return nll / steps;
  }

  static double bigramNll(int[][] train, int[][] test, int vocabulary) {
    double[][] counts = new double[vocabulary][vocabulary];
    for (double[] row : counts) {
      java.util.Arrays.fill(row, 1.0);
    }
    double[] rowTotals = new double[vocabulary];
    java.util.Arrays.fill(rowTotals, vocabulary);
    for (int[] s : train) {
      for (int t = 1; t < s.length; t++) {
        counts[s[t - 1]][s[t]]++;
        rowTotals[s[t - 1]]++;
      }
    }
    double nll = 0;
    long steps = 0;
    for (int[] s : test) {
      for (int t = 1; t < s.length; t++) {
        nll -= Math.log(counts[s[t - 1]][s[t]] / rowTotals[s[t - 1]]);
        steps++;
      }
    }
    return nll / steps;
  }
}
