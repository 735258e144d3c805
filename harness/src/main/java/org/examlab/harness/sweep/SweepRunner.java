package org.examlab.harness.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.examlab.harness.config.ConfigLoader;
import org.examlab.harness.config.ResolvedConfig;
import org.examlab.harness.experiment.ExperimentRegistry;
import org.examlab.harness.run.CodeVersion;
import org.examlab.harness.run.ExperimentRunner;
import org.examlab.harness.run.RunDirectory;
import org.examlab.harness.run.RunStatus;
import org.examlab.harness.settings.SweepSettings;
import org.examlab.harness.validation.ConfigException;
import org.examlab.harness.verdict.ClaimSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sweep: every variant of the plan for every seed, each as its own complete run in {@code
 * results/<experiment>/sweep-<config>-<hash>/runs/<variant>__seed<k>/}, then the aggregate. The
 * folder's name comes from the config and the axes (not the seeds), so running the same command
 * again finds it, reuses every finished run and runs only what is missing.
 */
public final class SweepRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);

  private final ExperimentRegistry experiments;
  private final ExperimentRunner runner;
  private final Path resultsRoot;

  public SweepRunner(ExperimentRegistry experiments, ExperimentRunner runner, Path resultsRoot) {
    this.experiments = experiments;
    this.runner = runner;
    this.resultsRoot = resultsRoot;
  }

  /** One run of the sweep: which variant and seed, where, and whether it was reused. */
  public record Point(
      SweepPlan.Variant variant, long seed, Path directory, boolean reused, RunStatus status) {}

  public record Outcome(Path directory, List<Point> points, SweepAggregate aggregate) {
    public long executed() {
      return points.stream().filter(p -> !p.reused()).count();
    }
  }

  private <C> void checkInputs(ResolvedConfig<C> config) throws ConfigException {
    config.experiment().checkInputs(config.settings(), runner.home());
  }

  /**
   * The share of a sweep's points one local worker runs: those whose position in the plan (variants
   * in order, seeds within each) modulo {@code count} is {@code index}.
   */
  public record Shard(int index, int count) {
    public Shard {
      if (count < 1 || index < 0 || index >= count) {
        throw new IllegalArgumentException(
            "shard must be i/N with 0 <= i < N, got " + index + "/" + count);
      }
    }

    public static Shard parse(String text) {
      String[] parts = text.split("/");
      try {
        return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("shard must be i/N, got '" + text + "'");
      }
    }

    boolean owns(int position) {
      return position % count == index;
    }
  }

  public Outcome run(Path configFile, List<String> overrides, List<String> axisArguments)
      throws ConfigException, IOException {
    return run(configFile, overrides, axisArguments, null);
  }

  /**
   * A point still to run: its position in the plan (the shard {@code position/total} runs it alone)
   * and its run folder's name.
   */
  public record Missing(int position, String name) {}

  /** Where a sweep's runs go, how many points it has and which of them are still to run. */
  public record Schedule(Path directory, int total, List<Missing> missing) {}

  /**
   * Validates every point, as {@link #run} does, and lists those without a finished run; runs
   * nothing.
   */
  public Schedule schedule(Path configFile, List<String> overrides, List<String> axisArguments)
      throws ConfigException, IOException {
    Prepared p = prepare(configFile, overrides, axisArguments);
    List<Missing> missing = new ArrayList<>();
    int position = 0;
    for (SweepPlan.Variant v : p.plan().variants()) {
      for (long seed : p.seeds()) {
        String name = runName(v, seed);
        if (finishedRun(p.runsDir(), name).isEmpty()) {
          missing.add(new Missing(position, name));
        }
        position++;
      }
    }
    return new Schedule(p.sweepDir(), position, missing);
  }

  /**
   * As above; with a {@code shard}, runs only that share of the missing points and writes no
   * aggregate (null).
   */
  public Outcome run(
      Path configFile, List<String> overrides, List<String> axisArguments, Shard shard)
      throws ConfigException, IOException {
    Prepared p = prepare(configFile, overrides, axisArguments);
    List<Point> points = new ArrayList<>();
    int position = 0;
    for (SweepPlan.Variant v : p.plan().variants()) {
      for (long seed : p.seeds()) {
        if (shard != null && !shard.owns(position++)) {
          continue;
        }
        String name = runName(v, seed);
        Optional<Path> finished = finishedRun(p.runsDir(), name);
        if (finished.isPresent()) {
          points.add(new Point(v, seed, finished.get(), true, RunDirectory.status(finished.get())));
          continue;
        }
        Optional<Path> dead = deadRun(p.runsDir(), name);
        LOG.info(
            "sweep run {} seed {}{}",
            v.label(),
            seed,
            dead.map(d -> ": resuming the killed run in " + d).orElse(""));
        ExperimentRunner.Outcome outcome =
            dead.isPresent()
                ? runner.resume(p.configs().get(v).get(seed), dead.get())
                : runner.run(
                    p.configs().get(v).get(seed),
                    () -> RunDirectory.createNamed(p.runsDir(), name));
        points.add(
            new Point(v, seed, outcome.directory().path(), false, outcome.summary().status()));
      }
    }
    if (shard != null) {
      return new Outcome(p.sweepDir(), points, null);
    }
    SweepAggregate aggregate =
        SweepAggregate.write(
            p.sweepDir(), p.experiment(), p.plan(), points, p.metrics(), p.claims());
    return new Outcome(p.sweepDir(), points, aggregate);
  }

  private static String runName(SweepPlan.Variant v, long seed) {
    return v.directoryName() + "__seed" + seed;
  }

  /** A sweep bound and validated, point by point, and its folder made. */
  private record Prepared(
      String experiment,
      SweepPlan plan,
      List<Long> seeds,
      Map<SweepPlan.Variant, Map<Long, ResolvedConfig<?>>> configs,
      List<ClaimSpec> claims,
      List<String> metrics,
      Path sweepDir,
      Path runsDir) {}

  private Prepared prepare(Path configFile, List<String> overrides, List<String> axisArguments)
      throws ConfigException, IOException {
    ConfigLoader loader = new ConfigLoader(experiments);
    ResolvedConfig<?> base = loader.load(configFile, overrides);
    Map<String, List<JsonNode>> axes = axes(base, axisArguments, loader.mapper(), configFile);
    SweepPlan plan = SweepPlan.of(axes);
    List<ClaimSpec> claims = base.run().sweep() == null ? List.of() : base.run().sweep().claims();
    List<String> metrics = base.run().sweep() == null ? List.of() : base.run().sweep().metrics();

    // Bind and validate every point before anything runs: a bad value anywhere is exit 2, with
    // nothing written; the configs bound here are the ones that run.
    Map<SweepPlan.Variant, Map<Long, ResolvedConfig<?>>> configs = new LinkedHashMap<>();
    Set<String> measurable = new TreeSet<>();
    for (SweepPlan.Variant v : plan.variants()) {
      for (long seed : base.run().seeds()) {
        List<String> all = new ArrayList<>(overrides);
        all.addAll(v.overrides());
        all.add("seeds=[" + seed + "]");
        ResolvedConfig<?> config = loader.load(configFile, all);
        checkInputs(config);
        configs.computeIfAbsent(v, k -> new LinkedHashMap<>()).put(seed, config);
        measurable.addAll(measurementNames(config).stream().map(m -> v.label() + "." + m).toList());
      }
    }
    for (int i = 0; i < claims.size(); i++) {
      for (String name : claims.get(i).measurementNames()) {
        if (!measurable.contains(name)) {
          throw new ConfigException(
              "sweep.claims[" + i + "]",
              configFile.toString(),
              "claim "
                  + claims.get(i).id()
                  + " reads '"
                  + name
                  + "', which no variant of this sweep measures; variants: "
                  + plan.variants().stream().map(SweepPlan.Variant::label).toList());
        }
      }
    }

    String experiment = base.experiment().name();
    Path sweepDir =
        resultsRoot
            .resolve(experiment)
            .resolve(sweepName(configFile, base.resolvedTree(), axes, loader.mapper()));
    Path runsDir = sweepDir.resolve("runs");
    Files.createDirectories(runsDir);
    LOG.info(
        "sweep of {}: {} variants x {} seeds in {}",
        experiment,
        plan.variants().size(),
        base.run().seeds().size(),
        sweepDir);
    return new Prepared(
        experiment,
        plan,
        List.copyOf(base.run().seeds()),
        configs,
        claims,
        metrics,
        sweepDir,
        runsDir);
  }

  private static <C> Set<String> measurementNames(ResolvedConfig<C> config) {
    return config.experiment().measurements(config.settings(), config.run()).names();
  }

  /** The config's axes, with command-line axes added or replacing those of the same key. */
  private static Map<String, List<JsonNode>> axes(
      ResolvedConfig<?> base, List<String> arguments, ObjectMapper yaml, Path file)
      throws ConfigException {
    SweepSettings own = base.run().sweep();
    Map<String, List<JsonNode>> axes = new LinkedHashMap<>(own == null ? Map.of() : own.axes());
    for (String argument : arguments) {
      SweepPlan.AxisArgument axis;
      try {
        axis = SweepPlan.AxisArgument.parse(argument);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("", "sweep axis '" + argument + "'", e.getMessage());
      }
      List<JsonNode> values = new ArrayList<>();
      for (String text : axis.values()) {
        try {
          values.add(yaml.readTree(text));
        } catch (IOException e) {
          values.add(yaml.getNodeFactory().textNode(text));
        }
      }
      axes.put(axis.key(), values);
    }
    if (axes.isEmpty()) {
      throw new ConfigException(
          "sweep",
          file.toString(),
          "nothing to sweep: give axes as key=v1,v2,... or a sweep.axes section in the config");
    }
    try {
      new SweepSettings(axes, null, null); // the same checks as a config's own axes
    } catch (IllegalArgumentException e) {
      throw new ConfigException("sweep.axes", file.toString(), e.getMessage());
    }
    return axes;
  }

  private static final String SWEEP_PREFIX = "sweep-";

  /** The config file's name without .yaml: the middle of its sweeps' folder names. */
  private static String stem(Path configFile) {
    return configFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");
  }

  /**
   * Whether {@code folder} is named as a sweep of {@code configFile} ({@link #sweepName}), of any
   * code version.
   */
  public static boolean isSweepOf(Path folder, Path configFile) {
    return folder
        .getFileName()
        .toString()
        .matches(SWEEP_PREFIX + java.util.regex.Pattern.quote(stem(configFile)) + "-[0-9a-f]+");
  }

  /**
   * "sweep-<config>-<hash>": the hash covers the resolved config (but its seeds), the axes and the
   * code version, so a sweep resumes only runs made by the same code.
   */
  static String sweepName(
      Path configFile, ObjectNode resolved, Map<String, List<JsonNode>> axes, ObjectMapper mapper) {
    ObjectNode identity = resolved.deepCopy();
    identity.remove("seeds");
    identity.remove("sweep");
    identity.set("axes", mapper.valueToTree(axes));
    identity.put("codeVersion", CodeVersion.current());
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(mapper.writeValueAsString(identity).getBytes(StandardCharsets.UTF_8));
      return SWEEP_PREFIX + stem(configFile) + "-" + HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The newest finished, not failed, run named {@code name} or {@code name-N}. */
  private static Optional<Path> finishedRun(Path runsDir, String name) throws IOException {
    try (Stream<Path> dirs = named(runsDir, name)) {
      return dirs.filter(RunDirectory::isFinished)
          .filter(d -> RunDirectory.status(d) != RunStatus.FAILED)
          .max(Comparator.comparing(d -> d.toFile().lastModified()));
    }
  }

  /**
   * The newest killed run named {@code name} or {@code name-N} (its owner gone, see {@link
   * RunDirectory#state}): resumed from its checkpoints instead of started over. The sweep's folder
   * name already pins the config and code version.
   */
  private static Optional<Path> deadRun(Path runsDir, String name) throws IOException {
    try (Stream<Path> dirs = named(runsDir, name)) {
      return dirs.filter(d -> RunDirectory.state(d) == RunDirectory.State.DEAD)
          .max(Comparator.comparing(d -> d.toFile().lastModified()));
    }
  }

  private static Stream<Path> named(Path runsDir, String name) throws IOException {
    return Files.list(runsDir)
        .filter(
            d ->
                d.getFileName().toString().equals(name)
                    || d.getFileName()
                        .toString()
                        .matches(java.util.regex.Pattern.quote(name) + "-\\d+"));
  }
}
