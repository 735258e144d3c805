package org.examlab.harness.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.examlab.harness.settings.Backend;
import org.examlab.harness.validation.ConfigException;
import org.junit.jupiter.api.Test;

class BackendSetupTest {
  @Test
  void cpuStartsWithTheFastestSupportedBuildAndTheOneDnnHelpersOn() throws Exception {
    BackendInfo info = BackendSetup.start(Backend.CPU);
    assertEquals("CPU", info.backend());
    NativeBuild expected = NativeBuild.choose();
    assertEquals(expected.label(), info.nativeBuild());
    assertTrue(info.nativeLibrary().contains("libnd4j"), info.nativeLibrary());
    if (expected != NativeBuild.GENERIC) {
      // The library really loaded is the chosen build, and DL4J's conv layer got oneDNN.
      assertTrue(info.nativeLibrary().contains(expected.extension()), info.nativeLibrary());
      assertTrue(info.oneDnn());
      assertEquals("MKLDNNConvHelper", info.convolutionHelper());
    }
  }

  @Test
  void cudaWithoutTheCudaBuildIsAClearConfigError() {
    ConfigException e = assertThrows(ConfigException.class, () -> BackendSetup.start(Backend.CUDA));
    assertEquals("backend", e.key());
    assertTrue(
        e.problem().contains("EXAMLAB_BUILD=cuda") || e.problem().contains("already runs on CPU"),
        e.getMessage());
  }
}
