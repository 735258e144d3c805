package org.examlab.harness.metrics;

import java.io.BufferedWriter;
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
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every number a run produces, kept in memory for plots and verdicts and streamed to
 * {@code metrics.csv} in long format: {@code run,seed,series,step,name,value}. One row per
 * value means any figure can be redrawn from the CSV alone.
 *
 * <p>{@link #measure} records the per-seed scalars that verdict rules read ("measurements").
 */
public final class MetricsRecorder implements Closeable {
  public static final String HEADER = "run,seed,series,step,name,value";
  public static final String MEASUREMENT_SERIES = "measurement";

  /** One row of metrics.csv. */
  public record Row(long seed, String series, long step, String name, double value) {}

  private final String runId;
  private final BufferedWriter csv;
  private final List<Row> rows = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Map<Long, Double>> measurements = new TreeMap<>();

  private MetricsRecorder(String runId, BufferedWriter csv) {
    this.runId = runId;
    this.csv = csv;
  }

  /** A recorder that keeps rows in memory only (tests, validation). */
  public static MetricsRecorder inMemory(String runId) {
    return new MetricsRecorder(runId, null);
  }

  public static MetricsRecorder toCsv(String runId, Path file) throws IOException {
    BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    writer.write(HEADER);
    writer.newLine();
    return new MetricsRecorder(runId, writer);
  }

  public synchronized void record(long seed, String series, long step, String name, double value) {
    rows.add(new Row(seed, series, step, name, value));
    if (csv != null) {
      try {
        csv.write(String.format(Locale.ROOT, "%s,%d,%s,%d,%s,%s", runId, seed, quote(series), step, quote(name), value));
        csv.newLine();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write metrics.csv", e);
      }
    }
  }

  /** A per-seed scalar that verdict rules can read by {@code name}. */
  public synchronized void measure(long seed, String name, double value) {
    record(seed, MEASUREMENT_SERIES, 0, name, value);
    measurements.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(seed, value);
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

  /** Rows of one series and name, in recording order. */
  public List<Row> rows(String series, String name) {
    return rows().stream().filter(r -> r.series().equals(series) && r.name().equals(name)).toList();
  }

  public synchronized void flush() throws IOException {
    if (csv != null) {
      csv.flush();
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (csv != null) {
      csv.close();
    }
  }

  private static String quote(String field) {
    return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
  }
}
