package org.examlab.harness.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LauncherTest {
  @Test
  void parsesTheLauncherNames() {
    assertEquals(1, Launcher.parse("sequential").workers());
    assertEquals(3, Launcher.parse("local:3").workers());
    assertEquals(Runtime.getRuntime().availableProcessors(), Launcher.parse("local").workers());
    assertThrows(IllegalArgumentException.class, () -> Launcher.parse("local:x"));
    assertThrows(IllegalArgumentException.class, () -> Launcher.parse("spark"));
    assertThrows(IllegalArgumentException.class, () -> Launcher.parse("local:0"));
  }

  @Test
  void workersShareTheMemoryCapsOfOneProcess() {
    List<String> options =
        List.of(
            "-Xmx4096m",
            "-Dorg.bytedeco.javacpp.maxbytes=12000M",
            "-Dorg.bytedeco.javacpp.maxphysicalbytes=0",
            "-Dexamlab.maxResidentBytes=18000M",
            "-Djava.awt.headless=true",
            "-Xss2m");
    assertEquals(
        List.of(
            "-Xmx2048m",
            "-Dorg.bytedeco.javacpp.maxbytes=6000M",
            "-Dorg.bytedeco.javacpp.maxphysicalbytes=0",
            "-Dexamlab.maxResidentBytes=9000M",
            "-Djava.awt.headless=true",
            "-Xss2m"),
        Launcher.dividedMemory(options, 2));
    assertEquals(options, Launcher.dividedMemory(options, 1));
  }
}
