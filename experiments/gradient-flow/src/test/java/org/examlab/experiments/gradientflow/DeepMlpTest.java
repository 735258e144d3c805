package org.examlab.experiments.gradientflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.datasets.tabular.TeacherTask;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

class DeepMlpTest {
  private static ComputationGraph build(
      ActivationKind a, InitKind init, boolean bn, boolean residual, int depth) {
    var v = new GradientFlowSettings.Variant("v", a, init, bn, residual, null);
    return DeepMlp.build(v, depth, 16, 8, 2, 1L, new Sgd(0.1), 0);
  }

  @Test
  void residualAndBatchNormVariantsHaveTheirVertices() {
    ComputationGraph residual = build(ActivationKind.RELU, InitKind.HE, false, true, 5);
    assertNotNull(residual.getVertex("res_1"));
    assertNotNull(residual.getVertex("res_4"));
    assertEquals(null, residual.getVertex("res_0"), "the first layer changes width: no skip");
    ComputationGraph bn = build(ActivationKind.SIGMOID, InitKind.XAVIER, true, false, 5);
    assertNotNull(bn.getLayer("bn_3"));
  }

  @Test
  void errorSignalMeasuresVanishingInADeepSigmoidNetAndNotWithSkips() {
    DataSet probe = new TeacherTask(8, 8, 1L).generate(64, 2L);
    var plain =
        new GradientFlowSettings.Variant(
            "p", ActivationKind.SIGMOID, InitKind.XAVIER, false, false, null);
    var skip =
        new GradientFlowSettings.Variant(
            "s", ActivationKind.SIGMOID, InitKind.XAVIER, false, true, null);
    InitialFlow p =
        InitialFlow.measure(
            DeepMlp.build(plain, 12, 16, 8, 2, 1L, new Sgd(0.1), 0), plain, 12, probe);
    InitialFlow s =
        InitialFlow.measure(
            DeepMlp.build(skip, 12, 16, 8, 2, 1L, new Sgd(0.1), 0), skip, 12, probe);
    assertEquals(12, p.errorSignal().length);
    double plainRatio = InitialFlow.firstOverLastLog10(p.errorSignal());
    double skipRatio = InitialFlow.firstOverLastLog10(s.errorSignal());
    assertTrue(plainRatio < -3, "sigmoid's derivative is at most 1/4 per layer: " + plainRatio);
    assertTrue(
        Math.abs(skipRatio) < Math.abs(plainRatio) - 2, "skips keep the signal: " + skipRatio);
  }
}
