package org.examlab.experiments.optimization;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizationSettingsTest {
  /** A small valid setting (one fixed-rate variant), for the tests of this package. */
  static final OptimizationSettings SMALL =
      new OptimizationSettings(
          new OptimizationSettings.Data(6, 8, 64, 32),
          new OptimizationSettings.Model(2, 16),
          null,
          List.of(OptimizationSettings.Variant.plain("fixed", null, 0.05)),
          null,
          null);

  @Test
  void aVariantCanOnlyTakeTheRateOfAnEarlierOne() {
    OptimizationSettings.Variant later =
        new OptimizationSettings.Variant(
            "later", null, null, null, null, null, null, null, null, "fixed", 0.1, null, null, null,
            null);
    assertThrows(
        RuntimeException.class,
        () ->
            new OptimizationSettings(
                SMALL.data(),
                SMALL.model(),
                null,
                List.of(later, OptimizationSettings.Variant.plain("fixed", null, 0.05)),
                null,
                null));
  }
}
