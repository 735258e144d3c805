package org.examlab.experiments.handcalculations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.examlab.harness.backend.BackendSetup;
import org.examlab.harness.settings.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** DL4J's attention vertex against plain-Java attention and a hand-computed case (001-8). */
class AttentionChecksTest {
  @BeforeAll
  static void startBackendLikeARun() throws Exception {
    BackendSetup.start(Backend.CPU);
  }

  @Test
  void vertexIsScaledDotProductAttention() {
    AttentionChecks a =
        AttentionChecks.measure(new HandCalculationsSettings.AttentionSizes(4, 3, 7), 2);
    assertTrue(a.formulaError() < 1e-12, a.toString());
    assertTrue(a.unscaledDifference() > 1e-3, a.toString());
    assertTrue(a.batchedError() < 1e-12, a.toString());
    assertEquals(0.0, a.opsGrowth(), 0.0);
    // the unrolled RNN adds mmul, constant-mmul, add and tanh per step: 4 ops a step
    assertEquals(4.0 * (7 - 3), a.rnnOpsGrowth(), 0.0);
  }

  @Test
  void twoKeysByHand() {
    // one query q = (1, 0), keys (2, 0) and (0, 0), d_k = 2: weights e^{2/sqrt 2}, e^0; values 1
    // and 0
    INDArray q = Nd4j.createFromArray(new double[] {1, 0}).reshape(1, 2, 1);
    INDArray k = Nd4j.createFromArray(new double[][] {{2, 0}, {0, 0}}).reshape(1, 2, 2);
    INDArray v = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 0}}).reshape(1, 2, 2);
    double e = Math.exp(2 / Math.sqrt(2));
    assertEquals(e / (e + 1), AttentionChecks.vertex(2, q, k, v).getDouble(0, 0, 0), 1e-12);
    assertEquals(
        e / (e + 1), AttentionChecks.formula(q, k, v, Math.sqrt(2)).getDouble(0, 0, 0), 1e-12);
    assertEquals(0.0, AttentionChecks.vertex(2, q, k, v).getDouble(0, 1, 0), 1e-12);
  }
}
