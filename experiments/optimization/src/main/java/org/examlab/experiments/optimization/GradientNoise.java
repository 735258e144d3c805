package org.examlab.experiments.optimization;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.examlab.architecture.ReluMlp;
import org.examlab.datasets.Seeds;
import org.examlab.datasets.tabular.TeacherTask;
import org.examlab.harness.metrics.LeastSquares;
import org.examlab.harness.metrics.Measurement;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.metrics.SeedStatistics;
import org.examlab.harness.plots.Charts;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Claim 003-5/large-batch: how the minibatch gradient's variance falls with the batch size B. On
 * the experiment's MLP at its He initialization, per seed: the gradient of the mean loss over a
 * pool of N fresh teacher-task examples, and for each B the mean squared distance to it of the
 * gradients of {@code draws} minibatches drawn without replacement, each computed by DL4J's own
 * backward pass over the whole minibatch. {@code gradient_noise.slope} is the least-squares slope
 * of ln(variance) against ln(B) (-1 is 1/B). The control {@code gradient_noise.duplicated_slope}
 * does the same for "minibatches" of one drawn example repeated B times, whose variance does not
 * fall (slope 0): the measurement can tell 1/B from no change.
 */
final class GradientNoise {
  static final String SERIES = "gradient_noise";
  static final Measurement SLOPE = Measurement.of(SERIES, "slope");
  static final Measurement DUPLICATED_SLOPE = Measurement.of(SERIES, "duplicated_slope");
  static final List<Measurement> MEASUREMENTS = List.of(SLOPE, DUPLICATED_SLOPE);

  /** {@link #SERIES}' values per batch size: the variance, and the duplicated control's. */
  private static final String VARIANCE = "variance";

  private static final String DUPLICATED_VARIANCE = "duplicated_variance";

  private GradientNoise() {}

  static void measure(
      GradientNoiseSettings s,
      OptimizationSettings settings,
      TeacherTask task,
      long seed,
      MetricsRecorder m) {
    OptimizationSettings.Model model = settings.model();
    MultiLayerNetwork net =
        ReluMlp.build(
            new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Sgd(0.0))
                .weightInit(WeightInit.RELU),
            settings.data().features(),
            model.hiddenLayers(),
            model.width(),
            1.0);
    DataSet pool = task.generate(s.pool(), Seeds.derive(seed, SERIES, "pool"));
    INDArray full = meanGradient(net, pool.getFeatures(), pool.getLabels());
    Random draws = new Random(Seeds.derive(seed, SERIES, "draws"));
    int[] order = java.util.stream.IntStream.range(0, s.pool()).toArray();
    double[] logB = new double[s.batchSizes().size()];
    double[] logVar = new double[logB.length];
    double[] logDuplicated = new double[logB.length];
    for (int k = 0; k < logB.length; k++) {
      int b = s.batchSizes().get(k);
      double sum = 0;
      double duplicatedSum = 0;
      for (int r = 0; r < s.draws(); r++) {
        int[] rows = sample(order, b, draws);
        sum +=
            squaredDistance(
                meanGradient(net, pool.getFeatures().getRows(rows), pool.getLabels().getRows(rows)),
                full);
        int[] same = new int[b];
        java.util.Arrays.fill(same, rows[0]);
        duplicatedSum +=
            squaredDistance(
                meanGradient(net, pool.getFeatures().getRows(same), pool.getLabels().getRows(same)),
                full);
      }
      logB[k] = Math.log(b);
      logVar[k] = Math.log(sum / s.draws());
      logDuplicated[k] = Math.log(duplicatedSum / s.draws());
      m.record(seed, SERIES, b, VARIANCE, sum / s.draws());
      m.record(seed, SERIES, b, DUPLICATED_VARIANCE, duplicatedSum / s.draws());
    }
    m.measure(seed, SLOPE, LeastSquares.slope(logB, logVar));
    m.measure(seed, DUPLICATED_SLOPE, LeastSquares.slope(logB, logDuplicated));
  }

  /**
   * The gradient of the mean loss over the given examples. DL4J's backward pass returns the sum
   * over the minibatch (its updater divides by the batch size), so it is divided here.
   */
  static INDArray meanGradient(MultiLayerNetwork net, INDArray features, INDArray labels) {
    net.setInput(features);
    net.setLabels(labels);
    net.computeGradientAndScore();
    return net.gradient().gradient().dup().divi(features.rows());
  }

  /**
   * {@code b} distinct indices: the first {@code b} places of a partial Fisher-Yates shuffle of
   * {@code order}.
   */
  private static int[] sample(int[] order, int b, Random random) {
    for (int i = 0; i < b; i++) {
      int j = i + random.nextInt(order.length - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return java.util.Arrays.copyOf(order, b);
  }

  private static double squaredDistance(INDArray a, INDArray b) {
    double d = a.distance2(b);
    return d * d;
  }

  /**
   * Variance against B on log-log axes, mean over seeds, with the 1/B line through B = 1 and the
   * duplicated control.
   */
  static void plot(GradientNoiseSettings s, List<Long> seeds, MetricsRecorder m, Path file)
      throws IOException {
    XYChart chart =
        Charts.lines(
            "Minibatch gradient variance against batch size at init (mean over "
                + seeds.size()
                + " seeds)",
            "batch size B (examples, log)",
            "E||g_B - g||^2 (log)",
            true);
    chart.getStyler().setXAxisLogarithmic(true);
    double[] b = s.batchSizes().stream().mapToDouble(Integer::doubleValue).toArray();
    double[] measured = meanOverSeeds(m, seeds, VARIANCE, b.length);
    double[] reference = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      reference[i] = measured[0] * b[0] / b[i];
    }
    Charts.addSeries(chart, "distinct examples (drawn without replacement)", b, measured, null);
    Charts.addSeries(chart, "1/B through the first point", b, reference, null);
    Charts.addSeries(
        chart,
        "control: one example repeated B times",
        b,
        meanOverSeeds(m, seeds, DUPLICATED_VARIANCE, b.length),
        null);
    Charts.save(chart, file);
  }

  private static double[] meanOverSeeds(MetricsRecorder m, List<Long> seeds, String name, int n) {
    List<double[]> curves = seeds.stream().map(seed -> m.curve(SERIES, name, seed)).toList();
    double[] mean = new double[n];
    for (int i = 0; i < n; i++) {
      final int k = i;
      mean[i] =
          SeedStatistics.of(curves.stream().map(c -> k < c.length ? c[k] : Double.NaN).toList())
              .mean();
    }
    return mean;
  }
}
