package org.examlab.harness.cli;

import java.util.concurrent.Callable;
import org.examlab.harness.gpu.GpuInfo;
import org.examlab.harness.gpu.GpuPreflight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code examlab doctor}: can this machine run the CUDA build? The GPU preflight, without starting
 * ND4J or downloading anything. Exit 0 if the CUDA build can run here, 2 if not (and why).
 * scripts/examlab runs the same check before any build, so a GPU user asks before downloading.
 */
@Command(
    name = "doctor",
    description =
        "Check this machine for the CUDA build (driver, GPUs, compute capability) without starting ND4J.")
final class DoctorCommand implements Callable<Integer> {
  @Option(
      names = "--cuda",
      paramLabel = "LINE",
      description =
          "CUDA line to check: 11.4 or 11.6 (default: the build on the classpath, else $EXAMLAB_CUDA, else 11.6)")
  String cuda;

  @Override
  public Integer call() {
    String line = cuda;
    if (line == null) {
      line = GpuInfo.cudaLineOnClasspath();
    }
    if (line == null) {
      line = System.getenv().getOrDefault("EXAMLAB_CUDA", "11.6");
    }
    String onClasspath = GpuInfo.cudaLineOnClasspath();
    System.out.println(
        "this build: "
            + (onClasspath == null
                ? "CPU (EXAMLAB_BUILD=cuda builds the CUDA " + line + " one)"
                : "CUDA " + onClasspath));
    GpuPreflight.Report report = GpuPreflight.checkThisMachine(line);
    System.out.println(report.text());
    return report.go() ? ExamLab.EXIT_OK : ExamLab.EXIT_BAD_INPUT;
  }
}
