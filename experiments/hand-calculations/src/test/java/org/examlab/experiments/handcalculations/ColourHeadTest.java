package org.examlab.experiments.handcalculations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.examlab.harness.backend.BackendSetup;
import org.examlab.harness.settings.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exam U-Net's softmax head read as colours (000-11/colourisation), against the hand-derived
 * bound.
 */
class ColourHeadTest {
  @BeforeAll
  static void startBackendLikeARun() throws Exception {
    BackendSetup.start(Backend.CPU);
  }

  @Test
  void softmaxPixelsStayOnTheSimplex() {
    ColourHead c = ColourHead.measure(new HandCalculationsSettings.Colourisation(6, 3, 10), 3);
    assertTrue(c.sumError() < 1e-12, c.toString());
    // by hand: on p1 + p2 + p3 = 1 the point nearest (1, 1, 1) is (1/3, 1/3, 1/3), at sqrt(3
    // (2/3)^2) = 2/sqrt(3);
    // equal biases with weights 100x smaller than Xavier's come within ~1e-3 of it
    assertTrue(c.softmaxWhiteDistance() >= 2 / Math.sqrt(3) - 1e-12, c.toString());
    assertEquals(2 / Math.sqrt(3), c.softmaxWhiteDistance(), 1e-2);
    // the sigmoid head with all biases +10 gives 1 - sigma(10) ~ 4.5e-5 per channel: within 1e-3 of
    // white (and black)
    assertTrue(c.sigmoidWorstDistance() < 1e-3, c.toString());
  }
}
