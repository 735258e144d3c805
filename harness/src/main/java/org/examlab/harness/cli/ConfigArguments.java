package org.examlab.harness.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.examlab.harness.config.ConfigLoader;
import org.examlab.harness.config.ResolvedConfig;
import org.examlab.harness.experiment.ExperimentRegistry;
import org.examlab.harness.validation.ConfigException;
import picocli.CommandLine.Parameters;

/** {@code CONFIG [KEY=VALUE ...]}, shared by the commands that take a config (a picocli mixin). */
final class ConfigArguments {
  @Parameters(index = "0", paramLabel = "CONFIG", description = "the experiment's YAML config")
  Path config;

  @Parameters(
      index = "1..*",
      paramLabel = "KEY=VALUE",
      description = "overrides, e.g. training.epochs=3 seeds=[1,2]")
  List<String> overrides = new ArrayList<>();

  ResolvedConfig<?> load(ExperimentRegistry experiments) throws ConfigException {
    return new ConfigLoader(experiments).load(config, overrides);
  }
}
