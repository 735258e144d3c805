package org.examlab.harness.claims;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.examlab.harness.config.ConfigLoader;
import org.examlab.harness.config.ResolvedConfig;
import org.examlab.harness.experiment.ExperimentRegistry;
import org.examlab.harness.run.CodeVersion;
import org.examlab.harness.run.ExperimentRunner;
import org.examlab.harness.run.RunDirectory;
import org.examlab.harness.run.RunStatus;
import org.examlab.harness.run.SummaryFile;
import org.examlab.harness.sweep.SweepRunner;
import org.examlab.harness.validation.ConfigException;

/**
 * Gets the verdicts of one config as cheaply as is honest: a finished run of the same resolved
 * config made by the same code version is reused; a killed one is resumed from its checkpoints;
 * otherwise the config runs now. Sweeps resume through {@link SweepRunner}, whose directory name
 * already covers config and code version.
 */
public final class ClaimRunner {
  private final ExperimentRegistry experiments;
  private final ExperimentRunner runner;
  private final Path resultsRoot;
  private final Path configsRoot;

  public ClaimRunner(
      ExperimentRegistry experiments, ExperimentRunner runner, Path resultsRoot, Path configsRoot) {
    this.experiments = experiments;
    this.runner = runner;
    this.resultsRoot = resultsRoot;
    this.configsRoot = configsRoot;
  }

  /** Loads a catalog config; a bad one is a ConfigException like any config's. */
  public ResolvedConfig<?> load(String config) throws ConfigException {
    return new ConfigLoader(experiments).load(configsRoot.resolve(config), List.of());
  }

  /** Reuses or runs {@code config} (relative to configs/) and reads back its verdicts. */
  public DecidingRun decide(String config) throws ConfigException, IOException {
    ResolvedConfig<?> resolved = load(config);
    if (resolved.run().sweep() != null) {
      SweepRunner.Outcome outcome =
          new SweepRunner(experiments, runner, resultsRoot)
              .run(configsRoot.resolve(config), List.of(), List.of());
      return DecidingRun.read(config, outcome.directory(), outcome.executed() == 0);
    }
    Optional<Path> reusable = latestRun(resolved, true);
    if (reusable.isPresent()) {
      return DecidingRun.read(config, reusable.get(), true);
    }
    Optional<Path> dead = deadRun(resolved);
    ExperimentRunner.Outcome outcome =
        dead.isPresent() ? runner.resume(resolved, dead.get()) : runner.run(resolved);
    return DecidingRun.read(config, outcome.directory().path(), false);
  }

  /**
   * The newest run of {@code config} that has not finished, still running or dead (resumable), for
   * {@code claims --list}: the state tells which (see {@link RunDirectory#state}).
   */
  public Optional<Path> unfinished(String config) throws ConfigException, IOException {
    ResolvedConfig<?> resolved = load(config);
    Path dir = resultsRoot.resolve(resolved.experiment().name());
    if (resolved.run().sweep() != null || !Files.isDirectory(dir)) {
      return Optional.empty();
    }
    String wanted = configText(resolved);
    try (Stream<Path> runs = Files.list(dir)) {
      return runs.filter(Files::isDirectory)
          .filter(
              r ->
                  RunDirectory.state(r) == RunDirectory.State.DEAD
                      || RunDirectory.state(r) == RunDirectory.State.RUNNING)
          .filter(r -> wanted.equals(read(r.resolve("config.yaml"))))
          .max(Comparator.comparing(r -> r.getFileName().toString()));
    }
  }

  /**
   * The newest killed run of the same resolved config by the same code version: resumed from its
   * checkpoints instead of started over (a run still going in another terminal is RUNNING, not
   * dead, and is left alone).
   */
  private Optional<Path> deadRun(ResolvedConfig<?> config) throws IOException {
    Path dir = resultsRoot.resolve(config.experiment().name());
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    String wanted = configText(config);
    String code = CodeVersion.current();
    try (Stream<Path> runs = Files.list(dir)) {
      return runs.filter(Files::isDirectory)
          .filter(r -> RunDirectory.state(r) == RunDirectory.State.DEAD)
          .filter(r -> code.equals(codeVersionOf(r)))
          .filter(r -> wanted.equals(read(r.resolve("config.yaml"))))
          .max(Comparator.comparing(r -> r.getFileName().toString()));
    }
  }

  /**
   * The newest finished verdict for {@code config} of any code version, for {@code claims --list}.
   */
  public Optional<DecidingRun> latest(String config) throws ConfigException, IOException {
    ResolvedConfig<?> resolved = load(config);
    Optional<Path> dir =
        resolved.run().sweep() != null ? latestSweep(resolved, config) : latestRun(resolved, false);
    return dir.isPresent()
        ? Optional.of(DecidingRun.read(config, dir.get(), true))
        : Optional.empty();
  }

  /** The code version a run was made by, from its environment.json ("" if unknown). */
  public static String codeVersionOf(Path runDir) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(runDir.resolve("environment.json").toFile())
          .path("codeVersion")
          .asText("");
    } catch (IOException e) {
      return "";
    }
  }

  private Optional<Path> latestRun(ResolvedConfig<?> config, boolean sameCode) throws IOException {
    Path dir = resultsRoot.resolve(config.experiment().name());
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    String wanted = configText(config);
    String code = CodeVersion.current();
    try (Stream<Path> runs = Files.list(dir)) {
      return runs.filter(Files::isDirectory)
          .filter(RunDirectory::isFinished)
          .filter(r -> RunDirectory.status(r) != RunStatus.FAILED)
          .filter(r -> !sameCode || code.equals(codeVersionOf(r)))
          .filter(r -> wanted.equals(read(r.resolve("config.yaml"))))
          .max(Comparator.comparing(r -> r.getFileName().toString()));
    }
  }

  /** The newest finished sweep of this config (SweepRunner names the folders). */
  private Optional<Path> latestSweep(ResolvedConfig<?> config, String configFile)
      throws IOException {
    Path dir = resultsRoot.resolve(config.experiment().name());
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> sweeps = Files.list(dir)) {
      return sweeps
          .filter(s -> SweepRunner.isSweepOf(s, Path.of(configFile)))
          .filter(s -> Files.isRegularFile(s.resolve(SummaryFile.NAME)))
          .max(Comparator.comparing(s -> s.resolve(SummaryFile.NAME).toFile().lastModified()));
    }
  }

  private static String configText(ResolvedConfig<?> config) throws JsonProcessingException {
    return ConfigLoader.strictYamlMapper().writeValueAsString(config.resolvedTree());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return null;
    }
  }
}
