package org.examlab.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code results/<experiment>/<run-id>/}: created new for every run, never reused. The run id is
 * the start time, with a counter if two runs start in the same second; the directory is claimed
 * with an atomic create, so two processes can never share one.
 *
 * <p>While a run is in progress the directory holds a {@code RUNNING} marker; files are written to
 * a temporary name and moved into place, so no half-written file passes as complete.
 */
public final class RunDirectory {
  public static final String RUNNING_MARKER = "RUNNING";
  public static final String FAILED_MARKER = "FAILED";
  private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path path;
  private final String runId;

  private RunDirectory(Path path) {
    this.path = path;
    this.runId = path.getFileName().toString();
  }

  public static RunDirectory create(Path resultsRoot, String experiment, LocalDateTime now)
      throws IOException {
    return createNamed(resultsRoot.resolve(experiment), ID.format(now));
  }

  /** A new directory {@code parent/base}, or {@code base-2}, {@code base-3}... if taken. */
  public static RunDirectory createNamed(Path parent, String base) throws IOException {
    Files.createDirectories(parent);
    for (int attempt = 1; attempt < 10_000; attempt++) {
      Path candidate = parent.resolve(attempt == 1 ? base : base + "-" + attempt);
      try {
        Files.createDirectory(candidate);
        RunDirectory dir = new RunDirectory(candidate);
        Files.createDirectory(dir.plots());
        dir.writeText(
            RUNNING_MARKER,
            "This run has not finished; its files may be incomplete.\n" + Owner.current().text());
        return dir;
      } catch (FileAlreadyExistsException taken) {
        // another run started this second; try the next id
      }
    }
    throw new IOException("no free run id under " + parent);
  }

  /**
   * Takes over the dead run in {@code dir} to resume it (see {@link #state}): its RUNNING marker
   * names this process as the owner from now on. Two processes resuming the same folder at once
   * cannot both get it: the first to create its {@code RESUMING} lock file does.
   *
   * @throws IllegalStateException if the run is not dead (still running, finished or failed)
   */
  public static RunDirectory takeOver(Path dir) throws IOException {
    State state = state(dir);
    if (state != State.DEAD) {
      throw new IllegalStateException(describe(dir, state));
    }
    Path lock = dir.resolve("RESUMING");
    try {
      Files.createFile(lock);
    } catch (FileAlreadyExistsException taken) {
      throw new IllegalStateException(
          dir + " is being resumed by another process (remove " + lock + " if it died)");
    }
    try {
      RunDirectory taken = new RunDirectory(dir);
      Files.createDirectories(taken.plots());
      taken.writeText(
          RUNNING_MARKER,
          "This run has not finished (resumed); its files may be incomplete.\n"
              + Owner.current().text());
      return taken;
    } finally {
      Files.deleteIfExists(lock);
    }
  }

  /** Why a run in {@code state} cannot be resumed, in one line. */
  private static String describe(Path dir, State state) {
    return switch (state) {
      case RUNNING ->
          dir
              + " is still running ("
              + owner(dir).map(o -> "pid " + o.pid() + " on " + o.host()).orElse("owner unknown")
              + "): nothing to resume";
      case DEAD -> dir + " is dead and can be resumed";
      default ->
          dir + " is " + state.name().toLowerCase() + ", not a killed run: nothing to resume";
    };
  }

  /** The owner named in {@code dir}'s RUNNING marker, if it has one. */
  public static java.util.Optional<Owner> owner(Path dir) {
    try {
      return java.util.Optional.of(Owner.parse(Files.readString(dir.resolve(RUNNING_MARKER))));
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  public Path path() {
    return path;
  }

  public String runId() {
    return runId;
  }

  public Path plots() {
    return path.resolve("plots");
  }

  public Path file(String name) {
    return path.resolve(name);
  }

  public void writeText(String name, String text) throws IOException {
    writeAtomically(path.resolve(name), text);
  }

  /** Writes {@code file} through a temporary sibling, so no reader ever sees half of it. */
  public static void writeAtomically(Path file, String text) throws IOException {
    writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes {@code file} through a temporary sibling; a failure names {@code file}, whatever the JDK
   * said.
   */
  public static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.FileSystemException e) {
      throw e;
    } catch (IOException e) {
      // "No space left on device" arrives without the path: name it for the user's message.
      Files.deleteIfExists(tmp);
      throw new java.nio.file.FileSystemException(file.toString(), null, e.getMessage());
    }
  }

  /**
   * Marks a run that could not finish its files (a full disk, a read-only or removed folder):
   * RUNNING becomes FAILED with the reason, or without it when nothing new fits on the disk.
   */
  public void markFailed(String reason) {
    try {
      writeText(FAILED_MARKER, "This run failed: " + reason + "\n");
      Files.deleteIfExists(path.resolve(RUNNING_MARKER));
    } catch (IOException | RuntimeException noRoom) {
      try { // a rename needs no space
        Files.move(
            path.resolve(RUNNING_MARKER),
            path.resolve(FAILED_MARKER),
            StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException | RuntimeException ignored) {
        // nothing can be changed here; the command's message names the path
      }
    }
  }

  /**
   * Whether the folder was removed (or emptied) while its run was going: its RUNNING marker is
   * gone.
   */
  boolean wasRemoved() {
    return !Files.isRegularFile(path.resolve(RUNNING_MARKER));
  }

  public void writeJson(String name, Object value, ObjectMapper json) throws IOException {
    writeText(name, json.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n");
  }

  /** Whether {@code dir} holds a finished run: a summary and no RUNNING marker. */
  public static boolean isFinished(Path dir) {
    return Files.isRegularFile(dir.resolve(SummaryFile.NAME))
        && !Files.exists(dir.resolve(RUNNING_MARKER));
  }

  /** How a finished run ended, from its summary.json; FAILED when that cannot be read. */
  public static RunStatus status(Path runDir) {
    return SummaryFile.find(runDir).map(SummaryFile::status).orElse(RunStatus.FAILED);
  }

  /**
   * How often a live run touches its RUNNING marker, and how stale a marker from another host may
   * get before the run counts as dead.
   */
  static final Duration HEARTBEAT = Duration.ofSeconds(20);

  static final Duration STALE = Duration.ofSeconds(90);

  /**
   * Who runs a run: host, process id and start time, written into its RUNNING marker so another
   * terminal (or the claims report) can tell a run still going from one that died.
   */
  public record Owner(String host, long pid, String started) {
    static Owner current() {
      String host;
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        host = "unknown";
      }
      return new Owner(host, ProcessHandle.current().pid(), java.time.Instant.now().toString());
    }

    String text() {
      return "host=" + host + "\npid=" + pid + "\nstarted=" + started + "\n";
    }

    static Owner parse(String marker) {
      java.util.Map<String, String> fields = new java.util.HashMap<>();
      marker
          .lines()
          .filter(l -> l.contains("="))
          .forEach(
              l -> fields.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
      long pid = fields.containsKey("pid") ? Long.parseLong(fields.get("pid")) : -1;
      return new Owner(fields.getOrDefault("host", ""), pid, fields.getOrDefault("started", ""));
    }
  }

  /**
   * Where a run folder stands: finished (with its summary's status), still running, or dead
   * (killed: resumable from its folder).
   */
  public enum State {
    COMPLETED,
    DIVERGED,
    FAILED,
    RUNNING,
    DEAD
  }

  /**
   * The state of {@code dir}: a RUNNING marker whose owner is alive is RUNNING (this host: its
   * process exists; another host: its heartbeat is recent), else DEAD.
   */
  public static State state(Path dir) {
    if (isFinished(dir)) {
      return switch (status(dir)) {
        case COMPLETED -> State.COMPLETED;
        case DIVERGED -> State.DIVERGED;
        default -> State.FAILED;
      };
    }
    if (Files.exists(dir.resolve(FAILED_MARKER))) {
      return State.FAILED;
    }
    Path marker = dir.resolve(RUNNING_MARKER);
    try {
      Owner owner = Owner.parse(Files.readString(marker));
      if (owner.pid() < 0) {
        return State.DEAD;
      }
      if (owner.host().equals(Owner.current().host())) {
        return ProcessHandle.of(owner.pid()).map(ProcessHandle::isAlive).orElse(false)
            ? State.RUNNING
            : State.DEAD;
      }
      java.time.Instant beat = Files.getLastModifiedTime(marker).toInstant();
      return beat.isAfter(java.time.Instant.now().minus(STALE)) ? State.RUNNING : State.DEAD;
    } catch (IOException | RuntimeException e) {
      return State.DEAD;
    }
  }

  /** A running heartbeat; closing it stops it. */
  public interface Heartbeat extends AutoCloseable {
    @Override
    void close();
  }

  /** Touches the RUNNING marker every {@link #HEARTBEAT} until closed. */
  public Heartbeat heartbeat() {
    java.util.concurrent.ScheduledExecutorService beat =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "run-heartbeat");
              t.setDaemon(true);
              return t;
            });
    beat.scheduleAtFixedRate(
        () -> {
          try {
            Files.setLastModifiedTime(
                path.resolve(RUNNING_MARKER),
                java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
          } catch (IOException ignored) {
            // the marker is gone (the run finished) or the disk is unreachable: nothing to touch
          }
        },
        HEARTBEAT.toSeconds(),
        HEARTBEAT.toSeconds(),
        java.util.concurrent.TimeUnit.SECONDS);
    return beat::shutdownNow;
  }

  /**
   * Removes the RUNNING marker: call last, after summary.json is in place. The trainings'
   * checkpoints go too: a finished run is never resumed, and they can be large.
   */
  public void markFinished() throws IOException {
    Files.deleteIfExists(path.resolve(RUNNING_MARKER));
    Path checkpoints = path.resolve(org.examlab.harness.training.TrainingCheckpoint.Store.FOLDER);
    if (Files.isDirectory(checkpoints)) {
      try (java.util.stream.Stream<Path> files = Files.list(checkpoints)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(checkpoints);
    }
  }
}
