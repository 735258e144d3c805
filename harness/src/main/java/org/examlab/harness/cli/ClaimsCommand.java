package org.examlab.harness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.examlab.harness.backend.BackendInfo;
import org.examlab.harness.backend.BackendSetup;
import org.examlab.harness.claims.ClaimResult;
import org.examlab.harness.claims.ClaimRunner;
import org.examlab.harness.claims.ClaimsReport;
import org.examlab.harness.claims.ConfigQueue;
import org.examlab.harness.claims.DecidingRun;
import org.examlab.harness.config.ClaimCatalog;
import org.examlab.harness.estimate.Estimate;
import org.examlab.harness.estimate.EstimateTable;
import org.examlab.harness.estimate.Estimator;
import org.examlab.harness.launch.Launcher;
import org.examlab.harness.run.CodeVersion;
import org.examlab.harness.run.ExperimentRunner;
import org.examlab.harness.run.RunDirectory;
import org.examlab.harness.run.RunStatus;
import org.examlab.harness.training.ProgressReporter;
import org.examlab.harness.validation.ConfigException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code examlab claims [--quick|--full] [--only ID ...] [--results DIR] [--launcher HOW]
 * [--list|--estimate]}: decides the exam claims of the catalog, reusing runs of the same config and
 * code, and writes the report; {@code --estimate} instead plans them: the estimated time of each
 * config on this machine.
 */
@Command(
    name = "claims",
    description =
        "Decide every exam claim (or those given with --only) and write REPORT.md and REPORT.html"
            + " under results/claims/. Finished runs of the same config and code version are reused, not re-trained.")
final class ClaimsCommand implements Callable<Integer> {
  @ParentCommand ExamLab parent;

  static final class Size {
    @Option(names = "--quick", description = "the 2-core CPU settings (default)")
    boolean quick;

    @Option(
        names = "--full",
        description = "the GPU settings: larger models and data, the same rules")
    boolean full;
  }

  @ArgGroup(exclusive = true)
  Size size = new Size();

  @Option(
      names = "--only",
      arity = "1..*",
      paramLabel = "ID",
      description = "only these claims (an ID such as 003-6a, or an exam number such as 000)")
  List<String> only = new ArrayList<>();

  @Mixin ResultsOption results;

  @Option(
      names = "--catalog",
      paramLabel = "FILE",
      description = "claim catalog (default: " + ClaimCatalog.DEFAULT_LOCATION + ")")
  Path catalogFile;

  @Option(
      names = "--list",
      description =
          "list every claim, the config that decides it and its latest verdict; runs nothing")
  boolean list;

  @Option(
      names = "--launcher",
      paramLabel = "HOW",
      defaultValue = "sequential",
      description =
          "sequential (default), or local:N: N worker processes take the configs, longest first (local: one per core);"
              + " the same runs, the same report")
  String launcher;

  /**
   * Set by --launcher local:N on the worker processes it starts: take configs from this queue,
   * write no report.
   */
  @Option(names = "--queue", paramLabel = "DIR", hidden = true)
  Path queue;

  @Option(
      names = "--estimate",
      description =
          "decide nothing: run a short measured slice of each config (first seed, every training cut"
              + " short, nothing written to results/) and print the estimated time of each on this machine")
  boolean estimate;

  /**
   * Set by --estimate on the process it starts for one config: estimate only it and print the
   * result as one JSON line.
   */
  @Option(names = "--estimate-config", paramLabel = "CONFIG", hidden = true)
  String estimateConfig;

  @Override
  public Integer call() throws Exception {
    Path root = results.root(parent.home);
    ExperimentRunner experimentRunner =
        new ExperimentRunner(root, parent.home, ProgressReporter.forConsole());
    ClaimRunner runner =
        new ClaimRunner(parent.experiments, experimentRunner, root, parent.home.resolve("configs"));
    // A worker or an estimate process of a launch: the launching process checked every config
    // already.
    if (queue != null) {
      return work(runner, ConfigQueue.open(queue));
    }
    if (estimateConfig != null) {
      return estimateHere(estimateConfig);
    }
    ClaimCatalog catalog;
    List<ClaimCatalog.Entry> entries;
    Set<String> configs = new LinkedHashSet<>();
    catalog =
        ClaimCatalog.load(
            catalogFile != null ? catalogFile : parent.home.resolve(ClaimCatalog.DEFAULT_LOCATION));
    entries = select(catalog);
    for (ClaimCatalog.Entry e : entries) {
      if (!e.pending(size.full) && e.testable()) {
        runner.load(e.config(size.full)); // every config is checked before anything runs
        configs.add(e.config(size.full));
      }
    }
    Launcher how;
    try {
      how = Launcher.parse(launcher);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--launcher", "", e.getMessage());
    }
    if (list) {
      return list(runner, catalog, entries);
    }
    return estimate
        ? estimate(configs, root)
        : decide(runner, catalog, entries, configs, root, how);
  }

  private List<ClaimCatalog.Entry> select(ClaimCatalog catalog) throws ConfigException {
    if (only.isEmpty()) {
      return catalog.entries();
    }
    for (String id : only) {
      if (catalog.entries().stream().noneMatch(e -> e.selectedBy(id))) {
        throw new ConfigException(
            "--only", "", "no claim '" + id + "' in the catalog; see examlab claims --list");
      }
    }
    return catalog.entries().stream().filter(e -> only.stream().anyMatch(e::selectedBy)).toList();
  }

  private int decide(
      ClaimRunner runner,
      ClaimCatalog catalog,
      List<ClaimCatalog.Entry> entries,
      Set<String> configs,
      Path root,
      Launcher how)
      throws IOException, InterruptedException {
    long begun = System.nanoTime();
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now());
    RunDirectory dir =
        RunDirectory.createNamed(root.resolve("claims"), stamp + (size.full ? "-full" : "-quick"));
    Files.delete(dir.plots()); // the report embeds the runs' plots; it has none of its own
    Map<String, DecidingRun> runs = runWorkers(how, runner, catalog, configs, root, dir.path());
    ClaimsReport report =
        ClaimsReport.of(catalog, entries, runs, size.full)
            .timed((System.nanoTime() - begun) / 1e9, how.describe());
    report.write(dir.path(), root);
    dir.markFinished();

    System.out.println();
    for (ClaimsReport.Row r : report.rows()) {
      ClaimResult c = r.result();
      System.out.printf(
          Locale.ROOT,
          "  %-22s %-13s%s%n",
          r.id(),
          r.verdict(),
          r.disagrees()
              ? "  (disagrees with the exam, which " + c.stanceText() + ")"
              : r.note() != null ? "  " + r.note() : "");
    }
    System.out.println();
    report.countLines().forEach(l -> System.out.println("  " + l));
    System.out.println("  report: " + dir.path().resolve("REPORT.md"));
    System.out.println("          " + dir.path().resolve("REPORT.html"));
    boolean anyFailed = runs.values().stream().anyMatch(r -> r.status() == RunStatus.FAILED);
    return anyFailed ? ExamLab.EXIT_RUN_FAILED : ExamLab.EXIT_OK;
  }

  /**
   * Reuses or runs {@code config} here; a config that cannot run is a failed row, not the end of
   * the report.
   */
  private static DecidingRun obtain(ClaimRunner runner, String config) {
    long started = System.nanoTime();
    DecidingRun run;
    try {
      run = runner.decide(config);
    } catch (ConfigException | IOException | RuntimeException e) {
      run = DecidingRun.failed(config, e.getMessage());
    }
    return run.took((System.nanoTime() - started) / 1e9);
  }

  private static String outcome(DecidingRun run) {
    return String.format(
        Locale.ROOT,
        "%s %s in %.0f s: %s",
        run.reused() ? "reused" : "ran",
        run.config(),
        run.secondsHere(),
        run.directory() != null ? run.directory() : "failed: " + run.error());
  }

  /**
   * Every config runs in a worker process of its own, so the memory a config's run takes (ND4J's
   * off-heap buffers above all) is returned to the machine before the next one starts, and its
   * summary's peak resident memory is that config's alone: sequential runs one such process at a
   * time, {@code local:N} keeps N going (each with its share of the memory caps and cores). The
   * configs go through a {@link ConfigQueue} in the report's folder, longest first (by each
   * config's latest run); each is printed as it finishes. A config whose process died without
   * finishing it (killed, out of memory) is a failed row naming its log; its run folder is dead and
   * the next report resumes it.
   */
  private Map<String, DecidingRun> runWorkers(
      Launcher how,
      ClaimRunner runner,
      ClaimCatalog catalog,
      Set<String> configs,
      Path root,
      Path reportDir)
      throws IOException, InterruptedException {
    List<String> order = new ArrayList<>(configs);
    Map<String, Double> expected = new LinkedHashMap<>();
    for (String c : order) {
      double seconds = Double.NaN;
      try {
        seconds = runner.latest(c).map(DecidingRun::wallSeconds).orElse(Double.NaN);
      } catch (ConfigException | IOException e) {
        // no history here: the catalog's figure, if any
      }
      if (!Double.isFinite(seconds) && !size.full) {
        seconds = catalog.quickSeconds().getOrDefault(c, Double.NaN);
      }
      expected.put(c, Double.isFinite(seconds) ? seconds : Double.MAX_VALUE); // unknown: first
    }
    if (how.workers()
        > 1) { // one at a time, the catalog's order reads best; with N at once, longest first ends
      // soonest
      order.sort(java.util.Comparator.comparing(expected::get).reversed());
    }
    ConfigQueue work = ConfigQueue.create(reportDir.resolve("queue"), order);
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "claims",
                size.full ? "--full" : "--quick",
                "--results",
                root.toAbsolutePath().toString(),
                "--queue",
                reportDir.resolve("queue").toAbsolutePath().toString()));
    if (!only.isEmpty()) {
      arguments.add("--only");
      arguments.addAll(only);
    }
    if (catalogFile != null) {
      arguments.addAll(List.of("--catalog", catalogFile.toAbsolutePath().toString()));
    }
    Path logs = reportDir.resolve("workers");
    System.out.printf(
        Locale.ROOT,
        "%d configs, each in a process of its own, %d at a time (logs: %s)%n",
        order.size(),
        how.workers(),
        logs);
    List<Process> started = new ArrayList<>();
    Map<String, DecidingRun> done = new LinkedHashMap<>();
    while (true) {
      long alive = started.stream().filter(Process::isAlive).count();
      while (alive < how.workers()
          && started.size() < order.size()) { // a process per config: each takes the next one
        started.add(how.startWorker(started.size(), arguments, logs));
        alive++;
      }
      for (int i = 0; i < order.size(); i++) {
        if (!done.containsKey(order.get(i))) {
          var finished = work.done(i);
          if (finished.isPresent()) {
            done.put(order.get(i), finished.get());
            System.out.printf(
                Locale.ROOT, "[%d/%d] %s%n", done.size(), order.size(), outcome(finished.get()));
          }
        }
      }
      if (alive == 0 && started.size() == order.size()) {
        break;
      }
      Thread.sleep(250);
    }
    Map<String, DecidingRun> runs = new LinkedHashMap<>();
    for (String config : configs) { // the catalog's order
      DecidingRun run = done.get(config);
      if (run == null) {
        int i = order.indexOf(config);
        run =
            DecidingRun.failed(
                config,
                "its worker process ended without finishing it (killed, or out of memory?): see "
                    + (i < started.size() ? logs.resolve("worker-" + i + ".log") : logs)
                    + "; the next report resumes its run");
        System.out.printf(Locale.ROOT, "      %s%n", outcome(run));
      }
      runs.put(config, run);
    }
    return runs;
  }

  /**
   * A worker: takes the next config from the queue, decides it and ends (memory goes back with the
   * process).
   */
  private static int work(ClaimRunner runner, ConfigQueue queue) throws IOException {
    for (int i = 0; i < queue.configs().size(); i++) {
      if (queue.take(i)) {
        String config = queue.configs().get(i);
        System.out.println("worker " + ProcessHandle.current().pid() + ": " + config);
        DecidingRun run = obtain(runner, config);
        queue.finish(i, run);
        System.out.println("      " + outcome(run));
        return ExamLab.EXIT_OK;
      }
    }
    return ExamLab.EXIT_OK;
  }

  /**
   * One estimate per config, each in a process of its own (a config that exhausts the machine's
   * memory, as the 16-bit binary-cnn did, is killed alone and shown as failed: the others still get
   * their estimate), printed as it finishes, then the table with the total.
   */
  private int estimate(Set<String> configs, Path root)
      throws ConfigException, IOException, InterruptedException {
    List<Estimate> estimates = new ArrayList<>();
    Path logs = Files.createTempDirectory("examlab-estimate-logs");
    int k = 0;
    for (String config : configs) {
      k++;
      List<String> arguments =
          new ArrayList<>(
              List.of(
                  "claims",
                  "--estimate-config",
                  config,
                  "--results",
                  root.toAbsolutePath().toString()));
      List<Process> process = Launcher.SEQUENTIAL.start(i -> arguments, logs);
      int status = process.get(0).waitFor();
      Estimate e = readEstimate(config, logs.resolve("worker-0.log"), status);
      estimates.add(e);
      System.out.printf(
          Locale.ROOT,
          "[%d/%d] %-26s %s (slice of %d trainings measured in %.0f s)%n",
          k,
          configs.size(),
          config,
          e.failed()
              ? "failed: " + e.error()
              : String.format(
                  Locale.ROOT,
                  "%s (%.0f s) for %d seed%s",
                  Estimate.duration(e.seconds()),
                  e.seconds(),
                  e.seeds(),
                  e.seeds() == 1 ? "" : "s"),
          e.trainings(),
          e.sliceSeconds());
    }
    deleteRecursively(logs);
    BackendInfo backend = BackendSetup.start(BackendSetup.ofThisBuild());
    String machine =
        String.format(
            Locale.ROOT,
            "%d cores, %s backend (%s)",
            Runtime.getRuntime().availableProcessors(),
            backend.backend(),
            backend.nativeBuild());
    System.out.println();
    EstimateTable.lines(estimates, machine).forEach(System.out::println);
    return estimates.stream().anyMatch(Estimate::failed)
        ? ExamLab.EXIT_RUN_FAILED
        : ExamLab.EXIT_OK;
  }

  private static final String ESTIMATE_LINE = "estimate-json ";

  /**
   * The process of one config's estimate: runs its slice and prints the estimate as one line of
   * JSON.
   */
  private int estimateHere(String config) throws ConfigException, IOException {
    Estimator estimator = new Estimator(parent.experiments, parent.home, ProgressReporter.silent());
    Estimate e = estimator.estimate(config, parent.home.resolve("configs").resolve(config));
    System.out.println(
        ESTIMATE_LINE + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(e));
    return ExamLab.EXIT_OK;
  }

  /**
   * The estimate a config's process printed; if it printed none (killed, crashed), a failed
   * estimate saying how it ended.
   */
  static Estimate readEstimate(String config, Path log, int status) throws IOException {
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    for (String line : lines) {
      if (line.startsWith(ESTIMATE_LINE)) {
        return new com.fasterxml.jackson.databind.ObjectMapper()
            .readValue(line.substring(ESTIMATE_LINE.length()), Estimate.class);
      }
    }
    String how =
        status == 137
            ? "killed by signal 9 (SIGKILL: on Linux usually the kernel's out-of-memory killer)"
            : status > 128
                ? "killed by signal " + (status - 128)
                : "ended with exit status " + status;
    String last = lines.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
    return new Estimate(
        config,
        "",
        0,
        0,
        0,
        0,
        0,
        "its process " + how + (last.isEmpty() ? "" : "; last line: " + last));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private int list(ClaimRunner runner, ClaimCatalog catalog, List<ClaimCatalog.Entry> entries)
      throws IOException {
    Map<String, Optional<DecidingRun>> latest = new LinkedHashMap<>();
    String code = CodeVersion.current();
    System.out.printf(
        Locale.ROOT,
        "%-14s %-28s %-30s %s%n",
        "claim",
        "quick config / full config",
        "latest verdict",
        "topic");
    for (ClaimCatalog.Entry e : entries) {
      if (!e.testable() || e.pending(size.full)) {
        System.out.printf(
            Locale.ROOT,
            "%-14s %-28s %-30s %s%n",
            e.id(),
            "—",
            e.testable() ? "not yet decided" : "untestable",
            e.topic() + (e.testable() ? "" : " (" + e.untestable() + ")"));
        continue;
      }
      String config = e.config(size.full);
      Optional<DecidingRun> run =
          latest.computeIfAbsent(
              config,
              c -> {
                try {
                  return runner.latest(c);
                } catch (ConfigException | IOException ex) {
                  return Optional.empty();
                }
              });
      String verdicts =
          run.map(
                  r -> {
                    List<String> v =
                        r.claims().stream()
                            .filter(c -> catalog.entryFor(c.id()).orElse(null) == e)
                            .map(c -> c.verdict().name())
                            .distinct()
                            .toList();
                    String when =
                        r.directory().getFileName()
                            + (code.equals(ClaimRunner.codeVersionOf(r.directory()))
                                ? ""
                                : ", older code");
                    return (v.isEmpty() ? "no verdict" : String.join("/", v)) + " (" + when + ")";
                  })
              .orElse("none yet");
      Optional<java.nio.file.Path> unfinished = Optional.empty();
      try {
        unfinished = runner.unfinished(config);
      } catch (ConfigException ex) {
        // a config the catalog names but that does not load: its verdict column says so already
      }
      verdicts +=
          unfinished
              .map(
                  d ->
                      RunDirectory.state(d) == RunDirectory.State.DEAD
                          ? "; killed run " + d.getFileName() + " (dead, resumable)"
                          : "; running now: " + d.getFileName())
              .orElse("");
      String configs =
          e.quick() == null
              ? "— / " + e.full()
              : e.full() == null
                  ? e.quick() + " / —"
                  : e.quick() + (e.full().equals(e.quick()) ? "" : " / " + e.full());
      System.out.printf(
          Locale.ROOT, "%-14s %-28s %-30s %s%n", e.id(), configs, verdicts, e.topic());
    }
    return ExamLab.EXIT_OK;
  }
}
