package org.examlab.harness.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.examlab.harness.backend.BackendInfo;
import org.examlab.harness.backend.BackendSetup;
import org.examlab.harness.backend.CnnBenchmark;
import org.examlab.harness.settings.Backend;
import org.examlab.harness.validation.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code examlab benchmark}: small-CNN training throughput on this machine and native build. */
@Command(
    name = "benchmark",
    description =
        "Measure small-CNN (LeNet-5, 28x28, batch 64) training samples/s with the current backend and native build.")
final class BenchmarkCommand implements Callable<Integer> {
  @Option(names = "--backend", description = "cpu or cuda (default: cpu)")
  Backend backend = Backend.CPU;

  @Option(names = "--batch", description = "batch size (default: 64)")
  int batch = 64;

  @Option(names = "--warmup", description = "untimed steps first (default: 20)")
  int warmup = 20;

  @Option(names = "--iterations", description = "timed steps (default: 100)")
  int iterations = 100;

  @Override
  public Integer call() throws ConfigException {
    BackendInfo info = BackendSetup.start(backend);
    CnnBenchmark.Result r = CnnBenchmark.run(batch, warmup, iterations);
    System.out.printf(
        Locale.ROOT,
        "cnn-lenet5 batch %d: %.1f samples/s (%d timed steps; backend %s, native build %s, "
            + "oneDNN %s, convolution helper %s, threads %s)%n",
        r.batchSize(),
        r.samplesPerSecond(),
        r.iterations(),
        info.backend(),
        info.nativeBuild(),
        info.oneDnn(),
        r.convolutionHelper(),
        info.nd4jEnvironment().getOrDefault("omp.threads", "?"));
    return ExamLab.EXIT_OK;
  }
}
