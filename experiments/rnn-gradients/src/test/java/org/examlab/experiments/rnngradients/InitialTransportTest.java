package org.examlab.experiments.rnngradients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.datasets.sequences.FirstSymbolRecall;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * A seed's transport at initialisation is the mean over transport.initialisations independent draws
 * (claim 001-2).
 */
class InitialTransportTest {
  private static final FirstSymbolRecall TASK = new FirstSymbolRecall(3, 2);
  private static final int LENGTH = 7;
  private static final long SEED = 5L;

  private static RnnGradientsSettings settings(int initialisations) {
    return new RnnGradientsSettings(
        new RnnGradientsSettings.Task(3, 2, List.of(LENGTH), 16, 16),
        new RnnGradientsSettings.Model(4, 1.0),
        new RnnGradientsSettings.Transport(2, LENGTH, LENGTH - 1, initialisations),
        new RnnGradientsSettings.Exploding(
            LENGTH,
            16,
            1,
            List.of(0.1),
            List.of(1.0),
            10,
            20,
            new RnnGradientsSettings.Clipping(3.0, 0.1, 1.0, null, null),
            null));
  }

  private static MultiLayerNetwork network(RecurrentCell cell, long seed) {
    return RecurrentClassifier.build(
        cell,
        TASK.inputChannels(),
        new RnnGradientsSettings.Model(4, 1.0),
        TASK.targetSymbols(),
        seed,
        new Sgd(0.1),
        0,
        0);
  }

  private static DataSet probe(long seed) {
    return TASK.generate(2, LENGTH, RnnGradientsExperiment.dataSeed(seed, LENGTH, 2));
  }

  /** One draw measured by itself: its own network seed and its own probe batch. */
  private static StateTransport.Profile draw(RecurrentCell cell, int k) {
    long seed = RnnGradientsExperiment.initialisationSeed(SEED, k);
    return StateTransport.measure(cell, network(cell, seed), probe(seed).getFeatures());
  }

  @ParameterizedTest
  @EnumSource(RecurrentCell.class)
  void averagesTheProfilesOfIndependentInitialisations(RecurrentCell cell) {
    int draws = 3;
    StateTransport.Profile averaged =
        RnnGradientsExperiment.initialTransport(
            cell, settings(draws), TASK, SEED, network(cell, SEED), probe(SEED));
    List<StateTransport.Profile> each = new ArrayList<>();
    for (int k = 0; k < draws; k++) {
      each.add(draw(cell, k));
    }
    // The draws are different networks: a loop that reused one initialisation would average
    // identical values.
    assertNotEquals(each.get(0).hidden()[LENGTH - 1], each.get(1).hidden()[LENGTH - 1]);
    assertNotEquals(each.get(1).hidden()[LENGTH - 1], each.get(2).hidden()[LENGTH - 1]);
    for (int lag = 0; lag < LENGTH; lag++) {
      double expected = 0;
      for (StateTransport.Profile p : each) {
        expected += p.hidden()[lag] / draws;
      }
      assertEquals(expected, averaged.hidden()[lag], 1e-12, "lag " + lag);
      if (cell == RecurrentCell.LSTM) {
        double cellExpected = 0;
        double forgetExpected = 0;
        for (StateTransport.Profile p : each) {
          cellExpected += p.cell()[lag] / draws;
          forgetExpected += p.forgetPath()[lag] / draws;
        }
        assertEquals(cellExpected, averaged.cell()[lag], 1e-12, "cell, lag " + lag);
        assertEquals(forgetExpected, averaged.forgetPath()[lag], 1e-12, "forget path, lag " + lag);
      }
    }
  }

  /**
   * With one initialisation the value is the trained network's own, as before the setting existed.
   */
  @ParameterizedTest
  @EnumSource(RecurrentCell.class)
  void oneInitialisationIsTheTrainedNetworksOwn(RecurrentCell cell) {
    StateTransport.Profile one =
        RnnGradientsExperiment.initialTransport(
            cell, settings(1), TASK, SEED, network(cell, SEED), probe(SEED));
    assertArrayEquals(draw(cell, 0).hidden(), one.hidden(), 0.0);
  }
}
