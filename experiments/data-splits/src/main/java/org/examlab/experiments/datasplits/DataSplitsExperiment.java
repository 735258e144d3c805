package org.examlab.experiments.datasplits;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.examlab.architecture.ReluMlp;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Classification;
import org.examlab.harness.metrics.Measurement;
import org.examlab.harness.metrics.Measurements;
import org.examlab.harness.metrics.SeedStatistics;
import org.examlab.harness.plots.Charts;
import org.examlab.harness.settings.RunSettings;
import org.knowm.xchart.CategoryChart;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Claim 003-5b: the training set holds only pictures taken by day, the validation set only ones
 * taken at night ({@link DayNight}); the written fix is to shuffle and split again. Per seed, the
 * same MLP trains (same settings) on each split's training half: {@code day-night} (day trains,
 * night validates) and {@code shuffled} (the same pictures shuffled, then halved). Per split S:
 * {@code S.train_error}, {@code S.validation_error} (classification error on its validation half)
 * and {@code S.test_error} (on fresh pictures, day and night mixed: what the model meets in use,
 * and what an honest validation error estimates).
 */
public final class DataSplitsExperiment implements Experiment<DataSplitsSettings> {
  static final List<String> SPLITS = List.of("day-night", "shuffled");
  static final List<String> ERRORS = List.of("train_error", "validation_error", "test_error");

  /** Split {@code split}'s error {@code error} (one of {@link #ERRORS}): {@code split.error}. */
  static Measurement error(String split, String error) {
    return Measurement.of(split, error);
  }

  @Override
  public String name() {
    return "data-splits";
  }

  @Override
  public String summary() {
    return "claim 003-5b: a day-only training set and a night-only validation set against a shuffled split of the same pictures";
  }

  @Override
  public Class<DataSplitsSettings> settingsType() {
    return DataSplitsSettings.class;
  }

  @Override
  public List<String> claimIds() {
    return List.of("003-5b");
  }

  @Override
  public Measurements measurements(DataSplitsSettings settings, RunSettings run) {
    Measurements declared = new Measurements();
    SPLITS.forEach(s -> ERRORS.forEach(e -> declared.add(error(s, e))));
    return declared;
  }

  @Override
  public void run(DataSplitsSettings settings, RunContext context) throws IOException {
    for (long seed : context.seeds()) {
      DayNight pictures = DayNight.generate(settings, seed);
      DataSet test = DayNight.mixedTest(settings, seed);
      for (String split : SPLITS) {
        DataSet[] halves =
            split.equals("day-night") ? pictures.dayNightSplit() : pictures.shuffledSplit(seed);
        MultiLayerNetwork net =
            ReluMlp.build(
                new NeuralNetConfiguration.Builder()
                    .seed(seed)
                    .updater(context.training().newUpdater())
                    .weightInit(WeightInit.RELU),
                settings.data().features(),
                settings.model().hiddenLayers(),
                settings.model().width(),
                1.0);
        context.trainer().fit(split, seed, net, halves[0], List.of());
        double[] errors = {
          1 - Classification.accuracy(net, halves[0]),
          1 - Classification.accuracy(net, halves[1]),
          1 - Classification.accuracy(net, test)
        };
        for (int i = 0; i < ERRORS.size(); i++) {
          context.metrics().measure(seed, error(split, ERRORS.get(i)), errors[i]);
        }
      }
    }
    plot(context);
  }

  private static void plot(RunContext context) throws IOException {
    CategoryChart chart =
        Charts.bars(
            "Error by split, mean over " + context.seeds().size() + " seeds (bars: 95% CI)",
            "split",
            "classification error (share of pictures)");
    chart.getStyler().setLegendVisible(true);
    Map<String, Map<Long, Double>> measured = context.metrics().measurements();
    for (String error : ERRORS) {
      List<Double> means = new ArrayList<>();
      List<Double> halfWidths = new ArrayList<>();
      for (String split : SPLITS) {
        SeedStatistics s =
            SeedStatistics.of(measured.getOrDefault(error(split, error).name(), Map.of()).values());
        means.add(s.mean());
        halfWidths.add(Double.isFinite(s.ciHigh()) ? s.ciHigh() - s.mean() : 0.0);
      }
      chart.addSeries(error.replace('_', ' '), SPLITS, means, halfWidths);
    }
    Charts.save(chart, context.plotsDir().resolve("errors_by_split.png"));
  }
}
