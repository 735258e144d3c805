package org.examlab.harness.plots;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figures of degenerate data still get drawn, in bounded time. */
class ChartsTest {
  @TempDir Path tmp;

  @Test
  void aChartWithNothingFiniteToDrawIsSavedNotHung() throws Exception {
    // Every value overflowed (an exploding variant's activations): the series are invisible placeholders.
    var chart = Charts.lines("all overflowed", "activation value", "fraction", false);
    Charts.addSeries(chart, "layer 0", new double[] {Double.POSITIVE_INFINITY, Double.NaN}, new double[] {1, 2}, null);
    Charts.addSeries(chart, "layer 1", new double[] {Double.NaN}, new double[] {Double.NaN}, null);
    Path file = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Charts.save(chart, tmp.resolve("empty.png")));
    assertTrue(Files.size(file) > 0);
    var log = Charts.lines("all overflowed, log y", "x", "y", true);
    Charts.addSeries(log, "s", new double[] {1, 2}, new double[] {0, -1}, null); // nothing positive for a log axis
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Charts.saveGrid(java.util.List.of(chart, log), 2, tmp.resolve("grid.png")));
  }
}
