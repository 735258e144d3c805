package org.examlab.harness.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.examlab.harness.config.ClaimCatalog;
import org.junit.jupiter.api.Test;

class ClaimCatalogTest {
  private static final List<String> IDS =
      List.of(
          "000-1",
          "000-1/exploding",
          "000-10/unstable",
          "000-9a",
          "000-9c/12-bit",
          "000-9e+helps-on-noisy-test",
          "000-90",
          "003-6d",
          "003-5+batch-equal-steps",
          "001-4");

  private static String selected(String only) {
    return IDS.stream()
        .map(id -> new ClaimCatalog.Entry(id, "topic", null, null, null, null, null))
        .filter(e -> e.selectedBy(only))
        .map(ClaimCatalog.Entry::id)
        .collect(Collectors.joining(" "));
  }

  @Test
  void onlySelectsAClaimItsPartsAndItsQuestionButNotAnotherNumber() {
    assertEquals("000-1 000-1/exploding", selected("000-1"));
    assertEquals("000-9a 000-9c/12-bit 000-9e+helps-on-noisy-test", selected("000-9"));
    assertEquals("000-9c/12-bit", selected("000-9c/12-bit"));
    assertEquals("003-6d", selected("003-6d/forward"));
    assertEquals("003-5+batch-equal-steps", selected("003-5"));
    assertEquals("001-4", selected("001"));
    assertEquals("", selected("000-9b"));
  }
}
