package org.examlab.harness.gpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Checks, before anything is downloaded or trained, whether this machine can run Exam Lab's CUDA
 * build (DL4J 1.0.0-M2.1, nd4j-cuda-11.4 or nd4j-cuda-11.6): an NVIDIA driver, at least one GPU, a
 * driver new enough for CUDA 11, and a GPU whose compute capability the build carries kernels for.
 *
 * <p>Depends on the JDK only, so {@code scripts/examlab} runs this very file with {@code java
 * GpuPreflight.java} before the Maven CUDA build exists; the JVM runs the same check in {@code
 * BackendSetup} before it starts the CUDA backend. Facts and sources: docs/gpu.md.
 */
public final class GpuPreflight {
  /** Exit status of a STOP, the project's "bad config or input" status. */
  public static final int EXIT_STOP = 2;

  /**
   * The SASS architectures embedded in libnd4jcuda.so of nd4j-cuda-11.4 and -11.6 1.0.0-M2.1
   * (linux-x86_64 and linux-x86_64-cudnn), read from the .nv_fatbin section of each library; the
   * libraries embed no PTX, so no newer GPU generation can JIT-compile them (docs/gpu.md).
   */
  public static final List<Integer> EMBEDDED_SM = List.of(37, 50, 52, 60, 61, 70, 75, 80, 86);

  /** NVIDIA's minimum Linux driver for any CUDA 11.x application (minor version compatibility). */
  public static final String MIN_DRIVER_CUDA11 = "450.80.02";

  /** The CUDA lines DL4J 1.0.0-M2.1 was released for. */
  public static final List<String> CUDA_LINES = List.of("11.4", "11.6");

  /**
   * The driver each toolkit's own GA release shipped with (full, not minor-version, compatibility).
   */
  static String toolkitDriver(String cudaLine) {
    return cudaLine.equals("11.4") ? "470.42.01" : "510.39.01";
  }

  static final String QUERY_FULL = "--query-gpu=index,name,driver_version,compute_cap,memory.total";
  static final String QUERY_NO_CC = "--query-gpu=index,name,driver_version,memory.total";
  static final String CSV = "--format=csv,noheader,nounits";

  private GpuPreflight() {}

  /** What running nvidia-smi gave: not found, or its exit status and output. */
  public record SmiResult(boolean found, int exitCode, String output) {
    public static SmiResult notFound() {
      return new SmiResult(false, -1, "");
    }

    public static SmiResult of(int exitCode, String output) {
      return new SmiResult(true, exitCode, output);
    }
  }

  /** Runs nvidia-smi with the given arguments; injectable so tests feed canned text. */
  @FunctionalInterface
  public interface NvidiaSmi {
    SmiResult run(List<String> args);
  }

  /** One GPU as nvidia-smi lists it; computeCapability is null if the driver cannot report it. */
  public record Gpu(
      int index, String name, String driver, String computeCapability, long memoryMiB) {
    /** Whether the M2.1 CUDA build has kernels this GPU can run (null: unknown). */
    public Boolean supported() {
      if (computeCapability == null) {
        return null;
      }
      int[] cc = parseCapability(computeCapability);
      return cc != null && runsOn(cc[0], cc[1]);
    }
  }

  public enum Verdict {
    GO,
    STOP
  }

  /** The preflight's decision, the GPUs it looked at, notes worth printing, and the message. */
  public record Report(
      Verdict verdict, String cudaLine, List<Gpu> gpus, List<String> notes, String message) {
    public boolean go() {
      return verdict == Verdict.GO;
    }

    public String text() {
      StringBuilder s = new StringBuilder();
      s.append("GPU preflight (DL4J 1.0.0-M2.1, CUDA ")
          .append(cudaLine)
          .append(" build): ")
          .append(go() ? "OK" : "STOP")
          .append('\n');
      for (Gpu g : gpus) {
        Boolean ok = g.supported();
        s.append(
            String.format(
                Locale.ROOT,
                "  GPU %d: %s, compute capability %s, %,d MiB, driver %s - %s%n",
                g.index(),
                g.name(),
                g.computeCapability() == null ? "unknown" : g.computeCapability(),
                g.memoryMiB(),
                g.driver(),
                ok == null ? "support unknown" : ok ? "supported" : "NOT supported"));
      }
      for (String n : notes) {
        s.append("  note: ").append(n).append('\n');
      }
      s.append(message);
      return s.toString();
    }
  }

  /** Whether a cubin for one of {@link #EMBEDDED_SM} runs on compute capability major.minor. */
  static boolean runsOn(int major, int minor) {
    // A cubin built for sm_XY runs on any GPU of compute capability X.Z with Z >= Y (same major).
    for (int sm : EMBEDDED_SM) {
      if (sm / 10 == major && sm % 10 <= minor) {
        return true;
      }
    }
    return false;
  }

  static int[] parseCapability(String cc) {
    String[] p = cc.trim().split("\\.");
    try {
      return new int[] {Integer.parseInt(p[0]), p.length > 1 ? Integer.parseInt(p[1]) : 0};
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      return null;
    }
  }

  /** Compares dotted driver versions numerically: 535.104.05 > 450.80.02. */
  static int compareVersions(String a, String b) {
    String[] x = a.trim().split("\\.");
    String[] y = b.trim().split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long u = i < x.length ? parseLong(x[i]) : 0;
      long v = i < y.length ? parseLong(y[i]) : 0;
      if (u != v) {
        return Long.compare(u, v);
      }
    }
    return 0;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.replaceAll("[^0-9]", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String howToRunOnCpu() {
    return "To run on the CPU instead: scripts/examlab run CONFIG backend=cpu (without EXAMLAB_BUILD=cuda); "
        + "the quick configs (without -full) are sized for a CPU. "
        + "To override this check at your own risk: EXAMLAB_GPU_PREFLIGHT=off.";
  }

  /**
   * Decides GO or STOP.
   *
   * @param cudaLine "11.4" or "11.6", the nd4j-cuda build that would run
   * @param smi runs nvidia-smi
   * @param visibleDevices the value of CUDA_VISIBLE_DEVICES, or null when unset
   */
  public static Report check(String cudaLine, NvidiaSmi smi, String visibleDevices) {
    List<String> notes = new ArrayList<>();
    if (!CUDA_LINES.contains(cudaLine)) {
      return new Report(
          Verdict.STOP,
          cudaLine,
          List.of(),
          notes,
          "CUDA "
              + cudaLine
              + " is not a line DL4J 1.0.0-M2.1 was released for; it ships nd4j-cuda-11.4 and "
              + "nd4j-cuda-11.6 only (nothing for CUDA 12 or later). Set EXAMLAB_CUDA=11.6 or EXAMLAB_CUDA=11.4.");
    }
    SmiResult r = smi.run(List.of(QUERY_FULL, CSV));
    if (!r.found()) {
      return new Report(
          Verdict.STOP,
          cudaLine,
          List.of(),
          notes,
          "no NVIDIA driver found: nvidia-smi is not on PATH, so this machine has no usable NVIDIA GPU. "
              + "The CUDA build needs an NVIDIA GPU of compute capability 3.7 to 8.9 and a driver >= "
              + MIN_DRIVER_CUDA11
              + ". "
              + howToRunOnCpu());
    }
    boolean ccKnown = true;
    if (r.exitCode() != 0 && r.output().toLowerCase(Locale.ROOT).contains("compute_cap")) {
      // Drivers before the compute_cap query field (R510) reject it: ask again without it.
      ccKnown = false;
      r = smi.run(List.of(QUERY_NO_CC, CSV));
    }
    if (r.exitCode() != 0) {
      return new Report(
          Verdict.STOP,
          cudaLine,
          List.of(),
          notes,
          "nvidia-smi failed (exit "
              + r.exitCode()
              + "): "
              + firstLine(r.output())
              + ". The NVIDIA driver is missing or not loaded; install or reload it (nvidia-smi must list the GPU). "
              + howToRunOnCpu());
    }
    List<Gpu> gpus = parse(r.output(), ccKnown);
    if (gpus.isEmpty()) {
      return new Report(
          Verdict.STOP,
          cudaLine,
          gpus,
          notes,
          "the NVIDIA driver lists no GPU (nvidia-smi: "
              + firstLine(r.output())
              + "). "
              + howToRunOnCpu());
    }
    List<Gpu> visible = visible(gpus, visibleDevices, notes);
    if (visible.isEmpty()) {
      return new Report(
          Verdict.STOP,
          cudaLine,
          gpus,
          notes,
          "CUDA_VISIBLE_DEVICES="
              + visibleDevices
              + " hides every GPU. Unset it or name a GPU index.");
    }
    String driver = visible.get(0).driver();
    if (compareVersions(driver, MIN_DRIVER_CUDA11) < 0) {
      return new Report(
          Verdict.STOP,
          cudaLine,
          gpus,
          notes,
          "NVIDIA driver "
              + driver
              + " is too old for CUDA "
              + cudaLine
              + ": any CUDA 11.x application needs "
              + ">= "
              + MIN_DRIVER_CUDA11
              + " on Linux ("
              + toolkitDriver(cudaLine)
              + " or newer for full compatibility). "
              + "Update the driver. "
              + howToRunOnCpu());
    }
    if (compareVersions(driver, toolkitDriver(cudaLine)) < 0) {
      notes.add(
          "driver "
              + driver
              + " is older than CUDA "
              + cudaLine
              + "'s own ("
              + toolkitDriver(cudaLine)
              + "); it runs through CUDA's minor version compatibility (>= "
              + MIN_DRIVER_CUDA11
              + ")"
              + (cudaLine.equals("11.6") && compareVersions(driver, toolkitDriver("11.4")) >= 0
                  ? "; EXAMLAB_CUDA=11.4 matches this driver fully"
                  : ""));
    }
    List<Gpu> unsupported = new ArrayList<>();
    List<Gpu> unknown = new ArrayList<>();
    for (Gpu g : visible) {
      Boolean ok = g.supported();
      if (ok == null) {
        unknown.add(g);
      } else if (!ok) {
        unsupported.add(g);
      }
      if (g.memoryMiB() > 0 && g.memoryMiB() < 8 * 1024) {
        notes.add(
            "GPU "
                + g.index()
                + " has "
                + g.memoryMiB()
                + " MiB: the -full configs are sized for 16 GB "
                + "(e.g. unet-full at batch 16 needs ~6-10 GB); lower training.batchSize if a run runs out of device memory");
      }
    }
    if (!unsupported.isEmpty()) {
      List<String> supportedIdx = new ArrayList<>();
      for (Gpu g : visible) {
        if (Boolean.TRUE.equals(g.supported())) {
          supportedIdx.add(String.valueOf(g.index()));
        }
      }
      Gpu first = unsupported.get(0);
      String why =
          "GPU "
              + first.index()
              + " ("
              + first.name()
              + ") has compute capability "
              + first.computeCapability()
              + ", which DL4J 1.0.0-M2.1's CUDA build cannot run: its kernels are compiled for sm_37 to sm_86 only "
              + "(Kepler K80 to Ampere/Ada, compute capability 3.7-8.9) with no PTX that a newer driver could compile, "
              + "and neither nd4j-cuda-11.4 nor -11.6 differs in this, so another CUDA line does not help. "
              + "On Hopper (9.0, H100/H200) or Blackwell (10.x, 12.x) expect CUDA's 'no kernel image is available for execution on the device'. ";
      if (!supportedIdx.isEmpty()) {
        why +=
            "This machine also has supported GPUs: run with CUDA_VISIBLE_DEVICES="
                + String.join(",", supportedIdx)
                + ". ";
      } else {
        why +=
            "Use a GPU of compute capability 3.7-8.9 (e.g. V100, T4, A100, A10, RTX 30xx/40xx, L4). ";
      }
      return new Report(Verdict.STOP, cudaLine, gpus, notes, why + howToRunOnCpu());
    }
    if (!unknown.isEmpty()) {
      notes.add(
          "this driver cannot report compute capability (nvidia-smi has no compute_cap field before R510): "
              + "the build runs on compute capability 3.7-8.9 only; a newer GPU fails with 'no kernel image is available'");
    }
    return new Report(
        Verdict.GO,
        cudaLine,
        gpus,
        notes,
        "ok: "
            + visible.size()
            + " GPU(s) usable by the CUDA "
            + cudaLine
            + " build (driver "
            + driver
            + ").");
  }

  static List<Gpu> parse(String csv, boolean withCapability) {
    List<Gpu> gpus = new ArrayList<>();
    for (String line : csv.split("\\R")) {
      String[] f = line.split(",");
      if (f.length < (withCapability ? 5 : 4)) {
        continue;
      }
      try {
        int index = Integer.parseInt(f[0].trim());
        String cc = withCapability ? f[3].trim() : null;
        if (cc != null && (cc.isEmpty() || cc.startsWith("[") || parseCapability(cc) == null)) {
          cc = null; // "[N/A]"
        }
        String mem = f[withCapability ? 4 : 3].trim().replaceAll("[^0-9]", "");
        gpus.add(
            new Gpu(index, f[1].trim(), f[2].trim(), cc, mem.isEmpty() ? 0 : Long.parseLong(mem)));
      } catch (NumberFormatException e) {
        // "No devices were found" and other non-rows
      }
    }
    return gpus;
  }

  private static List<Gpu> visible(List<Gpu> gpus, String visibleDevices, List<String> notes) {
    if (visibleDevices == null || visibleDevices.isBlank()) {
      return gpus;
    }
    Set<Integer> wanted = new LinkedHashSet<>();
    for (String part : visibleDevices.split(",")) {
      try {
        wanted.add(Integer.parseInt(part.trim()));
      } catch (NumberFormatException e) {
        notes.add(
            "CUDA_VISIBLE_DEVICES="
                + visibleDevices
                + " is not a list of indices: checking every GPU");
        return gpus;
      }
    }
    List<Gpu> out = new ArrayList<>();
    for (Gpu g : gpus) {
      if (wanted.contains(g.index())) {
        out.add(g);
      }
    }
    return out;
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return t.isEmpty() ? "(no output)" : nl < 0 ? t : t.substring(0, nl).strip();
  }

  /**
   * Runs the real nvidia-smi (or the program named by EXAMLAB_NVIDIA_SMI / -Dexamlab.nvidiaSmi).
   */
  public static NvidiaSmi system() {
    String cmd =
        System.getProperty(
            "examlab.nvidiaSmi", System.getenv().getOrDefault("EXAMLAB_NVIDIA_SMI", "nvidia-smi"));
    return args -> {
      List<String> command = new ArrayList<>();
      command.add(cmd);
      command.addAll(args);
      try {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return SmiResult.of(124, "nvidia-smi did not answer within 30 s");
        }
        return SmiResult.of(p.exitValue(), new String(out, StandardCharsets.UTF_8));
      } catch (IOException e) {
        return SmiResult.notFound();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return SmiResult.of(130, "interrupted");
      }
    };
  }

  /**
   * Whether the user switched the check off (EXAMLAB_GPU_PREFLIGHT=off or
   * -Dexamlab.gpuPreflight=off).
   */
  public static boolean disabled() {
    String v =
        System.getProperty(
            "examlab.gpuPreflight", System.getenv().getOrDefault("EXAMLAB_GPU_PREFLIGHT", "on"));
    return v.equalsIgnoreCase("off") || v.equals("0") || v.equalsIgnoreCase("false");
  }

  /** Runs the check on this machine. */
  public static Report checkThisMachine(String cudaLine) {
    return check(cudaLine, system(), System.getenv("CUDA_VISIBLE_DEVICES"));
  }

  /**
   * {@code java GpuPreflight.java [--cuda 11.6]}: prints the report, exits 0 (GO) or 2 (STOP).
   * {@code --quiet} prints only a STOP.
   */
  public static void main(String[] args) {
    String line = System.getenv().getOrDefault("EXAMLAB_CUDA", "11.6");
    boolean quiet = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--cuda") && i + 1 < args.length) {
        line = args[++i];
      } else if (args[i].equals("--quiet")) {
        quiet = true;
      }
    }
    Report report = checkThisMachine(line);
    if (!report.go() || !quiet) {
      (report.go() ? System.out : System.err).println(report.text());
    }
    System.exit(report.go() ? 0 : EXIT_STOP);
  }
}
