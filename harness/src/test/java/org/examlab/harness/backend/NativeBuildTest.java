package org.examlab.harness.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

class NativeBuildTest {
  @Test
  void picksTheFastestBuildTheFlagsAllow() {
    Set<String> skylakeX =
        Set.of(
            "avx2",
            "fma",
            "bmi2",
            "f16c",
            "avx512f",
            "avx512cd",
            "avx512bw",
            "avx512dq",
            "avx512vl");
    assertEquals(NativeBuild.ONEDNN_AVX512, NativeBuild.fastestFor(skylakeX));
    assertEquals(
        NativeBuild.ONEDNN_AVX2,
        NativeBuild.fastestFor(Set.of("avx2", "fma", "bmi2", "f16c", "avx512f")));
    assertEquals(NativeBuild.GENERIC, NativeBuild.fastestFor(Set.of("sse4_2", "avx")));
    assertEquals(NativeBuild.GENERIC, NativeBuild.fastestFor(Set.of()));
  }

  @Test
  void labelsRoundTrip() {
    for (NativeBuild b : NativeBuild.values()) {
      assertEquals(b, NativeBuild.parse(b.label()));
    }
    assertEquals("-onednn-avx512", NativeBuild.ONEDNN_AVX512.extension());
    assertThrows(IllegalArgumentException.class, () -> NativeBuild.parse("avx9000"));
  }
}
