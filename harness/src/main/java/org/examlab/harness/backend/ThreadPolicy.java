package org.examlab.harness.backend;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How many CPU threads one training gets. A small dense or recurrent network does ~50-100 tiny ops
 * per step; splitting each over OpenMP threads costs more in wake-ups than it saves, and on 2 cores
 * the MLP of the regularization sweep trains 3-5x faster on one thread than on two
 * (docs/benchmarks.md). Convolutions have enough work per op to use every core.
 *
 * <p>Why not {@code Environment.setMaxThreads}: in libnd4j 1.0.0-M2.1 it can only raise the count.
 * {@code OMP_NUM_THREADS} works but must be in the environment before the JVM starts. {@code
 * NativeOps.setOmpNumThreads} calls {@code omp_set_num_threads}, which sets the calling thread's
 * OpenMP team size (measured as fast as the environment variable); OpenBLAS has its own,
 * process-wide, count. Call {@link #applyTo} on the thread that trains.
 */
public final class ThreadPolicy {
  /** Convolution-free networks up to this many parameters train on one thread. */
  public static final long SMALL_NETWORK_PARAMS = 1_000_000;

  /** {@code auto} (the default) or a fixed thread count for every training. */
  public static final String OVERRIDE_ENV = "EXAMLAB_THREADS";

  /**
   * The cores this process may use, when it shares the machine with other worker processes of a
   * launcher ({@code --launcher local:N} sets it to cores / N): "every core" then means its share,
   * so N workers training convolution nets do not run 2N OpenMP threads on N cores.
   */
  public static final String CORES_PROPERTY = "examlab.cores";

  private ThreadPolicy() {}

  /** The threads {@code network} trains with under this policy on this machine. */
  public static int threadsFor(Model network) {
    Integer fixed = override();
    if (fixed != null) {
      return fixed;
    }
    boolean small = network.numParams() <= SMALL_NETWORK_PARAMS && !hasSpatialLayers(network);
    return small ? 1 : cores();
  }

  /**
   * Sets this thread's OpenMP team size and OpenBLAS' thread count for training {@code network}.
   */
  public static int applyTo(Model network) {
    int threads = threadsFor(network);
    apply(threads);
    return threads;
  }

  public static void apply(int threads) {
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
  }

  /** One line for environment.json. */
  public static String describe() {
    Integer fixed = override();
    return fixed != null
        ? fixed + " thread(s) for every training (" + OVERRIDE_ENV + ")"
        : "1 thread for convolution-free networks up to "
            + SMALL_NETWORK_PARAMS
            + " parameters, "
            + cores()
            + (cores() < Runtime.getRuntime().availableProcessors()
                ? " (this worker's share of the cores)"
                : " (all cores)")
            + " otherwise";
  }

  static int cores() {
    int machine = Runtime.getRuntime().availableProcessors();
    String share = System.getProperty(CORES_PROPERTY);
    if (share == null || share.isBlank()) {
      return machine;
    }
    try {
      return Math.max(1, Math.min(machine, Integer.parseInt(share.trim())));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          CORES_PROPERTY + " must be a positive core count, got '" + share + "'");
    }
  }

  private static Integer override() {
    String value = System.getProperty("examlab.threads", System.getenv(OVERRIDE_ENV));
    if (value == null || value.isBlank() || value.equalsIgnoreCase("auto")) {
      return null;
    }
    try {
      int threads = Integer.parseInt(value.trim());
      if (threads >= 1) {
        return threads;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        OVERRIDE_ENV + " must be 'auto' or a positive thread count, got '" + value + "'");
  }

  private static boolean hasSpatialLayers(Model network) {
    if (network instanceof MultiLayerNetwork net) {
      for (var layer : net.getLayers()) {
        if (isSpatial(layer.conf().getLayer())) {
          return true;
        }
      }
    } else if (network instanceof ComputationGraph graph) {
      for (var layer : graph.getLayers()) {
        if (isSpatial(layer.conf().getLayer())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isSpatial(Layer conf) {
    return conf instanceof ConvolutionLayer
        || conf instanceof SubsamplingLayer
        || conf instanceof Upsampling2D;
  }
}
