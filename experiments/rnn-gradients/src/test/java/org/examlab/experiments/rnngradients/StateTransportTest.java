package org.examlab.experiments.rnngradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.datasets.sequences.FirstSymbolRecall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

class StateTransportTest {
  private static final FirstSymbolRecall TASK = new FirstSymbolRecall(3, 2);

  /**
   * Random-ish biases and a strong recurrence, so every gate block matters and a wrong gate order
   * shows.
   */
  private static MultiLayerNetwork network(RecurrentCell cell, double recurrentStd) {
    MultiLayerNetwork net =
        RecurrentClassifier.build(
                cell,
                TASK.inputChannels(),
                new RnnGradientsSettings.Model(5, 2.0),
                3,
                7L,
                new Sgd(0.1),
                recurrentStd,
                0)
            .convertDataType(DataType.DOUBLE);
    INDArray b = net.getParam("0_b");
    for (long k = 0; k < b.length(); k++) {
      b.putScalar(k, b.getDouble(k) + 0.3 * Math.sin(k + 1.0));
    }
    return net;
  }

  /**
   * The re-run recurrence must give exactly DL4J's last hidden state: the parameter layout and gate
   * order are right.
   */
  @ParameterizedTest
  @EnumSource(RecurrentCell.class)
  void forwardPassReproducesDl4j(RecurrentCell cell) {
    MultiLayerNetwork net = network(cell, 0.8);
    INDArray x = TASK.generate(4, 6, 3L).getFeatures().castTo(DataType.DOUBLE);
    INDArray dl4j = net.feedForward(x, false).get(1); // LastTimeStep output: [examples, H]
    StateTransport.Recurrence recurrence = StateTransport.Recurrence.of(cell, net);
    for (int e = 0; e < 4; e++) {
      double[] ours = recurrence.lastHidden(StateTransport.sequence(x, e));
      for (int k = 0; k < ours.length; k++) {
        assertEquals(dl4j.getDouble(e, k), ours[k], 1e-9, "example " + e + " unit " + k);
      }
    }
  }

  /** The Jacobian product must match central finite differences of the re-run recurrence. */
  @ParameterizedTest
  @EnumSource(RecurrentCell.class)
  void jacobianMatchesFiniteDifferences(RecurrentCell cell) {
    MultiLayerNetwork net = network(cell, 0.8);
    double[][] x = StateTransport.sequence(TASK.generate(1, 7, 5L).getFeatures(), 0);
    StateTransport.Recurrence recurrence = StateTransport.Recurrence.of(cell, net);
    int t = 2;
    double[][] analytic = recurrence.jacobian(x, t);
    double[] state = recurrence.stateBefore(x, t + 1);
    double h = 1e-6;
    double worst = 0;
    for (int j = 0; j < state.length; j++) {
      double[] plus = state.clone();
      double[] minus = state.clone();
      plus[j] += h;
      minus[j] -= h;
      double[] up = recurrence.finalState(x, t + 1, plus);
      double[] down = recurrence.finalState(x, t + 1, minus);
      for (int i = 0; i < up.length; i++) {
        double numeric = (up[i] - down[i]) / (2 * h);
        worst = Math.max(worst, Math.abs(numeric - analytic[i][j]));
      }
    }
    assertTrue(worst < 1e-7, "largest absolute error " + worst);
  }

  /**
   * The profile at lag k is the norm of the tested Jacobian k steps back; lag 0 is the identity.
   */
  @ParameterizedTest
  @EnumSource(RecurrentCell.class)
  void profileIsTheJacobianNormByLag(RecurrentCell cell) {
    MultiLayerNetwork net = network(cell, 0.8);
    INDArray features = TASK.generate(1, 7, 5L).getFeatures();
    StateTransport.Profile profile = StateTransport.measure(cell, net, features);
    double[][] x = StateTransport.sequence(features, 0);
    StateTransport.Recurrence recurrence = StateTransport.Recurrence.of(cell, net);
    int hidden = 5;
    assertEquals(0.0, profile.hidden()[0], 1e-12);
    for (int lag = 1; lag < 7; lag++) {
      double[][] j = recurrence.jacobian(x, 6 - lag);
      assertEquals(
          Math.log10(StateTransport.rmsNorm(j, 0, 0, hidden)), profile.hidden()[lag], 1e-9);
      if (cell == RecurrentCell.LSTM) {
        assertEquals(
            Math.log10(StateTransport.rmsNorm(j, hidden, hidden, hidden)),
            profile.cell()[lag],
            1e-9);
      }
    }
  }

  /**
   * Averaging profiles is the lag-by-lag mean of their log10 values, every series of the LSTM
   * included.
   */
  @Test
  void meanIsTheLagByLagMeanOfTheProfiles() {
    StateTransport.Profile a =
        new StateTransport.Profile(
            new double[] {0, -1, -2}, new double[] {0, -0.5, -1}, new double[] {0, -2, -4});
    StateTransport.Profile b =
        new StateTransport.Profile(
            new double[] {0, -3, -6}, new double[] {0, -1.5, -2}, new double[] {0, -1, -3});
    StateTransport.Profile mean = StateTransport.mean(java.util.List.of(a, b));
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        new double[] {0, -2, -4}, mean.hidden(), 1e-12);
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        new double[] {0, -1, -1.5}, mean.cell(), 1e-12);
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        new double[] {0, -1.5, -3.5}, mean.forgetPath(), 1e-12);
    StateTransport.Profile rnn =
        StateTransport.mean(
            java.util.List.of(
                new StateTransport.Profile(new double[] {0, -1}, null, null),
                new StateTransport.Profile(new double[] {0, -2}, null, null),
                new StateTransport.Profile(new double[] {0, -6}, null, null)));
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, -3}, rnn.hidden(), 1e-12);
    org.junit.jupiter.api.Assertions.assertNull(rnn.cell());
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () ->
            StateTransport.mean(
                java.util.List.of(
                    a, new StateTransport.Profile(new double[] {0, -1}, null, null))));
  }

  /** A contracting recurrence (tiny recurrent weights) loses decades fast; the slope says so. */
  @Test
  void decaysFastWithTinyRecurrentWeights() {
    MultiLayerNetwork net = network(RecurrentCell.RNN, 0.01);
    StateTransport.Profile profile =
        StateTransport.measure(RecurrentCell.RNN, net, TASK.generate(3, 10, 1L).getFeatures());
    // ||RW|| ~ 0.01 * sqrt(5): about 1.3 decades per step or more.
    assertTrue(
        StateTransport.decadesPerStep(profile.hidden()) < -1.0,
        "slope " + StateTransport.decadesPerStep(profile.hidden()));
    assertEquals(-2.0, StateTransport.decadesPerStep(new double[] {0, -2, -4, -6}), 1e-12);
  }
}
