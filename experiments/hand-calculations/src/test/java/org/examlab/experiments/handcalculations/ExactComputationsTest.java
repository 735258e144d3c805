package org.examlab.experiments.handcalculations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.examlab.harness.backend.BackendSetup;
import org.examlab.harness.settings.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each computation against an independent one: plain Java arithmetic, a hand-derived value, or a
 * case where the answer flips.
 */
class ExactComputationsTest {
  private static final List<Double> POINTS =
      List.of(-3.0, -2.0, -1.0, -0.5, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0);

  @BeforeAll
  static void startBackendLikeARun() throws Exception {
    BackendSetup.start(Backend.CPU);
  }

  /** The best accuracy of sign(w x) over w < 0, w = 0, w > 0, in plain Java. */
  private static double bestWithoutBias(List<Double> points, double threshold) {
    double best = 0;
    for (int sign = -1; sign <= 1; sign++) {
      int right = 0;
      for (double x : points) {
        right += (sign * x > 0) == (x > threshold) ? 1 : 0;
      }
      best = Math.max(best, right / (double) points.size());
    }
    return best;
  }

  @Test
  void withoutABiasTheBestThresholdIsTheOrigin() {
    BiasThreshold b =
        BiasThreshold.measure(new HandCalculationsSettings.BiasThreshold(2, POINTS, 10, 20, 401));
    assertEquals(bestWithoutBias(POINTS, 2), b.accuracyWithoutBias(), 1e-12);
    assertEquals(8 / 12.0, b.accuracyWithoutBias(), 1e-12);
    assertEquals(1.0, b.accuracyWithBias(), 1e-12);
    assertTrue(
        b.thresholdWithBias() > 2 && b.thresholdWithBias() < 2.5,
        "the fitted boundary lies between 2 and 2.5: " + b);
  }

  @Test
  void aThresholdAtTheOriginNeedsNoBias() {
    // the measurement can come out the other way: labelled x > 0, sigma(w x) fits every point
    BiasThreshold b =
        BiasThreshold.measure(new HandCalculationsSettings.BiasThreshold(0, POINTS, 10, 20, 401));
    assertEquals(1.0, b.accuracyWithoutBias(), 1e-12);
  }

  @Test
  void sigmoidLayerReadsAsTheTextbookSays() {
    SigmoidLayer s =
        SigmoidLayer.measure(new HandCalculationsSettings.ActivationGrid(20, 40001, 100), 1);
    assertEquals(0, s.params());
    assertEquals(4, s.preluParams(), "one slope per unit");
    // sigmoid reaches (sigma(-20), sigma(20)) = (2e-9, 1 - 2e-9): the targets 0.00 .. 0.99 of the
    // 199
    int reachable = 0;
    for (int j = 0; j < 199; j++) {
      double t = -0.99 + 0.01 * j;
      reachable +=
          t > 1 / (1 + Math.exp(20)) - SigmoidLayer.HIT_TOLERANCE && t < 1 / (1 + Math.exp(-20))
              ? 1
              : 0;
    }
    assertEquals(100, reachable);
    assertEquals(reachable / 199.0, s.hitFraction(), 1e-12);
    assertEquals(1.0, s.tanhHitFraction(), 1e-12);
    // ReLU's quotients at 0: (h - 0)/h = 1 on the right, 0 on the left
    assertEquals(1.0, s.reluKink(), 1e-9);
    // sigmoid's gap is about step * max|sigma''| = 1e-4 * 0.0962
    assertTrue(s.kink() < 1.1e-5 && s.kink() > 0, s.toString());
    assertTrue(s.derivativeError() < 1e-9, s.toString());
    assertTrue(s.formulaError() < 1e-12, s.toString());
    assertTrue(s.backpropError() < 1e-6 && s.backpropGradientNorm() > 1e-3, s.toString());
  }

  @Test
  void logisticRegressionOutputsAContinuumAndItsLikelihoodIsTheCrossEntropy() {
    LogisticRegression l =
        LogisticRegression.measure(new HandCalculationsSettings.Logistic(3, 64), 2);
    // the walk's pre-activation is t itself, on a grid of step 8e-4 through 0, where sigma is
    // steepest
    double step = 8.0 / (LogisticRegression.SEGMENT_POINTS - 1);
    assertEquals(1 / (1 + Math.exp(-step)) - 0.5, l.outputMaxStep(), 1e-9);
    assertEquals(1 / (1 + Math.exp(-4)) - 1 / (1 + Math.exp(4)), l.outputSpan(), 1e-9);
    assertEquals(1.0, l.classMaxStep(), 0.0);
    assertTrue(l.nllXentError() < 1e-12, l.toString());
    assertTrue(l.nllMseError() > 0.01, l.toString());
  }

  @Test
  void zeroInputAndBiasStillMoveTheState() {
    ZeroInputStep z =
        ZeroInputStep.measure(
            new HandCalculationsSettings.RnnCell(3, 5),
            new HandCalculationsSettings.ZeroInput(16),
            1);
    assertTrue(z.maxChange() > 0.01, z.toString());
    assertTrue(z.formulaError() < 1e-12, z.toString());
    assertEquals(0.0, z.fixedPointChange(), 0.0);
  }

  @Test
  void accuracyOnlyMovesWhenAStepCrossesTheBoundary() {
    HandCalculationsSettings.AccuracyLoss settings =
        new HandCalculationsSettings.AccuracyLoss(200, 8, 2, 1e-6);
    AccuracyGradient small = AccuracyGradient.measure(settings, 3);
    assertEquals(0.0, small.accuracyNonZero(), 0.0);
    assertEquals(1.0, small.crossEntropyNonZero(), 0.0);
    assertTrue(small.accuracyAtDraws() > 0.05 && small.accuracyAtDraws() < 0.95, small.toString());
    // a step of 2 moves examples across the boundary along most weights: the count can see a change
    AccuracyGradient large =
        AccuracyGradient.measure(new HandCalculationsSettings.AccuracyLoss(200, 8, 2, 2.0), 3);
    assertTrue(large.accuracyNonZero() > 0.1, large.toString());
  }

  @Test
  void blobsAlternateTheirClasses() {
    DataSet data = AccuracyGradient.blobs(10, 4);
    INDArray classes = data.getLabels().argMax(1);
    for (int i = 0; i < 10; i++) {
      assertEquals(i % 2, classes.getInt(i), "blobs alternate their classes");
    }
    assertEquals(10, data.getFeatures().rows());
  }

  @Test
  void perceptronGradientStepIsTheHebbianRule() {
    PerceptronStep p =
        PerceptronStep.measure(new HandCalculationsSettings.Perceptron(4, 16, 0.1), 5);
    assertTrue(p.singleStepError() < 1e-12, p.toString());
    assertTrue(p.batchStepError() < 1e-12, p.toString());
    assertTrue(p.stepSize() > 1e-6, p.toString());
    assertTrue(p.misclassified() >= 1 && p.misclassified() <= 15, p.toString());
  }

  @Test
  void sharedWeightGradientIsTheSumOfTheReplicas() {
    SharedWeightGradient g =
        SharedWeightGradient.measure(new HandCalculationsSettings.Bptt(2, 3, 5), 6);
    assertTrue(g.sumError() < 1e-12, g.toString());
    assertTrue(g.finiteDifferenceError() < 1e-7, g.toString());
    // dL/dV - (1/T) sum = (1 - 1/T) dL/dV, so the average is off by exactly 1 - 1/5 of the gradient
    assertEquals(1 - 1 / 5.0, g.averageError(), 1e-9);
    assertTrue(g.lastStepError() > 0.01, g.toString());
  }

  @Test
  void plainLossIsTheRecurrenceItself() {
    INDArray v = Nd4j.zeros(DataType.DOUBLE, 2, 2);
    INDArray w = Nd4j.eye(2).castTo(DataType.DOUBLE);
    INDArray x = Nd4j.createFromArray(new double[][] {{0.5, -1}});
    INDArray r = Nd4j.createFromArray(new double[][] {{1, 1}});
    double expected = Math.tanh(0.5) + Math.tanh(-1);
    assertEquals(
        expected,
        SharedWeightGradient.loss(v, w, List.of(x), Nd4j.zeros(DataType.DOUBLE, 1, 2), r),
        1e-12);
  }

  @Test
  void examGatesTakeTheRolesOfDl4jsGates() {
    LstmGates g = LstmGates.measure(new HandCalculationsSettings.LstmCell(3, 4, 5), 7);
    assertEquals(1.0, g.referenceDistinct(), 0.0);
    // read off the exam's equations by hand: c_t = g2 o c_{t-1} + g3 o c~_t, h_t = g1 o c_t
    assertEquals(2.0, g.forget(), 0.0);
    assertEquals(3.0, g.update(), 0.0);
    assertEquals(1.0, g.output(), 0.0);
    assertTrue(g.memoryKept() < 1e-12, g.toString());
    assertTrue(g.hiddenMoves() > 0.01, g.toString());
  }
}
