package org.examlab.experiments.handcalculations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.examlab.harness.backend.BackendSetup;
import org.examlab.harness.settings.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The all-zero MLP and batch normalization, each against plain Java arithmetic or a hand-derived
 * value.
 */
class NormalizationAndInitTest {
  private static final HandCalculationsSettings.ZeroInitNet ZERO =
      new HandCalculationsSettings.ZeroInitNet(2, 6, 1, 24, 200, 0.1);
  private static final HandCalculationsSettings.BatchNorm BN =
      new HandCalculationsSettings.BatchNorm(
          List.of(1.0, -2.0, 5.0), List.of(0.5, 2.0, 3.0), 64, 8, 300, 1e-5, 0.9);

  @BeforeAll
  static void startBackendLikeARun() throws Exception {
    BackendSetup.start(Backend.CPU);
  }

  @Test
  void allZeroTanhNetLearnsOnlyItsOutputBias() {
    // by hand: h = tanh(0) = 0, so only the output bias b moves; DL4J's MSE over one output
    // averaged
    // over the batch has db = 2 (b - mean(y)), so b_K = mean(y) (1 - (1 - 2 lr)^K) for every input
    DataSet data = ZeroInit.data(ZERO, 4);
    double meanY = 0;
    for (int i = 0; i < ZERO.examples(); i++) {
      meanY += data.getLabels().getDouble(i, 0) / ZERO.examples();
    }
    double expected = meanY * (1 - Math.pow(1 - 2 * ZERO.learningRate(), ZERO.steps()));
    INDArray out =
        ZeroInit.trained(
                ZERO,
                org.nd4j.linalg.activations.Activation.TANH,
                org.deeplearning4j.nn.weights.WeightInit.ZERO,
                data,
                4)
            .output(data.getFeatures(), false);
    for (int i = 0; i < ZERO.examples(); i++) {
      assertEquals(expected, out.getDouble(i, 0), 1e-9);
    }
  }

  @Test
  void zeroInitLeavesTanhAndReluConstantAndSigmoidUnitsAlike() {
    ZeroInit z = ZeroInit.measure(ZERO, 4);
    assertEquals(0.0, z.tanhOutputSpread(), 0.0);
    // a constant output b explains 1 - (Var + (b - mean)^2) / Var <= 0; b is within (1 - 2 lr)^200
    // ~ 4e-20 of the mean
    assertEquals(0.0, z.tanhExplained(), 1e-12);
    assertEquals(0.0, z.reluExplained(), 1e-12);
    assertTrue(z.sigmoidExplained() > 1e-3, "sigmoid(0) = 1/2 lets the output weights move: " + z);
    assertTrue(
        z.sigmoidUnitSpread() < 1e-12,
        "every sigmoid unit of a layer gets the same gradient: " + z);
    assertTrue(z.randomExplained() > 0.3, z.toString());
  }

  @Test
  void batchNormIsTheHandFormulaInBothModes() {
    BatchNormChecks b = BatchNormChecks.measure(BN, 5);
    assertTrue(b.trainFormulaError() < 1e-9, b.toString());
    assertTrue(b.identityError() < 1e-9, b.toString());
    assertTrue(b.plainIdentityError() > 0.1, b.toString());
    // running averages from 0 and 1 with decay 0.9: off by 0.9^300 (~2e-14) of the start
    assertTrue(b.runningMeanError() < 1e-9, b.toString());
    assertTrue(b.runningVarError() < 1e-9, b.toString());
    assertTrue(b.testFormulaError() < 1e-9, b.toString());
    assertTrue(b.modeDifference() > 0.01, b.toString());
    assertTrue(b.sqrtVarianceError() < 1e-4 && b.layerVarianceError() < 1e-4, b.toString());
  }

  @Test
  void dividingByTheVarianceLeavesVarianceOneOverVar() {
    // plain Java: Var((x - mu) / v) = v / v^2 = 1 / v per feature, v the biased sample variance
    INDArray x = BatchNormChecks.features(BN, 5);
    double expected = 0;
    for (int j = 0; j < 3; j++) {
      double mean = 0;
      for (int i = 0; i < x.rows(); i++) {
        mean += x.getDouble(i, j) / x.rows();
      }
      double var = 0;
      for (int i = 0; i < x.rows(); i++) {
        var += Math.pow(x.getDouble(i, j) - mean, 2) / x.rows();
      }
      expected = Math.max(expected, Math.abs(1 / var - 1));
    }
    assertEquals(expected, BatchNormChecks.measure(BN, 5).notesVarianceError(), 1e-9);
  }
}
