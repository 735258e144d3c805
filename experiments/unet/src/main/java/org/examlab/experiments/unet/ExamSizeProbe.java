package org.examlab.experiments.unet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryUseMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.datasets.scenes.SceneGenerator;
import org.examlab.datasets.scenes.SceneType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * What the exam-size network ({@link ExamUNet#EXAM}) costs: its parameter count as the built graph
 * reports it, DL4J's own training-memory estimate from the configuration (activations, gradients,
 * im2col working memory, parameters and updater state; float32, no cache), and optionally one
 * measured training step: its wall time and memory.
 */
final class ExamSizeProbe {
  private static final double MB = 1024.0 * 1024.0;

  private ExamSizeProbe() {}

  /** Parameters of the exam's network as DL4J counts them, from the initialised graph. */
  static long parameterCount() {
    return ExamUNet.EXAM.build(0L, new Adam()).numParams();
  }

  /** DL4J's estimate of the memory one training step needs, in MiB: {fixed, per example}. */
  static double[] estimatedTrainingMegabytes() {
    ComputationGraphConfiguration conf = ExamUNet.EXAM.configuration(0L, new Adam());
    MemoryReport report = conf.getMemoryReport(ExamUNet.EXAM.inputType());
    long one =
        report.getTotalMemoryBytes(1, MemoryUseMode.TRAINING, CacheMode.NONE, DataType.FLOAT);
    long two =
        report.getTotalMemoryBytes(2, MemoryUseMode.TRAINING, CacheMode.NONE, DataType.FLOAT);
    return new double[] {(2 * one - two) / MB, (two - one) / MB};
  }

  /**
   * One measured step, in seconds and MiB: {@code workspaceMegabytes} is what ND4J's workspaces
   * hold after it (they keep their peak size for the next step), {@code peakResidentMegabytes} the
   * growth of the process's peak resident memory (VmHWM) over its resident memory before the step:
   * run it before any other training, while the process peak is still its current size.
   */
  record Step(double seconds, double workspaceMegabytes, double peakResidentMegabytes) {}

  static Step measureStep(int batch, long seed) throws IOException {
    DataSet data =
        new SceneGenerator(
                SceneType.CHECKERBOARD, ExamUNet.EXAM.height(), ExamUNet.EXAM.width(), 0.05)
            .sample(batch, seed);
    long residentBefore = Pointer.physicalBytes();
    ComputationGraph graph = ExamUNet.EXAM.build(seed, new Adam(1e-3));
    long start = System.nanoTime();
    graph.fit(data);
    double seconds = (System.nanoTime() - start) / 1e9;
    long workspaces =
        Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread().stream()
            .mapToLong(MemoryWorkspace::getCurrentSize)
            .sum();
    Step step = new Step(seconds, workspaces / MB, (peakResidentBytes() - residentBefore) / MB);
    graph.close();
    return step;
  }

  /** VmHWM of /proc/self/status: the most memory this process has held resident (Linux). */
  private static long peakResidentBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IOException("no VmHWM in /proc/self/status");
  }
}
