package org.examlab.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone cluster on loopback for the tests: a master and workers, each a JVM of its own
 * started as {@code sbin/start-master.sh} and {@code start-worker.sh} would, on this test's class
 * path (the jars Maven resolved; there is no Spark installation).
 *
 * <p>A worker builds its executors' command from {@code SPARK_HOME}: it needs a {@code jars/}
 * folder there and the Scala version ({@code SPARK_SCALA_VERSION}) to do so. An empty {@code jars/}
 * is enough, since the driver gives its executors this class path ({@code
 * spark.executor.extraClassPath}).
 */
final class StandaloneCluster implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final Process master;
  private final List<Process> workers = new ArrayList<>();

  private StandaloneCluster(Path dir, int port, Process master) {
    this.dir = dir;
    this.port = port;
    this.master = master;
  }

  static StandaloneCluster start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("spark-home/jars"));
    int port = freePort();
    Process master =
        jvm(
            dir,
            "master",
            "org.apache.spark.deploy.master.Master",
            "--host",
            "127.0.0.1",
            "--port",
            String.valueOf(port),
            "--webui-port",
            String.valueOf(freePort()));
    StandaloneCluster cluster = new StandaloneCluster(dir, port, master);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return cluster;
      } catch (IOException notYet) {
        if (!master.isAlive() || System.nanoTime() > deadline) {
          cluster.close();
          throw new IOException(
              "the Spark master did not start; its log: " + dir.resolve("master.log"));
        }
        Thread.sleep(100);
      }
    }
  }

  String url() {
    return "spark://127.0.0.1:" + port;
  }

  /** Starts a worker offering {@code cores} cores to the master's applications. */
  Process startWorker(int cores) throws IOException {
    int i = workers.size();
    Process worker =
        jvm(
            dir,
            "worker-" + i,
            "org.apache.spark.deploy.worker.Worker",
            url(),
            "--host",
            "127.0.0.1",
            "--cores",
            String.valueOf(cores),
            "--memory",
            "1g",
            "--webui-port",
            String.valueOf(freePort()),
            "--work-dir",
            dir.resolve("work-" + i).toString());
    workers.add(worker);
    return worker;
  }

  @Override
  public void close() throws InterruptedException {
    for (Process p : workers) {
      p.destroy();
    }
    master.destroy();
    for (Process p : workers) {
      p.waitFor();
    }
    master.waitFor();
  }

  private static Process jvm(Path dir, String name, String mainClass, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx256m");
    command.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptions().split(" ")));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile());
    builder.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
    builder.environment().put("SPARK_SCALA_VERSION", "2.12");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder.start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
