package org.examlab.harness.claims;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The configs of one claims report as a queue that worker processes share: a folder with the
 * configs in order ({@code order.txt}), one file per config a worker has taken (created atomically,
 * so no config is run twice) and one per config it finished: ran, reused or failed, in how many
 * seconds, and the run's folder, from which the report reads it as it would have read a run made in
 * its own process. A worker takes the next config no one has; longest first keeps the workers busy
 * to the end.
 */
public final class ConfigQueue {
  private final Path dir;
  private final List<String> configs;

  private ConfigQueue(Path dir, List<String> configs) {
    this.dir = dir;
    this.configs = List.copyOf(configs);
  }

  public static ConfigQueue create(Path dir, List<String> configs) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve("order.txt"), configs);
    return new ConfigQueue(dir, configs);
  }

  public static ConfigQueue open(Path dir) throws IOException {
    return new ConfigQueue(dir, Files.readAllLines(dir.resolve("order.txt")));
  }

  public List<String> configs() {
    return configs;
  }

  /** Takes config {@code index} for this worker; false if another worker already has it. */
  public boolean take(int index) throws IOException {
    try {
      Files.createFile(dir.resolve(index + ".taken"));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  /**
   * Records how the worker obtained config {@code index}: its run (or failure) and the seconds it
   * took.
   */
  public void finish(int index, DecidingRun run) throws IOException {
    String line =
        run.directory() != null
            ? String.format(
                Locale.ROOT,
                "%s %.3f %s",
                run.reused() ? "reused" : "ran",
                run.secondsHere(),
                run.directory().toAbsolutePath())
            : String.format(
                Locale.ROOT,
                "failed %.3f %s",
                run.secondsHere(),
                String.valueOf(run.error()).replace('\n', ' '));
    Path tmp = dir.resolve(index + ".done.tmp");
    Files.writeString(tmp, line + "\n");
    Files.move(tmp, dir.resolve(index + ".done"), StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The run a worker obtained for config {@code index}, read back from its folder, if the worker
   * finished it.
   */
  public Optional<DecidingRun> done(int index) throws IOException {
    Path file = dir.resolve(index + ".done");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String[] parts = Files.readString(file).trim().split(" ", 3);
    double seconds = Double.parseDouble(parts[1]);
    String config = configs.get(index);
    if (parts[0].equals("failed")) {
      return Optional.of(
          DecidingRun.failed(config, parts.length > 2 ? parts[2] : "").took(seconds));
    }
    return Optional.of(
        DecidingRun.read(config, Path.of(parts[2]), parts[0].equals("reused")).took(seconds));
  }
}
