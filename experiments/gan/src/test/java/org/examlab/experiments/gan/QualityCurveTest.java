package org.examlab.experiments.gan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.examlab.datasets.points.RingOfGaussians;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class QualityCurveTest {
  private final RingOfGaussians ring = new RingOfGaussians(8, 2.0, 0.1);

  /** {@code share} of 100 samples on a mode, the rest far from every mode (at the centre). */
  private INDArray samples(double share) {
    INDArray s = Nd4j.zeros(DataType.FLOAT, 100, 2);
    for (int i = 0; i < Math.round(100 * share); i++) {
      double angle = 2 * Math.PI * (i % 8) / 8;
      s.putScalar(i, 0, 2.0 * Math.cos(angle));
      s.putScalar(i, 1, 2.0 * Math.sin(angle));
    }
    return s;
  }

  @Test
  void aCurveThatStoppedImprovingConverged() {
    QualityCurve curve = QualityCurve.ring(ring, ring.sample(200, 9L), 0.5);
    double[] shares = {0.2, 0.5, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8};
    for (int i = 0; i < shares.length; i++) {
      curve.add((i + 1) * 10, samples(shares[i]));
    }
    QualityCurve.Judgement judgement = curve.judge(90);
    assertTrue(judgement.converged(), judgement.reason());
  }

  @Test
  void aCurveStillRisingInTheLastThirdDidNot() {
    QualityCurve curve = QualityCurve.ring(ring, ring.sample(200, 9L), 0.5);
    for (int i = 0; i < 9; i++) {
      curve.add((i + 1) * 10, samples(0.1 * (i + 1)));
    }
    QualityCurve.Judgement judgement = curve.judge(90);
    assertFalse(judgement.converged());
    assertTrue(judgement.reason().startsWith("not converged: still improving"), judgement.reason());
  }

  @Test
  void aCurveStillRisingAfterAnEarlySpikeDidNot() {
    // The best point comes early (a lucky probe); the curve then climbs through the last third.
    // A best-before-vs-best-after rule would call this a plateau; the means show the climb.
    QualityCurve curve = QualityCurve.ring(ring, ring.sample(200, 9L), 0.5);
    double[] shares = {0.2, 0.9, 0.3, 0.35, 0.4, 0.45, 0.6, 0.7, 0.8};
    for (int i = 0; i < shares.length; i++) {
      curve.add((i + 1) * 10, samples(shares[i]));
    }
    QualityCurve.Judgement judgement = curve.judge(90);
    assertFalse(judgement.converged(), judgement.reason());
    assertTrue(judgement.reason().contains("high_quality_share"), judgement.reason());
  }

  @Test
  void aCurveGainingModesDidNotEvenAtAFlatShare() {
    // Every sample on a mode (share 1), but the modes reached grow from 1 to 8: not a plateau.
    QualityCurve curve = QualityCurve.ring(ring, ring.sample(200, 9L), 0.5);
    for (int i = 0; i < 9; i++) {
      int modes = Math.min(8, i + 1);
      INDArray s = Nd4j.zeros(DataType.FLOAT, 80, 2);
      for (int j = 0; j < 80; j++) {
        double angle = 2 * Math.PI * (j % modes) / 8;
        s.putScalar(j, 0, 2.0 * Math.cos(angle));
        s.putScalar(j, 1, 2.0 * Math.sin(angle));
      }
      curve.add((i + 1) * 10, s);
    }
    QualityCurve.Judgement judgement = curve.judge(90);
    assertFalse(judgement.converged(), judgement.reason());
    assertTrue(judgement.reason().contains("modes_covered"), judgement.reason());
  }

  @Test
  void tooFewPointsAreNotConverged() {
    QualityCurve curve = QualityCurve.ring(ring, ring.sample(200, 9L), 0.5);
    for (int i = 0; i < 3; i++) {
      curve.add((i + 1) * 30, samples(0.8));
    }
    assertFalse(curve.judge(90).converged());
  }
}
