package org.examlab.harness.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.examlab.harness.backend.BackendInfo;
import org.examlab.harness.backend.ResidentMemoryGuard;
import org.examlab.harness.backend.ThreadPolicy;

/** environment.json: where a run's numbers came from, so a reader can tell two runs apart. */
public final class EnvironmentReport {
  private EnvironmentReport() {}

  public static Map<String, Object> describe(
      BackendInfo backend, List<Long> seeds, Path projectHome) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("examlabVersion", version());
    env.put("codeVersion", CodeVersion.current());
    env.put("gitCommit", gitCommit(projectHome));
    env.put("javaVersion", System.getProperty("java.version"));
    env.put("javaVm", System.getProperty("java.vm.name"));
    env.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    env.put("cpu", cpuModel());
    env.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    env.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    env.put("javacppMaxBytes", System.getProperty("org.bytedeco.javacpp.maxbytes"));
    env.put("javacppMaxPhysicalBytes", System.getProperty("org.bytedeco.javacpp.maxphysicalbytes"));
    env.put("maxResidentBytes", System.getProperty(ResidentMemoryGuard.LIMIT_PROPERTY));
    env.put("dl4jVersion", "1.0.0-M2.1");
    env.put("backend", backend.backend());
    env.put("nativeBuild", backend.nativeBuild());
    env.put("nativeLibrary", backend.nativeLibrary());
    env.put("oneDnn", backend.oneDnn());
    env.put("convolutionHelper", backend.convolutionHelper());
    env.put("gpu", org.examlab.harness.backend.BackendSetup.gpu()); // null on the CPU
    env.put("threads", backend.nd4jEnvironment().getOrDefault("omp.threads", "unknown"));
    env.put(
        "threadPolicy",
        ThreadPolicy.describe()); // what each training actually gets; see ThreadPolicy
    env.put("seeds", seeds);
    env.put("nd4j", backend.nd4jEnvironment());
    return env;
  }

  private static String version() {
    String v = EnvironmentReport.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse(System.getProperty("os.arch"));
    } catch (IOException e) {
      return System.getProperty("os.arch");
    }
  }

  static String gitCommit(Path projectHome) {
    try {
      Process p =
          new ProcessBuilder("git", "-C", projectHome.toString(), "rev-parse", "HEAD")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return "unknown";
      }
      Process dirty =
          new ProcessBuilder(
                  "git",
                  "-C",
                  projectHome.toString(),
                  "status",
                  "--porcelain",
                  "--untracked-files=no")
              .redirectErrorStream(true)
              .start();
      String changes = new String(dirty.getInputStream().readAllBytes()).trim();
      dirty.waitFor(5, TimeUnit.SECONDS);
      return changes.isEmpty() ? out : out + "-dirty";
    } catch (IOException | RuntimeException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
