package org.examlab.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.examlab.harness.config.ConfigLoader;
import org.examlab.harness.experiment.Experiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code examlab list}: experiments, the claims each decides, and the configs that run them. */
@Command(
    name = "list",
    description = "List experiments, the claim IDs each decides, and their configs.")
final class ListCommand implements Callable<Integer> {
  @ParentCommand ExamLab parent;

  @Option(
      names = "--configs",
      paramLabel = "DIR",
      description = "config folder (default: configs/ in the project)")
  Path configs;

  @Override
  public Integer call() throws IOException {
    Path dir = configs != null ? configs : parent.home.resolve("configs");
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
      }
    }
    for (Experiment<?> e : parent.experiments.all()) {
      System.out.println(e.name() + " - " + e.summary());
      System.out.println("  claims:  " + String.join(", ", e.claimIds()));
      for (Path f : files) {
        if (e.name().equals(experimentOf(f))) {
          System.out.println(
              "  config:  " + parent.home.relativize(f.toAbsolutePath().normalize()));
        }
      }
    }
    return ExamLab.EXIT_OK;
  }

  /**
   * The config's experiment, following {@code extends} (a -full config names it only in its base).
   */
  private static String experimentOf(Path file) {
    for (int depth = 0; depth < 10 && file != null; depth++) {
      try {
        JsonNode tree = ConfigLoader.strictYamlMapper().readTree(file.toFile());
        if (tree == null) {
          return null;
        }
        if (tree.hasNonNull("experiment")) {
          return tree.get("experiment").asText();
        }
        file =
            tree.hasNonNull("extends") ? file.resolveSibling(tree.get("extends").asText()) : null;
      } catch (IOException e) {
        return null;
      }
    }
    return null;
  }
}
