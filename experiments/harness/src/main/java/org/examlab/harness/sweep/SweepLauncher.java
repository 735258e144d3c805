package org.examlab.harness.sweep;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a sweep's runs are started: one after another in this process ({@code sequential}), or
 * by {@code local:N} worker processes on this machine, each running every N-th point (see
 * {@link SweepRunner.Shard}). Most runs of a sweep are small networks that train fastest on one
 * thread (ThreadPolicy), which leaves the other cores idle; N processes use them. Each run is
 * the same run as in the sequential sweep (its own seed, folder and thread count), so the
 * aggregate, written afterwards by this process from the runs' folders, is the same file.
 */
public record SweepLauncher(int workers) {
  public static final SweepLauncher SEQUENTIAL = new SweepLauncher(1);

  public SweepLauncher {
    if (workers < 1 || workers > 64) {
      throw new IllegalArgumentException("workers must be in [1, 64], got " + workers);
    }
  }

  /** "sequential", "local:N" or "local" (one worker per core). */
  public static SweepLauncher parse(String text) {
    String t = text.trim();
    if (t.equals("sequential")) {
      return SEQUENTIAL;
    }
    if (t.equals("local")) {
      return new SweepLauncher(Runtime.getRuntime().availableProcessors());
    }
    if (t.startsWith("local:")) {
      try {
        return new SweepLauncher(Integer.parseInt(t.substring("local:".length())));
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException("launcher must be sequential, local or local:N, got '" + text + "'");
  }

  /**
   * Starts the workers on {@code sweepArguments} (the sweep command's own arguments, results
   * folder included) and waits for them; each writes its output to {@code logDir/worker-<i>.log}.
   * Returns the workers that failed (their runs are retried by the sequential pass after).
   */
  public List<Integer> runWorkers(List<String> sweepArguments, Path logDir) throws IOException, InterruptedException {
    Files.createDirectories(logDir);
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      List<String> command = new ArrayList<>(javaCommand());
      command.add("sweep");
      command.addAll(sweepArguments);
      command.add("--shard");
      command.add(i + "/" + workers);
      File log = logDir.resolve("worker-" + i + ".log").toFile();
      processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start());
    }
    List<Integer> failed = new ArrayList<>();
    for (int i = 0; i < processes.size(); i++) {
      if (processes.get(i).waitFor() != 0) {
        failed.add(i);
      }
    }
    return failed;
  }

  /** This JVM again: same java, options (memory caps, examlab.home) and classpath, the CLI's main class. */
  private static List<String> javaCommand() {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("org.examlab.harness.cli.ExamLab");
    return command;
  }
}
