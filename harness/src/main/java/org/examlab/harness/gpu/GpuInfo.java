package org.examlab.harness.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The GPU facts environment.json records on the CUDA backend: devices (name, compute capability,
 * memory) as ND4J reports them, the driver as nvidia-smi reports it, the CUDA line of the build and
 * the CUDA runtime it was compiled against, whether libnd4j's cuDNN build and libcudnn are loaded,
 * and the cuDNN version. Fields that cannot be obtained are null, never guessed.
 */
public final class GpuInfo {
  private GpuInfo() {}

  /** "11.4" or "11.6": the nd4j-cuda build on the classpath, or null if none. */
  public static String cudaLineOnClasspath() {
    for (String line : GpuPreflight.CUDA_LINES) {
      String res = "META-INF/maven/org.nd4j/nd4j-cuda-" + line + "/pom.properties";
      try (InputStream in = GpuInfo.class.getClassLoader().getResourceAsStream(res)) {
        if (in != null) {
          return line;
        }
      } catch (IOException e) {
        // not this one
      }
    }
    return null;
  }

  /**
   * @param nd4jEnvironment {@code Nd4j.getExecutioner().getEnvironmentInformation()} on CUDA
   * @param preflight the preflight that let the backend start, or null if it was switched off
   * @param nativeLibrary the libnd4jcuda path this process loaded
   */
  public static Map<String, Object> describe(
      Properties nd4jEnvironment, GpuPreflight.Report preflight, String nativeLibrary) {
    Map<String, Object> gpu = new LinkedHashMap<>();
    List<Map<String, Object>> devices = new ArrayList<>();
    Object list = nd4jEnvironment.get("cuda.devicesInformation");
    if (list instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> m) {
          Map<String, Object> d = new LinkedHashMap<>();
          d.put("name", m.get("cuda.deviceName"));
          Object major = m.get("cuda.deviceMajor");
          Object minor = m.get("cuda.deviceMinor");
          d.put("computeCapability", major == null ? null : major + "." + minor);
          d.put("totalMemoryBytes", m.get("cuda.totalMemory"));
          d.put("freeMemoryBytesAtStart", m.get("cuda.freeMemory"));
          devices.add(d);
        }
      }
    }
    gpu.put("devices", devices);
    gpu.put(
        "driver",
        preflight == null || preflight.gpus().isEmpty() ? null : preflight.gpus().get(0).driver());
    gpu.put("cudaBuild", cudaLineOnClasspath());
    gpu.put("cudaRuntime", staticField("org.bytedeco.cuda.global.cudart", "CUDART_VERSION"));
    boolean cudnnBuild = nativeLibrary != null && nativeLibrary.contains("-cudnn");
    gpu.put("cudnnNativeBuild", cudnnBuild);
    String cudnnLib = mappedLibrary("libcudnn");
    gpu.put("cudnnLibrary", cudnnLib);
    gpu.put("cudnnVersion", cudnnVersion(cudnnLib));
    // environment.json is written before training starts: the run's peak is in summary.json
    // (peakDeviceMemoryBytes).
    gpu.put(
        "preflight",
        preflight == null ? "off (EXAMLAB_GPU_PREFLIGHT=off)" : preflight.verdict().name());
    return gpu;
  }

  /**
   * Device memory in use now, summed over the visible GPUs (total minus free as ND4J reports them);
   * for the run's peak-memory sampler on CUDA.
   */
  public static long deviceBytesInUse(Properties nd4jEnvironment) {
    long used = 0;
    if (nd4jEnvironment.get("cuda.devicesInformation") instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> m
            && m.get("cuda.totalMemory") instanceof Number total
            && m.get("cuda.freeMemory") instanceof Number free) {
          used += total.longValue() - free.longValue();
        }
      }
    }
    return used;
  }

  private static Object staticField(String className, String field) {
    try {
      Field f = Class.forName(className, false, GpuInfo.class.getClassLoader()).getField(field);
      return f.get(null);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null;
    }
  }

  /**
   * cudnnGetVersion() through the JavaCPP preset if present, else the version in the library's file
   * name.
   */
  private static Object cudnnVersion(String cudnnLib) {
    if (cudnnLib == null) {
      return null;
    }
    try {
      Method m =
          Class.forName("org.bytedeco.cuda.global.cudnn", true, GpuInfo.class.getClassLoader())
              .getMethod("cudnnGetVersion");
      return m.invoke(null);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      int so = cudnnLib.indexOf(".so.");
      return so < 0 ? null : cudnnLib.substring(so + 4);
    }
  }

  /** The first mapped file of this process whose name contains {@code name} (Linux), or null. */
  static String mappedLibrary(String name) {
    try {
      return Files.readAllLines(Path.of("/proc/self/maps")).stream()
          .filter(l -> l.contains(name) && l.indexOf('/') >= 0)
          .map(l -> l.substring(l.indexOf('/')))
          .findFirst()
          .orElse(null);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
