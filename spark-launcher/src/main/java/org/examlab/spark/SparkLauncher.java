package org.examlab.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.examlab.harness.launch.ClusterLauncher;
import org.examlab.harness.launch.Launcher;

/**
 * {@code examlab sweep CONFIG --launcher spark [--master URL]}: every missing point of the sweep is
 * one Spark task ({@link PointTask}), on an embedded {@code local[N]} master (N: the cores) unless
 * {@code --master} names another. Any Spark setting can be given as a system property ({@code
 * JAVA_OPTS=-Dspark.executor.cores=4}): SparkConf reads every {@code spark.*} one.
 *
 * <p>The driver ships each task the worker command of this machine: its java, its class path (the
 * default one of scripts/examlab, {@link Launcher#WORKER_CLASSPATH_PROPERTY}) and its memory caps
 * and cores divided by the tasks one machine runs at once (N of {@code local[N]}; on a cluster,
 * {@code spark.executor.cores} or else this machine's cores, one task per core). On a cluster every
 * node must therefore see the same paths: the project, the Maven repository and the results folder
 * (a shared file system), as the driver reads the runs' folders afterwards. The executors get the
 * same class path ({@code spark.executor.extraClassPath}), and Spark adds its Java 17 {@code
 * --add-opens} flags to their command itself.
 */
public final class SparkLauncher implements ClusterLauncher {
  private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)(?:,(\\d+))?])?");

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public List<String> run(String master, String title, List<Job> jobs, Path logDir)
      throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    String url = master != null ? master : "local[" + cores + "]";
    SparkConf conf =
        new SparkConf()
            .setMaster(url)
            .setAppName(title)
            .setIfMissing("spark.ui.enabled", "false")
            // an executor only waits for its points' processes, which have their own heaps
            .setIfMissing("spark.executor.memory", "512m")
            .setIfMissing("spark.task.maxFailures", "4")
            // one point per task, the longest ones are seconds to hours: no waiting for locality
            .setIfMissing("spark.locality.wait", "0s");
    boolean local = LOCAL.matcher(url).matches();
    if (!local) {
      conf.setIfMissing("spark.executor.extraClassPath", System.getProperty("java.class.path"));
    }
    int slots = slotsPerMachine(url, conf, cores);
    List<String> command = Launcher.workerCommand(slots);
    System.out.printf(
        "sweep: spark master %s, %d points as tasks, up to %d at once per machine (logs in %s)%n",
        url, jobs.size(), slots, logDir);

    try (JavaSparkContext spark = new JavaSparkContext(conf)) {
      LongAccumulator failedRuns = spark.sc().longAccumulator("examlab failed runs");
      SweepProgress progress = new SweepProgress(jobs.size(), failedRuns::value, System.out);
      spark.sc().addSparkListener(progress);
      ScheduledExecutorService ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "sweep-progress");
                t.setDaemon(true);
                return t;
              });
      ticker.scheduleAtFixedRate(
          progress::print,
          SweepProgress.EVERY.toSeconds(),
          SweepProgress.EVERY.toSeconds(),
          TimeUnit.SECONDS);
      try {
        spark
            .parallelize(jobs, jobs.size())
            .map(new PointTask(command, logDir, failedRuns))
            .collect();
        return List.of();
      } catch (
          Exception
              aborted) { // Scala declares no checked exceptions: collect() throws a SparkException
        // undeclared
        if (!(aborted instanceof SparkException)) {
          throw aborted;
        }
        // A point that failed spark.task.maxFailures times stops the Spark job; the others'
        // runs are kept, and the caller runs what is missing.
        System.err.println(
            "sweep: spark stopped: " + aborted.getMessage().lines().findFirst().orElse(""));
        Set<Integer> succeeded = progress.succeeded();
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
          if (!succeeded.contains(i)) {
            lost.add(jobs.get(i).name());
          }
        }
        return lost;
      } finally {
        ticker.shutdownNow();
        progress.print();
      }
    }
  }

  /**
   * How many tasks one machine runs at once: the worker command's memory and cores are divided by
   * it.
   */
  static int slotsPerMachine(String url, SparkConf conf, int cores) {
    Matcher m = LOCAL.matcher(url);
    if (m.matches()) {
      return m.group(1) == null
          ? 1
          : m.group(1).equals("*") ? cores : Math.max(1, Integer.parseInt(m.group(1)));
    }
    return Math.max(
        1, conf.getInt("spark.executor.cores", cores) / conf.getInt("spark.task.cpus", 1));
  }
}
