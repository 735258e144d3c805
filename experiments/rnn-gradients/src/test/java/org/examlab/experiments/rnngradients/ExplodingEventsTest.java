package org.examlab.experiments.rnngradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExplodingEventsTest {

  /**
   * Steady norms with noise give no event; one spike of 20x its running median gives exactly one; a
   * NaN one more.
   */
  @Test
  void countsSpikesAboveTenTimesTheRunningMedian() {
    ExplodingEvents events = new ExplodingEvents(10, 20, 5);
    for (int i = 0; i < 30; i++) {
      events.observe(1.0 + 0.5 * Math.sin(i)); // within 1.5x of the median: never an event
    }
    assertEquals(0, events.events());
    events.observe(20.0);
    assertEquals(1, events.events());
    events.observe(5.0); // 5x the median: below the ratio
    assertEquals(1, events.events());
    events.observe(Double.NaN);
    assertEquals(2, events.events());
  }

  /** Before the warm-up no median is trusted: an early large norm is not an event. */
  @Test
  void noJudgementDuringWarmup() {
    ExplodingEvents events = new ExplodingEvents(10, 20, 5);
    events.observe(1.0);
    events.observe(100.0);
    assertEquals(0, events.events());
  }

  /**
   * A steadily growing norm (x1.5 per step) outruns a median of 20 steps: growth, not only spikes,
   * counts.
   */
  @Test
  void sustainedGrowthBecomesEvents() {
    ExplodingEvents events = new ExplodingEvents(10, 20, 5);
    double norm = 1;
    for (int i = 0; i < 40; i++) {
      events.observe(norm);
      norm *= 1.5;
    }
    assertTrue(events.events() > 10, "events " + events.events());
  }
}
