package org.examlab.harness.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The estimates of several configs as one markdown table with a total, as {@code claims --estimate}
 * prints it (and docs/gpu.md quotes it): readable in a terminal, pasteable into a document.
 */
public final class EstimateTable {
  private EstimateTable() {}

  /**
   * The table's lines; {@code machine} says where it was measured ("2 cores, CPU backend
   * (onednn-avx2)").
   */
  public static List<String> lines(List<Estimate> estimates, String machine) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "| config | experiment | seeds | trainings sliced | slice measured in | estimate on this machine |");
    lines.add("|---|---|---|---|---|---|");
    double total = 0;
    double max = 0;
    double slices = 0;
    for (Estimate e : estimates) {
      slices += e.sliceSeconds();
      total += e.failed() ? 0 : e.seconds();
      max += e.failed() ? 0 : e.maxSeconds();
      String estimate =
          e.failed()
              ? "failed: " + e.error()
              : Estimate.duration(e.seconds())
                  + (e.maxSeeds() > e.seeds()
                      ? " (up to "
                          + Estimate.duration(e.maxSeconds())
                          + " on "
                          + e.maxSeeds()
                          + " seeds, if two-stage plans add them)"
                      : "");
      lines.add(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %d | %s | %s |",
              e.config(),
              e.experiment(),
              e.seeds(),
              e.trainings(),
              Estimate.duration(e.sliceSeconds()),
              estimate));
    }
    lines.add(
        String.format(
            Locale.ROOT,
            "| **total** | | | %d | %s | **%s**%s |",
            estimates.stream().mapToInt(Estimate::trainings).sum(),
            Estimate.duration(slices),
            Estimate.duration(total),
            max > total ? " (up to " + Estimate.duration(max) + ")" : ""));
    lines.add("");
    lines.add(
        "Measured on "
            + machine
            + ". An estimate is the planned budget (every seed, every planned epoch): validation");
    lines.add(
        "early stopping and target losses can only make the real run shorter."
            + (max > total
                ? " \"Up to\" adds the seeds a claim's two-stage plan may run (seeds.max) if its pilot's spread needs them."
                : ""));
    if (estimates.stream().anyMatch(Estimate::failed)) {
      lines.add("A failed estimate counts 0 in the total.");
    }
    return lines;
  }
}
