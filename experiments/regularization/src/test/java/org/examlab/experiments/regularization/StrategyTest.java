package org.examlab.experiments.regularization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StrategyTest {
  @Test
  void strategiesParseByTheirConfigNames() {
    assertEquals(Strategy.L2_KFOLD, Strategy.parse("l2-kfold"));
    assertEquals("early-stopping-retrain", Strategy.EARLY_STOPPING_RETRAIN.yamlName());
    assertThrows(IllegalArgumentException.class, () -> Strategy.parse("magic"));
  }
}
