package org.examlab.experiments.languagemodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LagCopySequencesTest {
  private final LagCopySequences generator = new LagCopySequences(6, 30, 4, 0.8);

  @Test
  void theEntropyRateIsTheEmpiricalConditionalEntropyOfTheGenerator() {
    int[][] s = generator.generate(20_000, 7L);
    // Plain counting: how often x_t repeats x_{t-lag}; the generator's p(repeat) is q + (1 - q)/V.
    long repeats = 0;
    long steps = 0;
    for (int[] seq : s) {
      for (int t = 4; t < seq.length; t++) {
        repeats += seq[t] == seq[t - 4] ? 1 : 0;
        steps++;
      }
    }
    double same = (double) repeats / steps;
    double other = (1 - same) / 5;
    double empirical = -(same * Math.log(same) + 5 * other * Math.log(other));
    assertEquals(empirical, generator.conditionalEntropy(), 0.01);
    assertEquals(0.8 + 0.2 / 6, same, 0.005);
  }

  @Test
  void theBigramCannotSeeALagOfFourButTheOptimumDoes() {
    int[][] train = generator.generate(2000, 1L);
    int[][] test = generator.generate(500, 2L);
    double bigram = NgramBaseline.bigramNll(train, test, 6);
    double unigram = NgramBaseline.unigramNll(train, test, 6);
    assertEquals(Math.log(6), unigram, 0.02); // every symbol equally frequent
    assertTrue(Math.abs(bigram - unigram) < 0.05, "bigram " + bigram + " vs unigram " + unigram);
    assertTrue(
        generator.optimalNll() < bigram - 0.5,
        "optimum " + generator.optimalNll() + " vs bigram " + bigram);
  }
}
