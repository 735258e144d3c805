package org.examlab.harness.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.harness.gpu.GpuInfo;
import org.examlab.harness.gpu.GpuPreflight;
import org.examlab.harness.settings.Backend;
import org.examlab.harness.validation.ConfigException;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts ND4J on the backend a config asks for, with the fastest native build, and DL4J's oneDNN
 * layer helpers switched on. Call once per process, before any other ND4J use.
 */
public final class BackendSetup {
  private static final Logger LOG = LoggerFactory.getLogger(BackendSetup.class);

  /** DL4J M2.1 reads this and defaults it to true, which disables every oneDNN layer helper. */
  static final String HELPERS_DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

  private static final String CPU_BACKEND_CLASS = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";
  private static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

  /**
   * Set EXAMLAB_CUDNN=off to load the CUDA build without cuDNN (linux-x86_64 instead of -cudnn).
   */
  static final String CUDNN_EXTENSION = "-cudnn";

  private static BackendInfo started;
  private static Map<String, Object> gpu;

  private BackendSetup() {}

  /**
   * The backend this build carries: CUDA in a CUDA build ({@code EXAMLAB_BUILD=cuda}), else CPU.
   */
  public static Backend ofThisBuild() {
    return onClasspath(CUDA_BACKEND_CLASS) ? Backend.CUDA : Backend.CPU;
  }

  public static synchronized BackendInfo start(Backend requested) throws ConfigException {
    if (started != null) {
      if (!started.backend().equalsIgnoreCase(requested.name())) {
        throw new ConfigException(
            "backend", "", "ND4J already runs on " + started.backend() + " in this process");
      }
      return started;
    }
    boolean cpuPresent = onClasspath(CPU_BACKEND_CLASS);
    boolean cudaPresent = onClasspath(CUDA_BACKEND_CLASS);
    GpuPreflight.Report preflight = null;
    if (requested == Backend.CUDA && !GpuPreflight.disabled()) {
      // Before anything CUDA loads: no GPU, an old driver or an unsupported GPU is a clear exit 2,
      // never a native crash or a silent CPU run.
      String line =
          cudaPresent
              ? GpuInfo.cudaLineOnClasspath()
              : System.getenv().getOrDefault("EXAMLAB_CUDA", "11.6");
      preflight = GpuPreflight.checkThisMachine(line == null ? "11.6" : line);
      if (!preflight.go()) {
        throw new ConfigException("backend", "", "cuda was asked for. " + preflight.text());
      }
    }
    if (requested == Backend.CUDA && !cudaPresent) {
      throw new ConfigException(
          "backend",
          "",
          "cuda was asked for, but this build has only the CPU backend. "
              + "Build and run with the CUDA backend: EXAMLAB_BUILD=cuda scripts/examlab run ... (Maven profile -Pcuda), "
              + "or set backend=cpu");
    }
    if (requested == Backend.CPU && !cpuPresent) {
      throw new ConfigException(
          "backend",
          "",
          "cpu was asked for, but this build carries only the CUDA backend. "
              + "Set backend=cuda, or run without EXAMLAB_BUILD=cuda");
    }
    NativeBuild build = null;
    if (requested == Backend.CPU) {
      build = NativeBuild.choose();
      if (System.getProperty(NativeBuild.EXTENSION_PROPERTY) == null) {
        System.setProperty(NativeBuild.EXTENSION_PROPERTY, build.extension());
      }
      System.setProperty(
          HELPERS_DISABLE_PROPERTY, System.getProperty(HELPERS_DISABLE_PROPERTY, "false"));
    }
    boolean cudnnWanted =
        requested == Backend.CUDA && !"off".equalsIgnoreCase(System.getenv("EXAMLAB_CUDNN"));
    if (cudnnWanted && System.getProperty(NativeBuild.EXTENSION_PROPERTY) == null) {
      // the linux-x86_64-cudnn natives: libnd4j's conv2d/pooling/batchnorm/lstm go through cuDNN
      System.setProperty(NativeBuild.EXTENSION_PROPERTY, CUDNN_EXTENSION);
    }
    try {
      Nd4j.create(1); // forces the backend and its native library to load now, not mid-training
    } catch (Throwable t) {
      throw new ConfigException(
          "backend",
          "",
          requested.name().toLowerCase()
              + " backend failed to start: "
              + rootMessage(t)
              + (requested == Backend.CPU
                  ? " (try EXAMLAB_NATIVE=generic for the build without oneDNN)"
                  : cudnnWanted
                      ? " (try EXAMLAB_CUDNN=off for the CUDA build without cuDNN)"
                      : ""));
    }
    Map<String, String> env = new TreeMap<>();
    Nd4j.getExecutioner()
        .getEnvironmentInformation()
        .forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
    String loaded = env.getOrDefault("backend", "unknown");
    if (!loaded.equalsIgnoreCase(requested.name())) {
      throw new ConfigException(
          "backend",
          "",
          requested.name().toLowerCase() + " was asked for, but ND4J started on " + loaded);
    }
    boolean oneDnn = false;
    if (requested == Backend.CPU) {
      Nd4j.getEnvironment().allowHelpers(true);
      oneDnn = org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
    }
    String label =
        build != null
            ? extensionLabel()
            : "cuda-" + GpuInfo.cudaLineOnClasspath() + (cudnnWanted ? "-cudnn" : "");
    ResidentMemoryGuard.startFromProperty();
    started = new BackendInfo(loaded, label, nativeLibraryPath(), oneDnn, convolutionHelper(), env);
    if (requested == Backend.CUDA) {
      gpu =
          GpuInfo.describe(
              Nd4j.getExecutioner().getEnvironmentInformation(),
              preflight,
              started.nativeLibrary());
      LOG.info("GPU: {}", gpu);
    }
    LOG.info(
        "ND4J backend {} with native build {}; oneDNN {}; convolution helper {}",
        loaded,
        label,
        oneDnn ? "on" : "off",
        started.convolutionHelper());
    return started;
  }

  /** The GPU facts for environment.json on the CUDA backend; null on the CPU. */
  public static synchronized Map<String, Object> gpu() {
    return gpu;
  }

  private static String extensionLabel() {
    String ext = System.getProperty(NativeBuild.EXTENSION_PROPERTY, "");
    return ext.isEmpty() ? "generic" : ext.substring(1);
  }

  /**
   * Builds a one-layer CNN and asks which helper its convolution got: proof the fast path is on.
   */
  static String convolutionHelper() {
    try {
      MultiLayerNetwork net =
          new MultiLayerNetwork(
              new NeuralNetConfiguration.Builder()
                  .list()
                  .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).build())
                  .layer(new OutputLayer.Builder().nOut(2).build())
                  .setInputType(InputType.convolutional(8, 8, 1))
                  .build());
      net.init();
      Object helper = net.getLayer(0).getHelper();
      return helper == null ? "none" : helper.getClass().getSimpleName();
    } catch (RuntimeException e) {
      return "unknown (" + e.getClass().getSimpleName() + ")";
    }
  }

  /** The libnd4j file this process mapped, read from /proc/self/maps (Linux). */
  static String nativeLibraryPath() {
    try {
      return Files.readAllLines(Path.of("/proc/self/maps")).stream()
          .filter(l -> l.contains("libnd4j"))
          .map(l -> l.substring(l.indexOf('/')))
          .findFirst()
          .orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static boolean onClasspath(String className) {
    try {
      Class.forName(className, false, BackendSetup.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
