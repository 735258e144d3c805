package org.examlab.harness.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.examlab.harness.metrics.Curves;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.metrics.SeedStatistics;
import org.examlab.harness.plots.Charts;
import org.examlab.harness.run.RunDirectory;
import org.examlab.harness.run.SummaryFile;
import org.examlab.harness.verdict.ArmConvergence;
import org.examlab.harness.verdict.ClaimSpec;
import org.examlab.harness.verdict.ClaimVerdict;
import org.examlab.harness.verdict.VerdictEvaluator;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

/**
 * A sweep's results side by side: every variant's measurements as mean, std and 95% CI over seeds
 * ({@code aggregate.csv}, {@code aggregate.md}), bar charts with error bars and overlaid learning
 * curves ({@code plots/}), and the sweep's claims decided on {@code <variant>.<name>} ({@code
 * summary.json}). Built from the runs' own files, so a resumed sweep aggregates runs from earlier
 * invocations too.
 *
 * <p>Learning curves: every row an experiment records under the series {@value #CURVE_SERIES} (one
 * name per curve, the step on the x axis) is averaged over seeds and overlaid per variant.
 */
public record SweepAggregate(
    Map<String, Map<String, SeedStatistics>> table, List<ClaimVerdict> claims) {
  public static final String CURVE_SERIES = "curve";

  static SweepAggregate write(
      Path dir,
      String experiment,
      SweepPlan plan,
      List<SweepRunner.Point> points,
      List<String> metricFilter,
      List<ClaimSpec> claims)
      throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    // variant -> measurement -> seed -> value, read back from each run's summary.json
    Map<String, Map<String, Map<Long, Double>>> values = new LinkedHashMap<>();
    // variant -> curve name -> seed -> values by step
    Map<String, Map<String, Map<Long, List<Double>>>> curves = new LinkedHashMap<>();
    // Each run's trainings, named <variant>/<task>, so a sweep claim's trained: [dropout] reads
    // them all.
    List<ArmConvergence> trainings = new ArrayList<>();
    for (SweepRunner.Point p : points) {
      String label = p.variant().label();
      SummaryFile run = SummaryFile.read(p.directory());
      for (ArmConvergence t : run.convergence()) {
        trainings.add(
            new ArmConvergence(
                label + "/" + t.task(), t.seed(), t.epochs(), t.converged(), t.reason()));
      }
      run.measurements()
          .forEach(
              (name, perSeed) -> {
                if (perSeed.containsKey(p.seed())) {
                  values
                      .computeIfAbsent(label, k -> new TreeMap<>())
                      .computeIfAbsent(name, k -> new TreeMap<>())
                      .put(p.seed(), perSeed.get(p.seed()));
                }
              });
      readCurves(p.directory().resolve("metrics.csv"), label, p.seed(), curves);
    }

    Map<String, Map<String, SeedStatistics>> table = new LinkedHashMap<>();
    Map<String, Map<Long, Double>> flat = new TreeMap<>();
    for (SweepPlan.Variant v : plan.variants()) {
      Map<String, Map<Long, Double>> byName = values.getOrDefault(v.label(), Map.of());
      byName.forEach((name, perSeed) -> flat.put(v.label() + "." + name, perSeed));
      // Columns in the order the config lists them (all measurements, by name, if it lists none).
      List<String> columns = metricFilter.isEmpty() ? List.copyOf(byName.keySet()) : metricFilter;
      Map<String, SeedStatistics> row = new LinkedHashMap<>();
      for (String name : columns) {
        if (byName.containsKey(name)) {
          row.put(name, SeedStatistics.of(byName.get(name).values()));
        }
      }
      table.put(v.label(), row);
    }
    VerdictEvaluator evaluator = new VerdictEvaluator(flat, trainings);
    List<ClaimVerdict> verdicts = claims.stream().map(evaluator::decide).toList();
    SweepAggregate aggregate = new SweepAggregate(table, verdicts);

    RunDirectory.writeAtomically(dir.resolve("aggregate.csv"), aggregate.csv());
    RunDirectory.writeAtomically(
        dir.resolve("aggregate.md"), aggregate.markdown(experiment, plan, points));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("experiment", experiment);
    summary.put("axes", plan.axes());
    summary.put("variants", plan.variants().stream().map(SweepPlan.Variant::label).toList());
    summary.put(
        "runs",
        points.stream()
            .map(
                p ->
                    Map.of(
                        "variant",
                        p.variant().label(),
                        "seed",
                        p.seed(),
                        "directory",
                        dir.relativize(p.directory()).toString(),
                        "reused",
                        p.reused(),
                        "status",
                        p.status().jsonName()))
            .toList());
    summary.put("claims", verdicts);
    RunDirectory.writeAtomically(
        dir.resolve(SummaryFile.NAME), json.writeValueAsString(summary) + "\n");
    aggregate.plots(dir.resolve("plots"), experiment, curves);
    return aggregate;
  }

  /** variant,metric,seeds,mean,std,ci95_low,ci95_high */
  String csv() {
    StringBuilder out = new StringBuilder("variant,metric,seeds,mean,std,ci95_low,ci95_high\n");
    table.forEach(
        (variant, row) ->
            row.forEach(
                (metric, s) ->
                    out.append(
                            MetricsRecorder.CSV.format(
                                variant,
                                metric,
                                s.count(),
                                Double.toString(s.mean()),
                                Double.toString(s.std()),
                                Double.toString(s.ciLow()),
                                Double.toString(s.ciHigh())))
                        .append('\n')));
    return out.toString();
  }

  String markdown(String experiment, SweepPlan plan, List<SweepRunner.Point> points) {
    List<String> metrics =
        table.values().stream().flatMap(r -> r.keySet().stream()).distinct().toList();
    StringBuilder md = new StringBuilder("# Sweep: " + experiment + "\n\n");
    md.append("Axes: ")
        .append(plan.axes().keySet())
        .append("; ")
        .append(points.size())
        .append(" runs (")
        .append(points.stream().filter(SweepRunner.Point::reused).count())
        .append(" reused from an earlier invocation).\n\n");
    md.append("Each cell: mean ± std over seeds [95% confidence interval].\n\n| variant | ")
        .append(String.join(" | ", metrics))
        .append(" |\n|---|")
        .append("---|".repeat(metrics.size()))
        .append('\n');
    table.forEach(
        (variant, row) -> {
          md.append("| ").append(variant);
          for (String m : metrics) {
            SeedStatistics s = row.get(m);
            md.append(" | ")
                .append(
                    s == null
                        ? ""
                        : String.format(
                            Locale.ROOT,
                            "%.4g ± %.2g [%.4g, %.4g]",
                            s.mean(),
                            s.std(),
                            s.ciLow(),
                            s.ciHigh()));
          }
          md.append(" |\n");
        });
    if (!claims.isEmpty()) {
      md.append("\n## Claims\n\n| claim | verdict | statement | evidence |\n|---|---|---|---|\n");
      for (ClaimVerdict c : claims) {
        md.append("| ")
            .append(c.id())
            .append(" | **")
            .append(c.verdict())
            .append("** | ")
            .append(c.statement().replace("|", "/"))
            .append(" | ")
            .append(c.evidence().text().replace("|", "/"))
            .append(" |\n");
      }
    }
    return md.toString();
  }

  private void plots(
      Path dir, String experiment, Map<String, Map<String, Map<Long, List<Double>>>> curves)
      throws IOException {
    List<String> metrics =
        table.values().stream().flatMap(r -> r.keySet().stream()).distinct().toList();
    for (String metric : metrics) {
      List<String> variants = new ArrayList<>();
      List<Double> means = new ArrayList<>();
      List<Double> errors = new ArrayList<>();
      table.forEach(
          (variant, row) -> {
            SeedStatistics s = row.get(metric);
            if (s != null && Double.isFinite(s.mean())) {
              variants.add(variant);
              means.add(s.mean());
              errors.add(Double.isFinite(s.ciHigh()) ? s.ciHigh() - s.mean() : 0.0);
            }
          });
      if (!variants.isEmpty()) {
        CategoryChart chart =
            Charts.bars(
                experiment + ": " + metric + " by variant (mean, bars: 95% CI over seeds)",
                "variant",
                metric);
        chart.addSeries(metric, variants, means, errors);
        Charts.save(
            chart, dir.resolve("bar_" + metric.replaceAll("[^A-Za-z0-9._-]+", "_") + ".png"));
      }
    }
    Map<String, Map<String, Map<Long, List<Double>>>> byName = new TreeMap<>();
    curves.forEach(
        (variant, named) ->
            named.forEach(
                (name, perSeed) ->
                    byName
                        .computeIfAbsent(name, k -> new LinkedHashMap<>())
                        .put(variant, perSeed)));
    for (Map.Entry<String, Map<String, Map<Long, List<Double>>>> e : byName.entrySet()) {
      XYChart chart =
          Charts.lines(
              experiment + ": " + e.getKey() + " (mean over seeds)", "epoch", e.getKey(), false);
      e.getValue()
          .forEach(
              (variant, perSeed) -> {
                List<double[]> arrays =
                    perSeed.values().stream()
                        .map(l -> l.stream().mapToDouble(Double::doubleValue).toArray())
                        .toList();
                double[] mean = Curves.of(arrays).mean();
                Charts.addSeries(chart, variant, Charts.range(1, mean.length), mean, null);
              });
      Charts.save(
          chart, dir.resolve("curve_" + e.getKey().replaceAll("[^A-Za-z0-9._-]+", "_") + ".png"));
    }
  }

  private static void readCurves(
      Path csv, String label, long seed, Map<String, Map<String, Map<Long, List<Double>>>> curves)
      throws IOException {
    if (!Files.exists(csv)) {
      return;
    }
    for (MetricsRecorder.Row r : MetricsRecorder.read(csv)) {
      if (r.series().equals(CURVE_SERIES)) {
        curves
            .computeIfAbsent(label, k -> new TreeMap<>())
            .computeIfAbsent(r.name(), k -> new TreeMap<>())
            .computeIfAbsent(seed, k -> new ArrayList<>())
            .add(r.value());
      }
    }
  }
}
