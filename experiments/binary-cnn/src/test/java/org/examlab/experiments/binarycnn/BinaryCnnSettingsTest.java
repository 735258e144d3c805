package org.examlab.experiments.binarycnn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.examlab.harness.validation.InvalidSettingException;
import org.junit.jupiter.api.Test;

class BinaryCnnSettingsTest {
  @Test
  void softmaxBeyondTheExamsSixteenBitsIsRefused() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () ->
                settings(
                    17, List.of(new BinaryCnnSettings.Variant("s", Head.SOFTMAX, null, null))));
    assertTrue(e.getMessage().contains("131,072"), e.getMessage());
    settings(16, List.of(new BinaryCnnSettings.Variant("s", Head.SOFTMAX, null, null)));
    settings(17, List.of(new BinaryCnnSettings.Variant("s", Head.BITS, null, null)));
    assertThrows(
        InvalidSettingException.class,
        () -> new BinaryCnnSettings.Augment(null, null, null, null, 1.5, null, null));
  }

  /** A small valid setting over {@code variants}, the first the reference (BadInputTest's too). */
  static BinaryCnnSettings settings(int bits, List<BinaryCnnSettings.Variant> variants) {
    return new BinaryCnnSettings(
        new BinaryCnnSettings.Data(
            bits, 4, 16, 64, List.of("SansSerif"), 11, 14, 0.5, 2, 5, 100, 1, null, null, null),
        new BinaryCnnSettings.Split(0.2, 0.2),
        new BinaryCnnSettings.Network(2, 4, 8, null),
        new BinaryCnnSettings.Stopping(2, null),
        variants.get(0).name(),
        variants);
  }
}
