package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Compatibility shim for DL4J 1.0.0-M2.1, whose {@code BaseMKLDNNHelper.mklDnnEnabled()} looks up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.isUseMKLDNN()} by reflection. In M2.1 that class
 * moved to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment} and the method became
 * {@code isUseONEDNN()}, so the lookup always failed and every oneDNN layer helper (convolution,
 * pooling, batch norm, LSTM...) stayed off: about 5x slower CNN training. This class restores the
 * old name and forwards to the new one. It is looked up reflectively too, so the harness still
 * compiles against the CUDA backend, where neither class exists. Remove it when DL4J's lookup is
 * fixed upstream.
 */
public final class Nd4jCpu {
  private Nd4jCpu() {}

  public static final class Environment {
    private static final Environment INSTANCE = new Environment();
    private static final String MOVED_TO =
        "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

    private Environment() {}

    public static Environment getInstance() {
      return INSTANCE;
    }

    /** The name DL4J M2.1 asks for; answers what the native library reports for oneDNN. */
    public boolean isUseMKLDNN() {
      try {
        Class<?> moved = Class.forName(MOVED_TO);
        Object env = moved.getMethod("getInstance").invoke(null);
        Method useOneDnn = moved.getMethod("isUseONEDNN");
        return (Boolean) useOneDnn.invoke(env);
      } catch (ReflectiveOperationException | LinkageError e) {
        return false;
      }
    }
  }
}
