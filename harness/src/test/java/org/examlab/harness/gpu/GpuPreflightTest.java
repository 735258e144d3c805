package org.examlab.harness.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.examlab.harness.gpu.GpuPreflight.NvidiaSmi;
import org.examlab.harness.gpu.GpuPreflight.Report;
import org.examlab.harness.gpu.GpuPreflight.SmiResult;
import org.examlab.harness.gpu.GpuPreflight.Verdict;
import org.junit.jupiter.api.Test;

/** The preflight's decisions on canned nvidia-smi outputs: no GPU exists on CI. */
class GpuPreflightTest {
  /** Answers every query with the same canned result, and records the queries. */
  private static NvidiaSmi canned(SmiResult result, List<List<String>> calls) {
    return args -> {
      calls.add(args);
      return result;
    };
  }

  private static NvidiaSmi canned(SmiResult result) {
    return canned(result, new ArrayList<>());
  }

  @Test
  void noNvidiaSmiStopsWithWhatToDo() {
    Report r = GpuPreflight.check("11.6", canned(SmiResult.notFound()), null);
    assertEquals(Verdict.STOP, r.verdict());
    assertTrue(r.message().contains("no NVIDIA driver found"), r.message());
    assertTrue(r.message().contains("backend=cpu"), r.message());
    assertFalse(r.text().contains("Exception"), r.text());
  }

  @Test
  void driverNotLoadedStops() {
    Report r =
        GpuPreflight.check(
            "11.6",
            canned(
                SmiResult.of(
                    9,
                    "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n")),
            null);
    assertEquals(Verdict.STOP, r.verdict());
    assertTrue(r.message().contains("couldn't communicate with the NVIDIA driver"), r.message());
  }

  @Test
  void noDevicesStops() {
    Report r = GpuPreflight.check("11.6", canned(SmiResult.of(6, "No devices were found\n")), null);
    assertEquals(Verdict.STOP, r.verdict());
    assertTrue(r.message().contains("No devices were found"), r.message());
  }

  @Test
  void oldDriverStops() {
    Report r =
        GpuPreflight.check(
            "11.6",
            canned(SmiResult.of(0, "0, Tesla V100-SXM2-16GB, 418.87.01, 7.0, 16160\n")),
            null);
    assertEquals(Verdict.STOP, r.verdict());
    assertTrue(r.message().contains("418.87.01 is too old"), r.message());
    assertTrue(r.message().contains("450.80.02"), r.message());
  }

  @Test
  void supportedGpuGoes() {
    Report r =
        GpuPreflight.check(
            "11.6",
            canned(SmiResult.of(0, "0, NVIDIA A100-SXM4-40GB, 535.104.05, 8.0, 40960\n")),
            null);
    assertEquals(Verdict.GO, r.verdict(), r.text());
    assertEquals(1, r.gpus().size());
    assertEquals("8.0", r.gpus().get(0).computeCapability());
    assertEquals(40960, r.gpus().get(0).memoryMiB());
    assertTrue(r.notes().isEmpty(), r.notes().toString());
  }

  @Test
  void adaRunsTheSm86Kernels() {
    Report r =
        GpuPreflight.check(
            "11.4", canned(SmiResult.of(0, "0, NVIDIA L4, 550.54.15, 8.9, 23034\n")), null);
    assertEquals(Verdict.GO, r.verdict(), r.text());
  }

  @Test
  void hopperStopsAndSaysAnotherCudaLineDoesNotHelp() {
    Report r =
        GpuPreflight.check(
            "11.6",
            canned(SmiResult.of(0, "0, NVIDIA H100 80GB HBM3, 550.54.15, 9.0, 81559\n")),
            null);
    assertEquals(Verdict.STOP, r.verdict());
    assertTrue(r.message().contains("compute capability 9.0"), r.message());
    assertTrue(r.message().contains("another CUDA line does not help"), r.message());
    assertTrue(r.message().contains("backend=cpu"), r.message());
  }

  @Test
  void mixedMachinePointsAtTheSupportedGpu() {
    String csv =
        "0, NVIDIA H100 PCIe, 550.54.15, 9.0, 81559\n1, NVIDIA A100 80GB PCIe, 550.54.15, 8.0, 81920\n";
    Report all = GpuPreflight.check("11.6", canned(SmiResult.of(0, csv)), null);
    assertEquals(Verdict.STOP, all.verdict());
    assertTrue(all.message().contains("CUDA_VISIBLE_DEVICES=1"), all.message());
    Report onlyA100 = GpuPreflight.check("11.6", canned(SmiResult.of(0, csv)), "1");
    assertEquals(Verdict.GO, onlyA100.verdict(), onlyA100.text());
  }

  @Test
  void minorVersionCompatibleDriverGoesWithANote() {
    Report r =
        GpuPreflight.check(
            "11.6", canned(SmiResult.of(0, "0, Tesla T4, 470.82.01, 7.5, 15109\n")), null);
    assertEquals(Verdict.GO, r.verdict(), r.text());
    assertTrue(
        r.notes().stream()
            .anyMatch(
                n -> n.contains("minor version compatibility") && n.contains("EXAMLAB_CUDA=11.4")),
        r.notes().toString());
  }

  @Test
  void keplerK40IsTooOldForSm37() {
    Report r =
        GpuPreflight.check(
            "11.4", canned(SmiResult.of(0, "0, Tesla K40m, 470.57.02, 3.5, 11441\n")), null);
    assertEquals(Verdict.STOP, r.verdict());
  }

  @Test
  void driverWithoutComputeCapFieldIsAskedAgainAndGoesWithAWarning() {
    List<List<String>> calls = new ArrayList<>();
    NvidiaSmi smi =
        args -> {
          calls.add(args);
          return args.get(0).contains("compute_cap")
              ? SmiResult.of(2, "Field \"compute_cap\" is not a valid field to query.\n")
              : SmiResult.of(0, "0, Tesla V100-PCIE-32GB, 470.57.02, 32510\n");
        };
    Report r = GpuPreflight.check("11.4", smi, null);
    assertEquals(2, calls.size());
    assertEquals(Verdict.GO, r.verdict(), r.text());
    assertEquals(null, r.gpus().get(0).computeCapability());
    assertTrue(
        r.notes().stream().anyMatch(n -> n.contains("cannot report compute capability")),
        r.notes().toString());
  }

  @Test
  void smallGpuGetsAMemoryNote() {
    Report r =
        GpuPreflight.check(
            "11.6",
            canned(SmiResult.of(0, "0, NVIDIA GeForce GTX 1060 6GB, 535.104.05, 6.1, 6144 MiB\n")),
            null);
    assertEquals(Verdict.GO, r.verdict(), r.text());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("6144 MiB")), r.notes().toString());
  }

  @Test
  void cuda12IsNotAnM21Line() {
    Report r =
        GpuPreflight.check(
            "12.1", canned(SmiResult.of(0, "0, NVIDIA A100, 535.104.05, 8.0, 40960\n")), null);
    assertEquals(Verdict.STOP, r.verdict());
    assertTrue(r.message().contains("nd4j-cuda-11.4 and nd4j-cuda-11.6 only"), r.message());
  }

  @Test
  void versionsCompareNumerically() {
    assertTrue(GpuPreflight.compareVersions("535.104.05", "450.80.02") > 0);
    assertTrue(GpuPreflight.compareVersions("450.80.02", "450.80.02") == 0);
    assertTrue(GpuPreflight.compareVersions("450.36.06", "450.80.02") < 0);
    assertTrue(GpuPreflight.compareVersions("1000.1", "999.99.99") > 0);
  }

  @Test
  void capabilityTable() {
    for (String ok :
        List.of(
            "3.7", "5.0", "5.2", "5.3", "6.0", "6.1", "6.2", "7.0", "7.2", "7.5", "8.0", "8.6",
            "8.7", "8.9")) {
      int[] cc = GpuPreflight.parseCapability(ok);
      assertTrue(GpuPreflight.runsOn(cc[0], cc[1]), ok);
    }
    for (String no : List.of("3.0", "3.5", "9.0", "10.0", "12.0")) {
      int[] cc = GpuPreflight.parseCapability(no);
      assertFalse(GpuPreflight.runsOn(cc[0], cc[1]), no);
    }
  }
}
