package org.examlab.harness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.examlab.harness.config.ConfigLoader;
import org.examlab.harness.config.ResolvedConfig;
import org.examlab.harness.run.ExperimentRunner;
import org.examlab.harness.run.RunDirectory;
import org.examlab.harness.training.ProgressReporter;
import org.examlab.harness.validation.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code examlab resume RUN_DIR}: continues a killed run (its RUNNING marker left, its owner gone)
 * from its trainings' checkpoints, in its own folder, with the config it recorded.
 */
@Command(
    name = "resume",
    description =
        "Continue a killed run from its last checkpoints, in its folder; ends as an uninterrupted run would.")
final class ResumeCommand implements Callable<Integer> {
  @ParentCommand ExamLab parent;

  @Parameters(
      index = "0",
      paramLabel = "RUN_DIR",
      description = "the killed run's folder (results/<experiment>/<run-id>)")
  Path runDir;

  @Override
  public Integer call() throws Exception {
    Path dir = runDir.toAbsolutePath().normalize();
    Path config = dir.resolve("config.yaml");
    if (!Files.isRegularFile(config)) {
      throw new ConfigException(
          "", dir.toString(), "not a run folder (no config.yaml): nothing to resume");
    }
    ResolvedConfig<?> resolved = new ConfigLoader(parent.experiments).load(config, List.of());
    // The folder's parent is results/<experiment>: its parent is the results root the run wrote to.
    Path root =
        dir.getParent() != null && dir.getParent().getParent() != null
            ? dir.getParent().getParent()
            : dir;
    System.out.println("resuming " + dir);
    return RunCommand.report(
        new ExperimentRunner(root, parent.home, ProgressReporter.forConsole())
            .resume(resolved, dir));
  }

  /**
   * The newest dead run under {@code root} made from the same resolved config as {@code config}.
   */
  static Optional<Path> deadRunOf(ResolvedConfig<?> config, Path root) throws IOException {
    Path runs = root.resolve(config.experiment().name());
    if (!Files.isDirectory(runs)) {
      return Optional.empty();
    }
    String wanted = ConfigLoader.strictYamlMapper().writeValueAsString(config.resolvedTree());
    try (Stream<Path> dirs = Files.list(runs)) {
      return dirs.filter(d -> RunDirectory.state(d) == RunDirectory.State.DEAD)
          .filter(d -> sameConfig(d, wanted))
          .max(Comparator.comparing(d -> d.getFileName().toString()));
    }
  }

  private static boolean sameConfig(Path dir, String wanted) {
    try {
      return Files.readString(dir.resolve("config.yaml")).equals(wanted);
    } catch (IOException e) {
      return false;
    }
  }
}
