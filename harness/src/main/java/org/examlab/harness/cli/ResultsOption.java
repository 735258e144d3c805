package org.examlab.harness.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --results DIR}, shared by every command that writes or reads runs. */
final class ResultsOption {
  @Option(
      names = "--results",
      paramLabel = "DIR",
      description = "results folder (default: results/ in the project)")
  Path dir;

  /** The folder given, or the project's own results/. */
  Path root(Path home) {
    return dir != null ? dir : home.resolve("results");
  }
}
