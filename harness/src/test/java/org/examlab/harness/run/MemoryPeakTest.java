package org.examlab.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryPeakTest {
  @TempDir Path dir;

  @Test
  void readsThePeakResidentSetAndResetsItAtTheStart() throws Exception {
    Path status =
        Files.writeString(
            dir.resolve("status"),
            "Name:\tjava\nVmPeak:\t 9000 kB\nVmHWM:\t  123456 kB\nVmRSS:\t 1000 kB\n");
    Path clearRefs = dir.resolve("clear_refs");
    try (MemoryPeak peak = MemoryPeak.start(status, clearRefs, null, 10)) {
      assertEquals(123456L * 1024, peak.residentPeakBytes());
      assertEquals(
          "5", Files.readString(clearRefs), "the kernel's peak is reset to the current size");
      assertTrue(peak.residentPeakIsThisRuns());
      assertNull(peak.devicePeakBytes(), "no device on the CPU");
    }
    try (MemoryPeak unknown =
        MemoryPeak.start(dir.resolve("absent"), dir.resolve("no/such/dir/clear_refs"), null, 10)) {
      assertNull(unknown.residentPeakBytes());
      assertFalse(unknown.residentPeakIsThisRuns());
    }
  }

  @Test
  void theDevicePeakIsTheLargestSample() throws Exception {
    AtomicLong used = new AtomicLong(100);
    try (MemoryPeak peak =
        MemoryPeak.start(dir.resolve("absent"), dir.resolve("clear_refs"), used::get, 5)) {
      used.set(5_000);
      Thread.sleep(60);
      used.set(300);
      Thread.sleep(60);
      assertEquals(
          5_000L, peak.devicePeakBytes(), "a peak between samples that lasted several periods");
    }
  }

  @Test
  void thisProcessHasAPeakOnLinux() {
    try (MemoryPeak peak = MemoryPeak.start(null)) {
      if (Files.isReadable(Path.of("/proc/self/status"))) {
        assertNotNull(peak.residentPeakBytes());
        assertTrue(
            peak.residentPeakBytes() > 10_000_000L,
            "a JVM uses more than 10 MB: " + peak.residentPeakBytes());
      }
    }
  }
}
