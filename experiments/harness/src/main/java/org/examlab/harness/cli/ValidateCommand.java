package org.examlab.harness.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.examlab.harness.config.ConfigException;
import org.examlab.harness.config.ConfigLoader;
import org.examlab.harness.config.ResolvedConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code examlab validate CONFIG [key=value ...]}: binds and checks, trains nothing, writes nothing. */
@Command(name = "validate", description = "Check a config and its overrides without training; prints the resolved config.")
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand ExamLab parent;

  @Parameters(index = "0", paramLabel = "CONFIG", description = "the experiment's YAML config")
  Path config;

  @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "overrides, e.g. training.epochs=3")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    try {
      ResolvedConfig<?> resolved = new ConfigLoader(parent.experiments).load(config, overrides);
      System.out.print(ConfigLoader.strictYamlMapper().writeValueAsString(resolved.resolvedTree()));
      System.out.println("# " + config + ": valid (" + resolved.experiment().name() + ")");
      return ExamLab.EXIT_OK;
    } catch (ConfigException e) {
      System.err.println("error: " + e.getMessage());
      return ExamLab.EXIT_BAD_INPUT;
    }
  }
}
