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

  /** The table's lines; {@code machine} says where it was measured ("2 cores, CPU backend (onednn-avx2)"). */
  public static List<String> lines(List<Estimate> estimates, String machine) {
    List<String> lines = new ArrayList<>();
    lines.add("| config | experiment | seeds (two-stage max) | trainings sliced | slice measured | estimate on this machine | up to, if two-stage plans add seeds |");
    lines.add("|---|---|---|---|---|---|---|");
    double total = 0;
    double max = 0;
    double slices = 0;
    for (Estimate e : estimates) {
      slices += e.sliceSeconds();
      if (e.failed()) {
        lines.add(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | failed: %s | |", e.config(), e.experiment(), e.seeds(), e.trainings(),
            Estimate.duration(e.sliceSeconds()), e.error()));
        continue;
      }
      total += e.seconds();
      max += e.maxSeconds();
      lines.add(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %s | %s |", e.config(), e.experiment(),
          e.seeds() + (e.maxSeeds() > e.seeds() ? " (" + e.maxSeeds() + ")" : ""), e.trainings(), Estimate.duration(e.sliceSeconds()),
          Estimate.duration(e.seconds()), e.maxSeeds() > e.seeds() ? Estimate.duration(e.maxSeconds()) : "same"));
    }
    lines.add(String.format(Locale.ROOT, "| **total** | | | %d | %s | **%s** | %s |", estimates.stream().mapToInt(Estimate::trainings).sum(),
        Estimate.duration(slices), Estimate.duration(total), Estimate.duration(max)));
    lines.add("");
    lines.add("Measured on " + machine + ". Each estimate is the planned budget: every seed, every planned epoch; validation early");
    lines.add("stopping and target losses can only make a real run shorter. The last column adds the seeds a claim's");
    lines.add("two-stage plan may run (seeds.max) if the pilot's spread needs them.");
    return lines;
  }
}
