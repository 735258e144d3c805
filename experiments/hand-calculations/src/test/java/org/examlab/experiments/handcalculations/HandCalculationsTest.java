package org.examlab.experiments.handcalculations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.examlab.experiments.handcalculations.HandCalculationsSettings.ReluRnn;
import org.examlab.experiments.handcalculations.HandCalculationsSettings.RnnCell;
import org.examlab.harness.backend.BackendSetup;
import org.examlab.harness.settings.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HandCalculationsTest {
  @BeforeAll
  static void startBackendLikeARun() throws Exception {
    BackendSetup.start(Backend.CPU);
  }

  /**
   * h_t of the scalar ReLU-RNN in plain Java, to check SameDiff's forward pass and, by central
   * differences, its gradients.
   */
  private static double last(double v, double w, double h0, double... x) {
    double h = h0;
    for (double xt : x) {
      h = Math.max(0, v * h + w * xt);
    }
    return h;
  }

  @Test
  void reluRnnForwardValuesAndAutodiffDerivativesMatchIndependentArithmetic() {
    HandCalculations.ReluRnnResult first =
        HandCalculations.reluRnn(new ReluRnn(-3, 3, 0, List.of(2.0, 3.0, 1.0)));
    assertArrayEquals(new double[] {6, 0, 3}, first.hidden(), 1e-12);

    HandCalculations.ReluRnnResult second =
        HandCalculations.reluRnn(new ReluRnn(-2, 1, 2, List.of(2.0, 1.5, 4.0)));
    assertEquals(last(-2, 1, 2, 2, 1.5, 4), second.hidden()[2], 1e-12);
    double e = 1e-6;
    assertEquals(
        (last(-2 + e, 1, 2, 2, 1.5, 4) - last(-2 - e, 1, 2, 2, 1.5, 4)) / (2 * e),
        second.dLastDv(),
        1e-6);
    assertEquals(
        (last(-2, 1 + e, 2, 2, 1.5, 4) - last(-2, 1 - e, 2, 2, 1.5, 4)) / (2 * e),
        second.dLastDw(),
        1e-6);
    assertEquals(
        (last(-2, 1, 2, 2 + e, 1.5, 4) - last(-2, 1, 2, 2 - e, 1.5, 4)) / (2 * e),
        second.dLastDx1(),
        1e-6);
  }

  @Test
  void reluDerivativeAtZeroIsZeroAsTheExamAsks() {
    // v*h0 + w*x1 = 1 - 1 = 0 exactly: dh1/dv = ReLU'(0) * h0 is 0 under the exam's convention, 1
    // otherwise.
    HandCalculations.ReluRnnResult r =
        HandCalculations.reluRnn(new ReluRnn(1, 1, 1, List.of(-1.0)));
    assertEquals(0.0, r.hidden()[0], 0.0);
    assertEquals(0.0, r.dLastDv(), 0.0);
  }

  @Test
  void rnnParametersComeFromDl4jsOwnLayer() {
    // input weights + recurrent weights + bias
    assertEquals(3 * 5 + 5 * 5 + 5, HandCalculations.rnnCellParameters(new RnnCell(3, 5)));
  }

  @Test
  void forwardSumIsTheDotProduct() {
    assertEquals(
        -0.03,
        HandCalculations.forwardSum(List.of(2.0, -4.0, 1.0), List.of(0.05, 0.025, -0.03)),
        1e-12);
  }
}
