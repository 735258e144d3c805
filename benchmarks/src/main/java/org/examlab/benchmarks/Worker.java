package org.examlab.benchmarks;

import org.examlab.harness.backend.BackendInfo;
import org.examlab.harness.backend.BackendSetup;
import org.examlab.harness.settings.Backend;

/**
 * One engine timing one model, in a process of its own: the two engines' native libraries
 * (libnd4j, libtorch) each bring an OpenMP runtime and thread pool, and must not share a
 * process or each other's threads. Prints one {@code result} line of key=value pairs.
 *
 * <p>{@code java ... org.examlab.benchmarks.Worker <pytorch|examlab> <model>}
 */
public final class Worker {
  static final long SEED = 42;

  private Worker() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: Worker <pytorch|examlab> <model>");
      System.exit(2);
    }
    BenchmarkModel model = BenchmarkModel.named(args[1]);
    try (TrainingStep step = switch (args[0]) {
      case "pytorch" -> new PyTorchStep(model, SEED);
      case "examlab" -> {
        BackendInfo backend = BackendSetup.start(Backend.CPU);
        yield new ExamLabStep(model, SEED, backend);
      }
      default -> throw new IllegalArgumentException("engine must be pytorch or examlab, got " + args[0]);
    }) {
      StepTimer.Timing timing = StepTimer.time(step, model.batch());
      System.out.printf(java.util.Locale.ROOT, "result samplesPerSecond=%.3f steps=%d threads=%d engine=%s nativeBuild=%s%n",
          timing.samplesPerSecond(), timing.steps(), step.threads(), step.engine().replace(' ', '+'),
          step.nativeBuild().replace(' ', '+'));
    }
  }
}
