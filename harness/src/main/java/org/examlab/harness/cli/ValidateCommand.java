package org.examlab.harness.cli;

import java.util.concurrent.Callable;
import org.examlab.harness.config.ConfigLoader;
import org.examlab.harness.config.ResolvedConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code examlab validate CONFIG [key=value ...]}: binds and checks, trains nothing, writes
 * nothing.
 */
@Command(
    name = "validate",
    description = "Check a config and its overrides without training; prints the resolved config.")
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand ExamLab parent;

  @Mixin ConfigArguments arguments;

  @Override
  public Integer call() throws Exception {
    ResolvedConfig<?> resolved = arguments.load(parent.experiments);
    System.out.print(ConfigLoader.strictYamlMapper().writeValueAsString(resolved.resolvedTree()));
    System.out.println("# " + arguments.config + ": valid (" + resolved.experiment().name() + ")");
    return ExamLab.EXIT_OK;
  }
}
