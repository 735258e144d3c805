package org.examlab.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The PyTorch side-by-side benchmark: for each model, rounds that alternate the engines (PyTorch,
 * then Exam Lab), each in fresh worker processes started on an idle machine; the median round
 * per engine is the figure. Prints one line per model,
 * {@code model <name> pytorch <samples/s> examlab <samples/s> ratio <examlab/pytorch>}, and with
 * {@code --doc FILE} rewrites that file's generated section with the table.
 *
 * <p>{@code --rounds N} (default 3), {@code --models a,b} (default all), {@code --doc FILE},
 * {@code --command "..."} (the command recorded in the doc).
 */
public final class SideBySide {
  private SideBySide() {}

  public static void main(String[] args) throws Exception {
    int rounds = 3;
    List<BenchmarkModel> models = Arrays.asList(BenchmarkModel.ALL);
    Path doc = null;
    String command = "scripts/benchmark-vs-pytorch";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--models" -> models = Arrays.stream(args[++i].split(",")).map(BenchmarkModel::named).toList();
        case "--doc" -> doc = Path.of(args[++i]);
        case "--command" -> command = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; options: --rounds N, --models a,b, --doc FILE, --command TEXT");
      }
    }
    List<Comparison> rows = new ArrayList<>();
    for (BenchmarkModel model : models) {
      List<Measurement> pytorch = new ArrayList<>();
      List<Measurement> examlab = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        pytorch.add(measure(Engine.PYTORCH, model));
        examlab.add(measure(Engine.EXAMLAB, model));
      }
      Comparison row = new Comparison(model, Measurement.median(pytorch), Measurement.median(examlab), rounds,
          Range.of(pytorch), Range.of(examlab));
      rows.add(row);
      System.out.printf(Locale.ROOT, "model %s pytorch %.1f examlab %.1f ratio %.2f%n",
          model.name(), row.pytorch().samplesPerSecond(), row.examlab().samplesPerSecond(), row.ratio());
    }
    if (doc != null) {
      BenchmarkDoc.write(doc, rows, command);
    }
  }

  enum Engine {
    PYTORCH("pytorch"),
    EXAMLAB("examlab");

    final String arg;

    Engine(String arg) {
      this.arg = arg;
    }
  }

  /**
   * One engine's figure for one model. With several worker processes (independent trainings run
   * side by side, as the suite runs them) the figure is their summed throughput.
   */
  record Measurement(double samplesPerSecond, int threads, int processes, String engine, String nativeBuild,
      double busyBefore, String loadAverage) {
    static Measurement median(List<Measurement> rounds) {
      List<Measurement> sorted = new ArrayList<>(rounds);
      sorted.sort((a, b) -> Double.compare(a.samplesPerSecond, b.samplesPerSecond));
      return sorted.get(sorted.size() / 2);
    }
  }

  /** The lowest and highest round: how much the machine let the figure move. */
  record Range(double low, double high) {
    static Range of(List<Measurement> rounds) {
      return new Range(rounds.stream().mapToDouble(Measurement::samplesPerSecond).min().orElse(Double.NaN),
          rounds.stream().mapToDouble(Measurement::samplesPerSecond).max().orElse(Double.NaN));
    }
  }

  record Comparison(BenchmarkModel model, Measurement pytorch, Measurement examlab, int rounds, Range pytorchRange,
      Range examlabRange) {
    double ratio() {
      return examlab.samplesPerSecond() / pytorch.samplesPerSecond();
    }
  }

  private static Measurement measure(Engine engine, BenchmarkModel model) throws IOException, InterruptedException {
    double busy = IdleWait.untilIdle();
    String load = IdleWait.loadAverage();
    int processes = engine == Engine.EXAMLAB ? SuiteParallelism.workersFor(model) : 1;
    List<Process> workers = new ArrayList<>();
    for (int p = 0; p < processes; p++) {
      workers.add(new ProcessBuilder(workerCommand(engine, model)).redirectError(ProcessBuilder.Redirect.DISCARD).start());
    }
    double total = 0;
    String[] last = null;
    for (Process worker : workers) {
      String out = new String(worker.getInputStream().readAllBytes());
      if (worker.waitFor() != 0) {
        throw new IllegalStateException(engine.arg + " worker for " + model.name() + " failed (exit " + worker.exitValue() + "): " + out);
      }
      String line = out.lines().filter(l -> l.startsWith("result ")).reduce((a, b) -> b)
          .orElseThrow(() -> new IllegalStateException("no result line from the " + engine.arg + " worker: " + out));
      last = line.split(" ");
      total += Double.parseDouble(value(last, "samplesPerSecond"));
    }
    System.err.printf(Locale.ROOT, "  %s %s: %.1f samples/s (%d process(es), busy before %.0f%%, load %s)%n",
        model.name(), engine.arg, total, processes, busy * 100, load);
    return new Measurement(total, Integer.parseInt(value(last, "threads")), processes, value(last, "engine").replace('+', ' '),
        value(last, "nativeBuild").replace('+', ' '), busy, load);
  }

  private static String value(String[] fields, String key) {
    return Arrays.stream(fields).filter(f -> f.startsWith(key + "=")).map(f -> f.substring(key.length() + 1)).findFirst()
        .orElseThrow(() -> new IllegalStateException("worker result has no " + key));
  }

  private static List<String> workerCommand(Engine engine, BenchmarkModel model) {
    String java = ProcessHandle.current().info().command().orElse("java");
    return List.of(java, "-Xmx4g", "-Dorg.bytedeco.javacpp.maxbytes=8G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=0",
        "-Dexamlab.maxResidentBytes=16G", // as scripts/examlab runs the suite: ResidentMemoryGuard
        "-Dai.djl.offline=true", "-Djava.awt.headless=true",
        "-cp", System.getProperty("java.class.path"), Worker.class.getName(), engine.arg, model.name());
  }
}
