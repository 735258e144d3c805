package org.examlab.experiments.gaphead;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.datasets.Seeds;
import org.examlab.datasets.images.RenderedDigits;
import org.examlab.experiments.gaphead.Heads.Head;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Classification;
import org.examlab.harness.metrics.Measurement;
import org.examlab.harness.metrics.Measurements;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.metrics.SeedStatistics;
import org.examlab.harness.plots.Charts;
import org.examlab.harness.settings.RunSettings;
import org.examlab.harness.tuning.Tuner;
import org.knowm.xchart.CategoryChart;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Claim 004-CNN/gap: with little data, a global-average-pooling head is less prone to overfitting
 * than flatten + fully connected layers on the same conv trunk ({@link Heads}). Per seed, both
 * heads train on the same few rendered digits, each at its learning rate tuned on a validation
 * split of them ({@code tuning.grid}), then are measured on those training images and on many fresh
 * ones.
 *
 * <p>Per head H and seed: {@code H.train_accuracy}, {@code H.test_accuracy}, {@code H.gap} (train
 * minus test accuracy), {@code H.test_loss} (cross-entropy, nats), {@code H.head_parameters} and
 * {@code H.parameters}; the tuner adds {@code H.tuned.learningRate}.
 */
public final class GapHeadExperiment implements Experiment<GapHeadSettings> {
  static final String TRAIN_ACCURACY = "train_accuracy";
  static final String TEST_ACCURACY = "test_accuracy";
  static final String GAP = "gap";
  static final String TEST_LOSS = "test_loss";
  static final String HEAD_PARAMETERS = "head_parameters";
  static final String PARAMETERS = "parameters";

  /** What is measured of each head, in declaration order. */
  static final List<String> MEASURED =
      List.of(TRAIN_ACCURACY, TEST_ACCURACY, GAP, TEST_LOSS, HEAD_PARAMETERS, PARAMETERS);

  /** The measurement of {@code quantity} (one of {@link #MEASURED}) for {@code head}. */
  static Measurement measurement(Head head, String quantity) {
    return Measurement.of(head.label(), quantity);
  }

  @Override
  public String name() {
    return "gap-head";
  }

  @Override
  public String summary() {
    return "claim 004-CNN/gap: a global-average-pooling head against flatten + FC on the same conv trunk, few training images";
  }

  @Override
  public Class<GapHeadSettings> settingsType() {
    return GapHeadSettings.class;
  }

  @Override
  public List<String> claimIds() {
    return List.of("004-CNN/gap");
  }

  @Override
  public Measurements measurements(GapHeadSettings settings, RunSettings run) {
    Measurements declared = new Measurements();
    for (Head head : Head.values()) {
      MEASURED.forEach(quantity -> declared.add(measurement(head, quantity)));
      declared.addAll(Tuner.tunedNames(run.tuning(), head.label()));
    }
    return declared;
  }

  @Override
  public void run(GapHeadSettings settings, RunContext context) throws Exception {
    GapHeadSettings.Data d = settings.data();
    RenderedDigits digits = new RenderedDigits(d.size());
    Tuner tuner = context.tuner();
    for (long seed : context.seeds()) {
      DataSet train = digits.labelled(d.trainExamples(), Seeds.derive(seed, "gap-head", "train"));
      DataSet test = digits.labelled(d.testExamples(), Seeds.derive(seed, "gap-head", "test"));
      for (Head head : Head.values()) {
        MultiLayerNetwork net =
            tuner
                .chooseRateAndRetrain(
                    head.label(),
                    seed,
                    train,
                    context.training().learningRate(),
                    rate -> network(head, settings, seed, rate, context),
                    context.trainer())
                .network();
        double trainAccuracy = Classification.accuracy(net, train);
        double testAccuracy = Classification.accuracy(net, test);
        MetricsRecorder metrics = context.metrics();
        metrics.measure(seed, measurement(head, TRAIN_ACCURACY), trainAccuracy);
        metrics.measure(seed, measurement(head, TEST_ACCURACY), testAccuracy);
        metrics.measure(seed, measurement(head, GAP), trainAccuracy - testAccuracy);
        metrics.measure(seed, measurement(head, TEST_LOSS), Classification.crossEntropy(net, test));
        metrics.measure(seed, measurement(head, HEAD_PARAMETERS), Heads.headParameters(net));
        metrics.measure(seed, measurement(head, PARAMETERS), net.numParams());
      }
    }
    plot(context);
  }

  private static MultiLayerNetwork network(
      Head head, GapHeadSettings settings, long seed, double rate, RunContext context) {
    return Heads.build(
        head, settings, seed, context.training().withLearningRate(rate).newUpdater());
  }

  private static void plot(RunContext context) throws IOException {
    CategoryChart chart =
        Charts.bars(
            "Accuracy by head, mean over " + context.seeds().size() + " seeds (bars: 95% CI)",
            "head",
            "accuracy (share of images)");
    chart.getStyler().setLegendVisible(true);
    Map<String, Map<Long, Double>> measured = context.metrics().measurements();
    List<String> heads = new ArrayList<>();
    for (Head head : Head.values()) {
      long parameters =
          Math.round(
              SeedStatistics.of(
                      measured
                          .getOrDefault(measurement(head, HEAD_PARAMETERS).name(), Map.of())
                          .values())
                  .mean());
      heads.add(head.label() + " (head: " + parameters + " parameters)");
    }
    for (String quantity : List.of(TRAIN_ACCURACY, TEST_ACCURACY)) {
      List<Double> means = new ArrayList<>();
      List<Double> halfWidths = new ArrayList<>();
      for (Head head : Head.values()) {
        SeedStatistics s =
            SeedStatistics.of(
                measured.getOrDefault(measurement(head, quantity).name(), Map.of()).values());
        means.add(s.mean());
        halfWidths.add(Double.isFinite(s.ciHigh()) ? s.ciHigh() - s.mean() : 0.0);
      }
      chart.addSeries(quantity.replace('_', ' '), heads, means, halfWidths);
    }
    Charts.save(chart, context.plotsDir().resolve("accuracy_by_head.png"));
  }
}
