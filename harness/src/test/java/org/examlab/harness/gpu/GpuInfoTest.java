package org.examlab.harness.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.examlab.harness.gpu.GpuPreflight.SmiResult;
import org.junit.jupiter.api.Test;

/** environment.json's gpu block from ND4J's CUDA environment properties, faked. */
class GpuInfoTest {
  @Test
  void recordsDevicesDriverAndWhatIsUnknown() {
    Properties env = new Properties();
    env.put(
        "cuda.devicesInformation",
        List.of(
            Map.of(
                "cuda.deviceName",
                "NVIDIA A100-SXM4-40GB",
                "cuda.deviceMajor",
                8,
                "cuda.deviceMinor",
                0,
                "cuda.totalMemory",
                42_505_273_344L,
                "cuda.freeMemory",
                41_000_000_000L)));
    GpuPreflight.Report pre =
        GpuPreflight.check(
            "11.6",
            args -> SmiResult.of(0, "0, NVIDIA A100-SXM4-40GB, 535.104.05, 8.0, 40960\n"),
            null);
    Map<String, Object> gpu =
        GpuInfo.describe(env, pre, "/root/.javacpp/cache/x/linux-x86_64-cudnn/libnd4jcuda.so");
    @SuppressWarnings("unchecked")
    Map<String, Object> d = ((List<Map<String, Object>>) gpu.get("devices")).get(0);
    assertEquals("NVIDIA A100-SXM4-40GB", d.get("name"));
    assertEquals("8.0", d.get("computeCapability"));
    assertEquals(42_505_273_344L, d.get("totalMemoryBytes"));
    assertEquals("535.104.05", gpu.get("driver"));
    assertEquals(true, gpu.get("cudnnNativeBuild"));
    assertEquals("GO", gpu.get("preflight"));
    assertNull(
        gpu.get("peakDeviceMemoryBytes"),
        "the run's peak is in summary.json, not in the block written at start");
    assertNull(gpu.get("cudaBuild")); // the CPU test classpath has no nd4j-cuda
  }

  @Test
  void deviceMemoryInUseIsTotalMinusFreeOverTheDevices() {
    Properties env = new Properties();
    env.put(
        "cuda.devicesInformation",
        List.of(
            Map.of("cuda.totalMemory", 16_000L, "cuda.freeMemory", 10_000L),
            Map.of("cuda.totalMemory", 8_000L, "cuda.freeMemory", 7_500L)));
    assertEquals(6_500L, GpuInfo.deviceBytesInUse(env));
    assertEquals(0L, GpuInfo.deviceBytesInUse(new Properties()));
  }
}
