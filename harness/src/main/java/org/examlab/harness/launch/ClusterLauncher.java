package org.examlab.harness.launch;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A launcher that runs the jobs of a sweep on a cluster engine and lives in a module of its own,
 * found through {@link ServiceLoader} like the experiments: the Spark one (spark-launcher), which
 * scripts/examlab puts on the class path only when {@code --launcher spark} is given, so no other
 * command pays Spark's start-up.
 *
 * <p>A job is one worker process's CLI arguments (the command that precedes them is {@link
 * Launcher#workerCommand}); a job whose process is lost is run again, and finds the finished points
 * in the sweep folder as every launcher does.
 */
public interface ClusterLauncher {

  /** One worker process: a name for its log, and the CLI arguments after the worker command. */
  record Job(String name, List<String> arguments) implements Serializable {
    public Job {
      arguments = List.copyOf(arguments);
    }
  }

  /** The {@code --launcher} name that selects it. */
  String name();

  /**
   * Runs every job, each in its own worker process, on {@code master} (null: this launcher's
   * default), their logs in {@code logDir}; returns when all have ended, with the names of the jobs
   * that did not succeed (their points are then missing, and run elsewhere).
   */
  List<String> run(String master, String title, List<Job> jobs, Path logDir) throws Exception;

  /** The launcher called {@code name} on the class path, if any. */
  static Optional<ClusterLauncher> named(String name) {
    return ServiceLoader.load(ClusterLauncher.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(l -> l.name().equals(name))
        .findFirst();
  }
}
