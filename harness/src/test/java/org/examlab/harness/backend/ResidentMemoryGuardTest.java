package org.examlab.harness.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResidentMemoryGuardTest {
  @Test
  void readsTheCapInTheScriptsUnits() {
    assertEquals(18000L << 20, ResidentMemoryGuard.parse("18000M"));
    assertEquals(6L << 30, ResidentMemoryGuard.parse("6g"));
    assertEquals(123, ResidentMemoryGuard.parse("123"));
    assertEquals(0, ResidentMemoryGuard.parse(null));
    assertThrows(IllegalArgumentException.class, () -> ResidentMemoryGuard.parse("lots"));
  }

  @Test
  void failsAboveTheCapAndPassesBelowIt() throws InterruptedException {
    // this JVM's resident size is far above 1 MB and far below the largest cap
    String failure = ResidentMemoryGuard.collectBelow(1L << 20, 1);
    assertNotNull(failure);
    assertTrue(failure.contains("cap of 0.00 GB"), failure);
    assertTrue(failure.contains(ResidentMemoryGuard.COLLECTIONS + " garbage collections"), failure);
    assertNull(ResidentMemoryGuard.collectBelow(Long.MAX_VALUE, 1));
  }
}
