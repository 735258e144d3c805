package org.examlab.harness.launch;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.examlab.harness.backend.ThreadPolicy;
import org.examlab.harness.run.CodeVersion;

/**
 * Where the jobs of a sweep or of the claims report run: one after another in this process ({@code
 * sequential}), or in {@code local:N} worker processes on this machine (Hydra's launcher model: the
 * jobs are a list, the launcher decides where they run). Most of the suite's trainings are small
 * networks that train fastest on one thread (ThreadPolicy), which leaves the other cores idle; N
 * processes use them.
 *
 * <p>A worker is this JVM again (same java, options and classpath) running the same CLI command
 * with its own share of the jobs; each job is the same run it would be sequentially (its own seed,
 * folder and thread count), so what is computed from the runs' folders afterwards is the same. The
 * process's memory caps ({@code -Xmx}, JavaCPP's {@code maxbytes} and {@code maxphysicalbytes}, the
 * resident-size cap of {@link org.examlab.harness.backend.ResidentMemoryGuard}) and its cores are
 * divided among the workers, so N of them stay within what one was allowed: a small network trains
 * on one thread as always, a convolution net on the worker's share of the cores ({@link
 * ThreadPolicy#CORES_PROPERTY}) instead of on all of them. Two workers each running two OpenMP
 * threads of a convolution net on two cores were measured 4x slower than one (the unet config: over
 * 12 minutes against 159 s). Such a training's numbers then match the sequential run's within
 * floating-point tolerance, not bit for bit (ThreadPolicyTest: one thread against two);
 * convolution-free ones are the same runs. Workers still running when this process ends (Ctrl-C)
 * are stopped with it.
 */
public record Launcher(int workers) {
  public static final Launcher SEQUENTIAL = new Launcher(1);
  private static final Pattern MEMORY_OPTION =
      Pattern.compile(
          "(-Xmx|-Dorg\\.bytedeco\\.javacpp\\.(?:maxbytes|maxphysicalbytes)=|-Dexamlab\\.maxResidentBytes=)"
              + "(\\d+)([kKmMgG]?)");

  public Launcher {
    if (workers < 1 || workers > 64) {
      throw new IllegalArgumentException("workers must be in [1, 64], got " + workers);
    }
  }

  /** "sequential", "local:N" or "local" (one worker per core). */
  public static Launcher parse(String text) {
    String t = text.trim();
    if (t.equals("sequential")) {
      return SEQUENTIAL;
    }
    if (t.equals("local")) {
      return new Launcher(Runtime.getRuntime().availableProcessors());
    }
    if (t.startsWith("local:")) {
      try {
        return new Launcher(Integer.parseInt(t.substring("local:".length())));
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException(
        "launcher must be sequential, local or local:N, got '" + text + "'");
  }

  public String describe() {
    return workers == 1 ? "sequential" : "local:" + workers;
  }

  /**
   * Starts the workers, worker {@code i} on the CLI arguments {@code arguments.apply(i)}, each
   * writing its output to {@code logDir/worker-<i>.log}, and returns without waiting.
   */
  public List<Process> start(IntFunction<List<String>> arguments, Path logDir) throws IOException {
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      processes.add(startWorker(i, arguments.apply(i), logDir));
    }
    return processes;
  }

  /**
   * Starts one worker process, number {@code index}, on the CLI arguments {@code arguments}, its
   * output in {@code logDir/worker-<index>.log}; it is stopped with this process (Ctrl-C).
   */
  public Process startWorker(int index, List<String> arguments, Path logDir) throws IOException {
    Files.createDirectories(logDir);
    List<String> command = new ArrayList<>(workerCommand(workers));
    command.addAll(arguments);
    File log = logDir.resolve("worker-" + index + ".log").toFile();
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
    return process;
  }

  /** Waits for {@code processes}; returns the indices of those that failed. */
  public static List<Integer> await(List<Process> processes) throws InterruptedException {
    List<Integer> failed = new ArrayList<>();
    for (int i = 0; i < processes.size(); i++) {
      if (processes.get(i).waitFor() != 0) {
        failed.add(i);
      }
    }
    return failed;
  }

  /** {@link #start} and {@link #await}. */
  public List<Integer> run(IntFunction<List<String>> arguments, Path logDir)
      throws IOException, InterruptedException {
    return await(start(arguments, logDir));
  }

  /**
   * The system property naming the class path worker processes run on, when it is not this JVM's:
   * the Spark launcher's driver runs on Spark's class path, its workers on the default one
   * (scripts/examlab sets it), so a point runs on exactly the jars of a sequential sweep.
   */
  public static final String WORKER_CLASSPATH_PROPERTY = CodeVersion.RUNS_CLASSPATH_PROPERTY;

  /**
   * This JVM again, with its memory caps and cores divided among {@code shares} processes running
   * at once, on the CLI's main class: the command a worker's CLI arguments follow (the local
   * workers', and the Spark launcher's tasks', which the driver builds and ships).
   */
  public static List<String> workerCommand(int shares) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    List<String> options =
        new ArrayList<>(
            dividedMemory(ManagementFactory.getRuntimeMXBean().getInputArguments(), shares));
    // each worker's share of the cores: a convolution net trains on it instead of on every core
    options.removeIf(o -> o.startsWith("-D" + ThreadPolicy.CORES_PROPERTY + "="));
    options.add(
        "-D"
            + ThreadPolicy.CORES_PROPERTY
            + "="
            + Math.max(1, Runtime.getRuntime().availableProcessors() / shares));
    String home = System.getProperty("examlab.home");
    if (home
        != null) { // the project folder this process works in, also when it was set after start
      options.removeIf(o -> o.startsWith("-Dexamlab.home="));
      options.add("-Dexamlab.home=" + home);
    }
    options.removeIf(o -> o.startsWith("-D" + WORKER_CLASSPATH_PROPERTY + "="));
    command.addAll(options);
    command.add("-cp");
    command.add(
        System.getProperty(WORKER_CLASSPATH_PROPERTY, System.getProperty("java.class.path")));
    command.add("org.examlab.harness.cli.ExamLab");
    return command;
  }

  /**
   * JVM options with every memory cap (heap, JavaCPP off-heap, process) divided by {@code workers};
   * a cap of 0 (JavaCPP's: none) stays 0.
   */
  static List<String> dividedMemory(List<String> jvmOptions, int workers) {
    List<String> divided = new ArrayList<>();
    for (String option : jvmOptions) {
      Matcher m = MEMORY_OPTION.matcher(option);
      divided.add(
          m.matches()
              ? String.format(
                  Locale.ROOT,
                  "%s%d%s",
                  m.group(1),
                  share(Long.parseLong(m.group(2)), workers),
                  m.group(3))
              : option);
    }
    return divided;
  }

  /** A cap's share: 0 (no cap) stays 0, any other cap at least 1. */
  private static long share(long cap, int workers) {
    return cap == 0 ? 0 : Math.max(1, cap / workers);
  }
}
