package org.examlab.harness.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.commons.statistics.distribution.TDistribution;
import org.examlab.harness.verdict.Interval;
import org.examlab.harness.verdict.Verdict;

/**
 * Two runs side by side: the config keys that differ, every measurement both have with the
 * difference of its means and whether it moved, and the verdicts that changed.
 *
 * <p>A measurement moved when the 95% interval of its difference excludes 0: over the seeds both
 * runs share, the paired t-interval of the per-seed differences (same seed, same data and
 * initialisation, so the pairing removes the seed-to-seed spread); without shared seeds, Welch's
 * interval for the difference of the two means. With a single shared seed (or values without
 * spread) there is no interval: any difference counts as moved and is shown as such.
 */
public record RunComparison(
    RunRecord a,
    RunRecord b,
    List<ConfigChange> config,
    List<MeasurementChange> measurements,
    List<VerdictChange> verdicts) {

  /** A config key whose value differs; null where one run does not have the key. */
  public record ConfigChange(String key, String before, String after) {}

  /**
   * @param low,high the 95% interval of {@code after - before}; NaN when there is none (one seed)
   * @param pairedSeeds the seeds both runs measured (0: unpaired, Welch)
   */
  public record MeasurementChange(
      String name,
      double before,
      double after,
      double low,
      double high,
      int pairedSeeds,
      boolean moved) {
    public double difference() {
      return after - before;
    }
  }

  /** A claim whose verdict changed, as the page and the terminal show it ("—": none). */
  public record VerdictChange(String claim, String before, String after) {}

  public static RunComparison of(RunRecord a, RunRecord b) {
    List<ConfigChange> config = new ArrayList<>();
    for (String key : new TreeSet<>(union(a.config().keySet(), b.config().keySet()))) {
      String before = a.config().get(key);
      String after = b.config().get(key);
      if (!Objects.equals(before, after)) {
        config.add(new ConfigChange(key, before, after));
      }
    }
    List<MeasurementChange> measurements = new ArrayList<>();
    for (Map.Entry<String, Map<Long, Double>> m : a.measurements().entrySet()) {
      Map<Long, Double> other = b.measurements().get(m.getKey());
      if (other != null && !m.getValue().isEmpty() && !other.isEmpty()) {
        measurements.add(compare(m.getKey(), m.getValue(), other));
      }
    }
    List<VerdictChange> verdicts = new ArrayList<>();
    for (String claim : union(a.verdicts().keySet(), b.verdicts().keySet())) {
      String before = text(a.verdicts().get(claim));
      String after = text(b.verdicts().get(claim));
      if (!before.equals(after)) {
        verdicts.add(new VerdictChange(claim, before, after));
      }
    }
    return new RunComparison(a, b, config, measurements, verdicts);
  }

  public List<MeasurementChange> moved() {
    return measurements.stream().filter(MeasurementChange::moved).toList();
  }

  static MeasurementChange compare(String name, Map<Long, Double> before, Map<Long, Double> after) {
    double meanBefore = mean(before.values());
    double meanAfter = mean(after.values());
    List<Double> differences = new ArrayList<>();
    for (Map.Entry<Long, Double> s : before.entrySet()) {
      if (after.containsKey(s.getKey())) {
        differences.add(after.get(s.getKey()) - s.getValue());
      }
    }
    boolean spread = differences.stream().distinct().count() > 1;
    if (differences.size() >= 2 && spread) {
      Interval paired = Interval.of(differences, 0.95);
      return new MeasurementChange(
          name,
          meanBefore,
          meanAfter,
          paired.low(),
          paired.high(),
          differences.size(),
          paired.low() > 0 || paired.high() < 0);
    }
    if (!differences.isEmpty()) { // one shared seed, or the same difference on every seed: exact
      double d = differences.get(0);
      return new MeasurementChange(
          name, meanBefore, meanAfter, Double.NaN, Double.NaN, differences.size(), d != 0);
    }
    double[] welch = welch(before.values(), after.values());
    boolean moved = Double.isNaN(welch[0]) ? meanBefore != meanAfter : welch[0] > 0 || welch[1] < 0;
    return new MeasurementChange(name, meanBefore, meanAfter, welch[0], welch[1], 0, moved);
  }

  /**
   * Welch's 95% interval for mean(after) - mean(before); NaNs when either side has under two
   * values.
   */
  private static double[] welch(
      java.util.Collection<Double> before, java.util.Collection<Double> after) {
    int n1 = before.size();
    int n2 = after.size();
    if (n1 < 2 || n2 < 2) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double v1 = variance(before) / n1;
    double v2 = variance(after) / n2;
    double se = Math.sqrt(v1 + v2);
    double df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1));
    double d = mean(after) - mean(before);
    if (!(se > 0)) {
      return new double[] {d, d};
    }
    double half = TDistribution.of(df).inverseCumulativeProbability(0.975) * se;
    return new double[] {d - half, d + half};
  }

  private static double mean(java.util.Collection<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  private static double variance(java.util.Collection<Double> values) {
    double m = mean(values);
    return values.stream().mapToDouble(v -> (v - m) * (v - m)).sum() / (values.size() - 1);
  }

  private static String text(Verdict verdict) {
    return verdict == null ? "—" : verdict.name();
  }

  private static <T> List<T> union(java.util.Collection<T> first, java.util.Collection<T> second) {
    List<T> all = new ArrayList<>(first);
    second.stream().filter(x -> !first.contains(x)).forEach(all::add);
    return all;
  }
}
