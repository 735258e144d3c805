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
    // Every value overflowed (an exploding variant's activations): the series are invisible
    // placeholders.
    var chart = Charts.lines("all overflowed", "activation value", "fraction", false);
    Charts.addSeries(
        chart,
        "layer 0",
        new double[] {Double.POSITIVE_INFINITY, Double.NaN},
        new double[] {1, 2},
        null);
    Charts.addSeries(chart, "layer 1", new double[] {Double.NaN}, new double[] {Double.NaN}, null);
    Path file =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30), () -> Charts.save(chart, tmp.resolve("empty.png")));
    assertTrue(Files.size(file) > 0);
    var log = Charts.lines("all overflowed, log y", "x", "y", true);
    Charts.addSeries(
        log,
        "s",
        new double[] {1, 2},
        new double[] {0, -1},
        null); // nothing positive for a log axis
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> Charts.saveGrid(java.util.List.of(chart, log), 2, tmp.resolve("grid.png")));
  }

  @Test
  void aRangeBeyondWholeNumberPrecisionIsSavedNotHung() throws Exception {
    // An exploding variant's finite activations reach 5.9e15, past 2^52 where doubles are whole
    // numbers.
    var chart = Charts.lines("exploding", "activation value", "fraction of activations", false);
    int bins = 40;
    double high = 5.878e15;
    for (int layer = 0; layer < 5; layer++) {
      double[] centres = new double[bins];
      double[] share = new double[bins];
      for (int b = 0; b < bins; b++) {
        centres[b] = (b + 0.5) * high / bins;
      }
      share[layer == 4 ? bins - 1 : 0] = 1;
      Charts.addSeries(chart, "layer " + layer, centres, share, null);
    }
    var norms = Charts.lines("exploding update norms", "iteration", "||update||", false);
    Charts.addSeries(
        norms,
        "unclipped",
        new double[] {1, 2, 3},
        new double[] {1, 1e9, 3e16},
        new double[] {0, 1, 1e15});
    Path file =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () -> Charts.saveGrid(java.util.List.of(chart, norms), 2, tmp.resolve("huge.png")));
    assertTrue(Files.size(file) > 0);
  }
}
