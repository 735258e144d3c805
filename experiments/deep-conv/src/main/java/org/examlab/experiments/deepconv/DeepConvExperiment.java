package org.examlab.experiments.deepconv;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.datasets.Seeds;
import org.examlab.datasets.images.RenderedDigits;
import org.examlab.experiments.deepconv.ConvStack.Arm;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Classification;
import org.examlab.harness.metrics.Measurement;
import org.examlab.harness.metrics.Measurements;
import org.examlab.harness.metrics.SeedStatistics;
import org.examlab.harness.plots.Charts;
import org.examlab.harness.settings.RunSettings;
import org.examlab.harness.tuning.Tuner;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Claims 003-4f (ResNet blocks in a 10-layer conv net) and 004-CNN/densenet (a dense block
 * alleviates vanishing gradients): 000-1/vanishing's protocol on conv stacks. Per seed, each arm of
 * {@link ConvStack} (plain, residual, dense; the same depth, sigmoid, no batch norm) is measured at
 * initialization on a probe batch, then trained on rendered digits with its learning rate tuned on
 * a validation split of its own training images ({@code tuning.grid}), the same epochs for all.
 *
 * <p>Per arm A and seed: {@code A.init.grad_ratio_log10}, log10 of the stem's kernel-gradient RMS
 * over the last layer's (below 0: the gradient vanishes towards the input); {@code
 * A.init.grad_imbalance_log10}, its absolute value; {@code A.final_loss}, the trained net's
 * cross-entropy on all its training images (nats); {@code A.test_accuracy}; {@code A.parameters};
 * and {@code dense.param_ratio}, the dense block's parameters over the plain stack's.
 */
public final class DeepConvExperiment implements Experiment<DeepConvSettings> {
  static final Measurement DENSE_PARAM_RATIO = Measurement.of(Arm.DENSE.label(), "param_ratio");

  static Measurement gradRatioLog10(Arm arm) {
    return Measurement.of(arm.label(), "init", "grad_ratio_log10");
  }

  static Measurement gradImbalanceLog10(Arm arm) {
    return Measurement.of(arm.label(), "init", "grad_imbalance_log10");
  }

  static Measurement finalLoss(Arm arm) {
    return Measurement.of(arm.label(), "final_loss");
  }

  static Measurement testAccuracy(Arm arm) {
    return Measurement.of(arm.label(), "test_accuracy");
  }

  static Measurement parameters(Arm arm) {
    return Measurement.of(arm.label(), "parameters");
  }

  @Override
  public String name() {
    return "deep-conv";
  }

  @Override
  public String summary() {
    return "claims 003-4f, 004-CNN/densenet: ten-layer sigmoid conv stacks, plain against residual skips and a dense block, at init and trained";
  }

  @Override
  public Class<DeepConvSettings> settingsType() {
    return DeepConvSettings.class;
  }

  @Override
  public List<String> claimIds() {
    return List.of("003-4f", "004-CNN/densenet");
  }

  @Override
  public Measurements measurements(DeepConvSettings settings, RunSettings run) {
    Measurements declared = new Measurements();
    for (Arm arm : Arm.values()) {
      declared.add(gradRatioLog10(arm));
      declared.add(gradImbalanceLog10(arm));
      declared.add(finalLoss(arm));
      declared.add(testAccuracy(arm));
      declared.add(parameters(arm));
      declared.addAll(Tuner.tunedNames(run.tuning(), arm.label()));
    }
    declared.add(DENSE_PARAM_RATIO);
    return declared;
  }

  @Override
  public void run(DeepConvSettings settings, RunContext context) throws Exception {
    DeepConvSettings.Data d = settings.data();
    DeepConvSettings.Network n = settings.network();
    Tuner tuner = context.tuner();
    Map<Arm, List<double[]>> gradients = new LinkedHashMap<>();
    RenderedDigits digits = new RenderedDigits(d.size());
    for (long seed : context.seeds()) {
      DataSet train = digits.labelled(d.trainExamples(), Seeds.derive(seed, "deep-conv", "train"));
      DataSet test = digits.labelled(d.testExamples(), Seeds.derive(seed, "deep-conv", "test"));
      DataSet probe = digits.labelled(d.probeExamples(), Seeds.derive(seed, "deep-conv", "probe"));
      Map<Arm, Long> parameterCounts = new LinkedHashMap<>();
      for (Arm arm : Arm.values()) {
        double[] rms =
            ConvStack.kernelGradientRms(
                network(arm, settings, seed, context.training().learningRate(), context),
                n.depth(),
                probe);
        gradients.computeIfAbsent(arm, k -> new ArrayList<>()).add(rms);
        double ratio = Math.log10(rms[0] / rms[n.depth() - 1]);
        context.metrics().measure(seed, gradRatioLog10(arm), ratio);
        context.metrics().measure(seed, gradImbalanceLog10(arm), Math.abs(ratio));
        ComputationGraph net =
            tuner
                .chooseRateAndRetrain(
                    arm.label(),
                    seed,
                    train,
                    context.training().learningRate(),
                    rate -> network(arm, settings, seed, rate, context),
                    context.trainer())
                .network();
        context.metrics().measure(seed, finalLoss(arm), Classification.crossEntropy(net, train));
        context.metrics().measure(seed, testAccuracy(arm), Classification.accuracy(net, test));
        parameterCounts.put(arm, net.numParams());
        context.metrics().measure(seed, parameters(arm), net.numParams());
      }
      context
          .metrics()
          .measure(
              seed,
              DENSE_PARAM_RATIO,
              (double) parameterCounts.get(Arm.DENSE) / parameterCounts.get(Arm.PLAIN));
    }
    plot(n.depth(), gradients, context);
  }

  private static ComputationGraph network(
      Arm arm, DeepConvSettings settings, long seed, double rate, RunContext context) {
    return ConvStack.build(
        arm,
        settings.network(),
        settings.data().size(),
        seed,
        context.training().withLearningRate(rate).newUpdater());
  }

  private static void plot(int depth, Map<Arm, List<double[]>> gradients, RunContext context)
      throws IOException {
    XYChart chart =
        Charts.lines(
            "Kernel-gradient RMS by layer at initialization (mean over "
                + context.seeds().size()
                + " seeds)",
            "conv layer (0 = next to the input)",
            "RMS of dL/dW per weight (log)",
            true);
    double[] layers = Charts.range(0, depth);
    gradients.forEach(
        (arm, perSeed) -> {
          double[] mean = new double[depth];
          for (double[] rms : perSeed) {
            for (int i = 0; i < depth; i++) {
              mean[i] += rms[i] / perSeed.size();
            }
          }
          Charts.addSeries(chart, arm.label(), layers, mean, null);
        });
    Charts.save(chart, context.plotsDir().resolve("gradients_by_layer.png"));
    CategoryChart loss =
        Charts.bars(
            "Training loss after the same epochs, rate tuned per arm (mean over "
                + context.seeds().size()
                + " seeds, bars: 95% CI)",
            "arm",
            "cross-entropy on the training images (nats)");
    List<String> arms = new ArrayList<>();
    List<Double> means = new ArrayList<>();
    List<Double> halfWidths = new ArrayList<>();
    for (Arm arm : Arm.values()) {
      SeedStatistics s =
          SeedStatistics.of(
              context
                  .metrics()
                  .measurements()
                  .getOrDefault(finalLoss(arm).name(), Map.of())
                  .values());
      arms.add(arm.label());
      means.add(s.mean());
      halfWidths.add(Double.isFinite(s.ciHigh()) ? s.ciHigh() - s.mean() : 0.0);
    }
    loss.addSeries("final loss", arms, means, halfWidths);
    Charts.save(loss, context.plotsDir().resolve("final_loss.png"));
  }
}
