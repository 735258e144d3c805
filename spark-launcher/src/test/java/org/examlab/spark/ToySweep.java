package org.examlab.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.examlab.harness.cli.ExamLab;
import org.examlab.harness.experiment.ExperimentRegistry;
import org.examlab.harness.toy.ToyConfigs;

/** A tiny sweep of the harness's toy experiment, run through the CLI as a user runs it. */
final class ToySweep {
  private ToySweep() {}

  /** The toy with the {@code widths} over {@code seeds}: a point per width and seed. */
  static Path config(Path dir, String widths, String seeds) throws IOException {
    String yaml =
        ToyConfigs.VALID
                .replace("diagnostics:\n  enabled: true", "diagnostics:\n  enabled: false")
                .replace("seeds: [1, 2]", "seeds: " + seeds)
            + """
        sweep:
          axes:
            toy.hidden: %s
          metrics: [toy.accuracy, toy.final_loss]
        """
                .formatted(widths);
    return ToyConfigs.write(dir, "toy-sweep.yaml", yaml);
  }

  record Result(int status, String out) {}

  /**
   * {@code examlab sweep CONFIG --results RESULTS extra...} in this JVM; its output is kept and
   * echoed.
   */
  static Result sweep(Path config, Path results, String... extra) {
    List<String> args =
        new ArrayList<>(List.of("sweep", config.toString(), "--results", results.toString()));
    args.addAll(List.of(extra));
    PrintStream out = System.out;
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new Tee(out, kept), true, StandardCharsets.UTF_8));
    try {
      int status =
          ExamLab.commandLine(ExperimentRegistry.fromClasspath(), config.getParent())
              .execute(args.toArray(String[]::new));
      return new Result(status, kept.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
    }
  }

  /** The one sweep folder under {@code results/toy}. */
  static Path folder(Path results) throws IOException {
    try (Stream<Path> made = Files.list(results.resolve("toy"))) {
      // The sweep's own folder (sweep-<config>-<hash>), not a sibling such as a worker-log folder.
      return made.filter(Files::isDirectory)
          .filter(d -> d.getFileName().toString().startsWith("sweep-"))
          .sorted()
          .findFirst()
          .orElseThrow();
    }
  }

  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int c) throws IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) throws IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }
  }
}
