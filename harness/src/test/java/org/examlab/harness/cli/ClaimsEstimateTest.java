package org.examlab.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.examlab.harness.estimate.Estimate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config's estimate comes back from its own process, or says how that process ended. */
class ClaimsEstimateTest {
  @TempDir Path tmp;

  @Test
  void anEstimatePrintedByItsProcessIsReadBackWhole() throws Exception {
    Estimate e = new Estimate("unet-full.yaml", "unet", 5, 5, 12, 33.5, 4000.25, null);
    Path log = tmp.resolve("worker-0.log");
    Files.write(
        log,
        List.of(
            "12:00:00 INFO something",
            "estimate-json " + new ObjectMapper().writeValueAsString(e),
            "bye"));
    assertEquals(e, ClaimsCommand.readEstimate("unet-full.yaml", log, 0));
  }

  @Test
  void aKilledProcessGivesAFailedEstimateThatSaysSo() throws Exception {
    Path log = tmp.resolve("worker-0.log");
    Files.write(log, List.of("12:00:00 INFO read 60000 labelled images", ""));
    Estimate killed = ClaimsCommand.readEstimate("binary-cnn-full.yaml", log, 137);
    assertTrue(killed.failed());
    assertTrue(
        killed.error().contains("SIGKILL")
            && killed.error().contains("out-of-memory")
            && killed.error().contains("60000 labelled"),
        killed.error());
    assertEquals(0.0, killed.seconds());
    assertTrue(
        ClaimsCommand.readEstimate("x.yaml", tmp.resolve("none.log"), 1)
            .error()
            .contains("exit status 1"));
  }
}
