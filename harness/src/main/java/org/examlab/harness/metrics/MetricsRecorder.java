package org.examlab.harness.metrics;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Every number a run produces, kept in memory for plots and verdicts and streamed to {@code
 * metrics.csv} in long format: {@code run,seed,series,step,name,value}. One row per value means any
 * figure can be redrawn from the CSV alone.
 *
 * <p>{@link #measure} records the per-seed scalars that verdict rules read ("measurements").
 */
public final class MetricsRecorder implements Closeable {
  public static final String HEADER = "run,seed,series,step,name,value";
  public static final String MEASUREMENT_SERIES = "measurement";

  /**
   * The one quoting rule of every CSV file the harness writes and reads (RFC 4180, "\n" between
   * rows).
   */
  public static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

  /** One row of metrics.csv. */
  public record Row(long seed, String series, long step, String name, double value)
      implements java.io.Serializable {}

  /** Rows are written in whole-line chunks of at most this many characters, or every second. */
  private static final int CHUNK = 64 * 1024;

  private static final long FLUSH_NANOS = 1_000_000_000L;

  private final String runId;
  private final Path file;
  private final java.io.OutputStream csv;
  private final StringBuilder pending = new StringBuilder();
  private long lastFlush = System.nanoTime();
  private final List<Row> rows = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Map<Long, Double>> measurements = new TreeMap<>();
  private Measurements declared;

  private MetricsRecorder(String runId, Path file, java.io.OutputStream csv) {
    this.runId = runId;
    this.file = file;
    this.csv = csv;
  }

  /** A recorder that keeps rows in memory only (tests, validation). */
  public static MetricsRecorder inMemory(String runId) {
    return new MetricsRecorder(runId, null, null);
  }

  public static MetricsRecorder toCsv(String runId, Path file) throws IOException {
    // Unbuffered: the recorder hands the file only whole lines, one write() each, so a run killed
    // at any moment leaves metrics.csv ending on a complete row.
    java.io.OutputStream out = Files.newOutputStream(file);
    MetricsRecorder recorder = new MetricsRecorder(runId, file, out);
    recorder.pending.append(HEADER).append('\n');
    recorder.flush();
    return recorder;
  }

  public synchronized void record(long seed, String series, long step, String name, double value) {
    rows.add(new Row(seed, series, step, name, value));
    if (csv != null) {
      pending
          .append(CSV.format(runId, seed, series, step, name, Double.toString(value)))
          .append('\n');
      if (pending.length() >= CHUNK || System.nanoTime() - lastFlush > FLUSH_NANOS) {
        try {
          flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /**
   * Records one seed's value of a declared measurement: the per-seed scalars that verdict rules
   * read.
   *
   * @throws IllegalStateException if the recorder was given a declaration ({@link #expect}) that
   *     does not list it: a rule could never have read it, so it is most likely a misspelt name
   */
  public void measure(long seed, Measurement measurement, double value) {
    put(seed, measurement.name(), value);
  }

  private synchronized void put(long seed, String name, double value) {
    if (declared != null && !declared.declares(name)) {
      throw new IllegalStateException(
          "measurement '" + name + "' is recorded but was not declared (Experiment.measurements)");
    }
    record(seed, MEASUREMENT_SERIES, 0, name, value);
    measurements.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(seed, value);
  }

  /**
   * From now on, accept only the measurements {@code declaration} lists (the run's recorder gets
   * its experiment's declaration before the experiment runs).
   */
  public synchronized MetricsRecorder expect(Measurements declaration) {
    this.declared = declaration;
    return this;
  }

  /** {@code name -> seed -> value} for every measurement so far. */
  public synchronized Map<String, Map<Long, Double>> measurements() {
    Map<String, Map<Long, Double>> copy = new TreeMap<>();
    measurements.forEach((k, v) -> copy.put(k, new LinkedHashMap<>(v)));
    return copy;
  }

  public List<Row> rows() {
    synchronized (rows) {
      return List.copyOf(rows);
    }
  }

  /** How many rows were recorded so far: where a training's own rows start ({@link #rowsFrom}). */
  public int rowCount() {
    return rows.size();
  }

  /** The rows recorded since the first {@code start}, in order. */
  public List<Row> rowsFrom(int start) {
    synchronized (rows) {
      return List.copyOf(rows.subList(start, rows.size()));
    }
  }

  /**
   * Records {@code earlier} again, measurements as measurements: a training resumed from its
   * checkpoint.
   */
  public synchronized void replay(List<Row> earlier) {
    for (Row r : earlier) {
      if (r.series().equals(MEASUREMENT_SERIES)) {
        put(r.seed(), r.name(), r.value());
      } else {
        record(r.seed(), r.series(), r.step(), r.name(), r.value());
      }
    }
  }

  /** Rows of one series and name, in recording order. */
  public List<Row> rows(String series, String name) {
    return rows().stream().filter(r -> r.series().equals(series) && r.name().equals(name)).toList();
  }

  /** One seed's rows of one series and name, in recording order. */
  public List<Row> rows(String series, String name, long seed) {
    return rows().stream()
        .filter(r -> r.seed() == seed && r.series().equals(series) && r.name().equals(name))
        .toList();
  }

  /** One seed's values of one series and name, in recording order: a curve over steps or epochs. */
  public double[] curve(String series, String name, long seed) {
    return rows(series, name, seed).stream().mapToDouble(Row::value).toArray();
  }

  /** Writes the rows recorded so far, whole lines only. */
  public synchronized void flush() throws IOException {
    lastFlush = System.nanoTime();
    if (csv != null && pending.length() > 0) {
      byte[] lines = pending.toString().getBytes(StandardCharsets.UTF_8);
      pending.setLength(0);
      try {
        csv.write(lines);
      } catch (IOException e) {
        throw new java.nio.file.FileSystemException(file.toString(), null, e.getMessage());
      }
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (csv != null) {
      try {
        flush();
      } finally {
        csv.close();
      }
    }
  }

  /** The rows of a metrics.csv (its header skipped), as {@link #toCsv} wrote them. */
  public static List<Row> read(Path file) throws IOException {
    List<Row> read = new ArrayList<>();
    try (CSVParser parser =
        CSV.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(Files.newBufferedReader(file))) {
      for (CSVRecord r : parser) {
        read.add(
            new Row(
                Long.parseLong(r.get("seed")),
                r.get("series"),
                Long.parseLong(r.get("step")),
                r.get("name"),
                Double.parseDouble(r.get("value"))));
      }
    }
    return read;
  }
}
