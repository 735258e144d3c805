package org.examlab.experiments.gradientflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.datasets.tabular.BooleanTasks;
import org.examlab.harness.metrics.Classification;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class SmallChecksTest {

  @Test
  void uniformBoundIsDerivedAndKeepsTheVariance() {
    // a = sqrt(3/n): Var(U(-a,a)) = a^2/3 = 1/n, so n * Var(w) = 1.
    assertEquals(Math.sqrt(3.0 / 64), UniformBound.varianceKeepingBound(64), 1e-15);
    double a = UniformBound.varianceKeepingBound(100);
    assertEquals(1.0, 100 * a * a / 3, 1e-12);
    // ... and numerically, through a layer of 64 inputs.
    double ratio = SmallChecks.varianceRatio(64, 20_000, 1L);
    assertEquals(1.0, ratio, 0.05, "Var(xW)/Var(x)");
  }

  @Test
  void sigmoidOfReluNeverGoesBelowOneHalf() {
    double[] stats =
        SmallChecks.sigmoidOfReluStats(Nd4j.createFromArray(-50.0, -1.0, 0.0, 0.3, 7.0));
    assertEquals(0.5, stats[0], 1e-12);
    assertEquals(0.0, stats[1]);
  }

  @Test
  void perceptronSeparatesAndButNeverXor() {
    DataSet and = BooleanTasks.AND.generate(8, 0.05, 3L);
    int[] andErrors =
        Perceptron.errorsPerEpoch(and.getFeatures(), BooleanTasks.signLabels(and), 30, 0.1);
    assertEquals(0, andErrors[andErrors.length - 1], Arrays.toString(andErrors));
    DataSet xor = BooleanTasks.XOR.generate(8, 0.05, 3L);
    int[] xorErrors =
        Perceptron.errorsPerEpoch(xor.getFeatures(), BooleanTasks.signLabels(xor), 30, 0.1);
    assertTrue(Arrays.stream(xorErrors).min().orElseThrow() > 0, Arrays.toString(xorErrors));
  }

  @Test
  void deepLinearNetCannotFitXorButTanhCan() {
    DataSet data = BooleanTasks.XOR.generate(16, 0.05, 1L);
    DataSet truth = BooleanTasks.XOR.generate(1, 0.0, 1L);
    double[] accuracy = new double[2];
    ActivationKind[] kinds = {ActivationKind.IDENTITY, ActivationKind.TANH};
    for (int k = 0; k < 2; k++) {
      var v =
          new GradientFlowSettings.Variant("xor", kinds[k], InitKind.XAVIER, false, false, null);
      ComputationGraph net = DeepMlp.build(v, 4, 8, 2, 2, 1L, new Adam(0.05), 0);
      for (int epoch = 0; epoch < 300; epoch++) {
        net.fit(data);
      }
      accuracy[k] = Classification.accuracy(net, truth);
    }
    assertTrue(
        accuracy[0] <= 0.75, "a linear map gets at most 3 of XOR's 4 corners, got " + accuracy[0]);
    assertEquals(1.0, accuracy[1], "tanh net on XOR");
  }
}
