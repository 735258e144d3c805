package org.examlab.experiments.distillation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.examlab.architecture.ReluMlp;
import org.examlab.datasets.Seeds;
import org.examlab.datasets.tabular.TeacherTask;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Classification;
import org.examlab.harness.metrics.Measurement;
import org.examlab.harness.metrics.Measurements;
import org.examlab.harness.metrics.SeedStatistics;
import org.examlab.harness.plots.Charts;
import org.examlab.harness.settings.RunSettings;
import org.examlab.harness.settings.TrainingSettings;
import org.examlab.harness.tuning.Tuner;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Claim 002-6, response-based knowledge distillation: a small student trained on a teacher's
 * softened outputs generalises better than on hard labels alone. Per seed, a large MLP (the
 * teacher) trains first on {@code data.teacherExamples} examples; then for each transfer-set size
 * n, a small student trains on n fresh examples twice: on their hard labels ({@code hard-n<n>}),
 * and on targets alpha * hard + (1 - alpha) * softmax(z / T), the teacher's logits z softened at
 * temperature T ({@code soft-n<n>}). Each arm's nuisance parameters are tuned on a validation split
 * of its transfer set by the validation cross-entropy against the hard labels: the rate for both,
 * and T and alpha for the soft arm (config {@code tuning.grid}).
 *
 * <p>Per seed: {@code teacher.test_accuracy}; per n, {@code hard-n<n>.test_accuracy} and {@code
 * soft-n<n>.test_accuracy}, and {@code soft-n<n>.gain} (soft minus hard); the tuner adds {@code
 * <arm>.tuned.<parameter>}.
 */
public final class DistillationExperiment implements Experiment<DistillationSettings> {
  static final String RATE = "learningRate";
  static final String TEMPERATURE = "temperature";
  static final String ALPHA = "alpha";
  static final Measurement TEACHER_ACCURACY = testAccuracy("teacher");

  @Override
  public String name() {
    return "distillation";
  }

  @Override
  public String summary() {
    return "claim 002-6: a small student on a converged teacher's softened outputs against hard labels, several transfer-set sizes";
  }

  @Override
  public Class<DistillationSettings> settingsType() {
    return DistillationSettings.class;
  }

  @Override
  public List<String> claimIds() {
    return List.of("002-6");
  }

  static String arm(String kind, int n) {
    return kind + "-n" + n;
  }

  /** {@code arm}'s accuracy on the test set: {@code <arm>.test_accuracy}. */
  static Measurement testAccuracy(String arm) {
    return Measurement.of(arm, "test_accuracy");
  }

  /** The soft student's test accuracy minus the hard one's at transfer-set size {@code n}. */
  static Measurement gain(int n) {
    return Measurement.of(arm("soft", n), "gain");
  }

  @Override
  public Measurements measurements(DistillationSettings settings, RunSettings run) {
    Measurements declared = new Measurements();
    declared.add(TEACHER_ACCURACY);
    for (int n : settings.transferSizes()) {
      for (String kind : List.of("hard", "soft")) {
        declared.add(testAccuracy(arm(kind, n)));
        declared.addAll(Tuner.tunedNames(run.tuning(), arm(kind, n)));
      }
      declared.add(gain(n));
    }
    return declared;
  }

  @Override
  public void run(DistillationSettings settings, RunContext context) throws Exception {
    DistillationSettings.Data d = settings.data();
    TeacherTask task = new TeacherTask(d.features(), d.teacherHidden(), 2026L);
    Tuner tuner = context.tuner();
    for (long seed : context.seeds()) {
      DataSet test = task.generate(d.testExamples(), Seeds.derive(seed, "distillation", "test"));
      MultiLayerNetwork teacher =
          network(
              settings.teacher(), d.features(), seed, context.training().learningRate(), context);
      fit(
          "teacher",
          teacher,
          task.generate(d.teacherExamples(), Seeds.derive(seed, "distillation", "teacher")),
          settings.teacher().epochs(),
          seed,
          context);
      context.metrics().measure(seed, TEACHER_ACCURACY, Classification.accuracy(teacher, test));
      for (int n : settings.transferSizes()) {
        DataSet transfer =
            task.generate(n, Seeds.derive(seed, "distillation", "transfer", Integer.toString(n)));
        double[] accuracy = new double[2];
        for (int k = 0; k < 2; k++) {
          String arm = arm(k == 0 ? "hard" : "soft", n);
          boolean soft = k == 1;
          MultiLayerNetwork student =
              tuner
                  .<MultiLayerNetwork>chooseAndRetrain(
                      arm,
                      seed,
                      transfer,
                      (name, c, data) -> {
                        MultiLayerNetwork candidate =
                            network(
                                settings.student(),
                                d.features(),
                                seed,
                                c.getOrDefault(RATE, context.training().learningRate()),
                                context);
                        fit(
                            name,
                            candidate,
                            targets(data, teacher, soft, c),
                            settings.student().epochs(),
                            seed,
                            context);
                        return candidate;
                      },
                      Classification::crossEntropy)
                  .network();
          accuracy[k] = Classification.accuracy(student, test);
          context.metrics().measure(seed, testAccuracy(arm), accuracy[k]);
        }
        context.metrics().measure(seed, gain(n), accuracy[1] - accuracy[0]);
      }
    }
    plot(settings, context);
  }

  /**
   * The student's targets: the hard labels, or alpha * hard + (1 - alpha) * softmax(z / T). The
   * teacher's softmax p gives softmax(z / T) as p^(1/T) renormalised (exp(z/T) is p^(1/T) up to a
   * per-example constant), so its logits are never needed.
   */
  static DataSet targets(
      DataSet data, MultiLayerNetwork teacher, boolean soft, Map<String, Double> c) {
    if (!soft) {
      return data;
    }
    double t = c.getOrDefault(TEMPERATURE, 1.0);
    double alpha = c.getOrDefault(ALPHA, 0.0);
    INDArray p = teacher.output(data.getFeatures(), false);
    INDArray softened = Transforms.pow(p, 1.0 / t, true);
    softened.diviColumnVector(softened.sum(1).reshape(softened.rows(), 1));
    INDArray mixed = data.getLabels().mul(alpha).addi(softened.muli(1 - alpha));
    return new DataSet(data.getFeatures(), mixed);
  }

  private static MultiLayerNetwork network(
      DistillationSettings.Net net, int features, long seed, double rate, RunContext context) {
    TrainingSettings t = context.training().withLearningRate(rate);
    return ReluMlp.build(
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .updater(t.newUpdater())
            .weightInit(WeightInit.RELU),
        features,
        net.hiddenLayers(),
        net.width(),
        1.0);
  }

  private static void fit(
      String task, MultiLayerNetwork net, DataSet data, int epochs, long seed, RunContext context) {
    context
        .trainer()
        .with(context.training().withEpochs(epochs))
        .fit(task, seed, net, data, List.of());
  }

  private static void plot(DistillationSettings settings, RunContext context) throws IOException {
    XYChart chart =
        Charts.lines(
            "Student test accuracy against transfer-set size (mean over "
                + context.seeds().size()
                + " seeds, bars: std)",
            "transfer-set size (examples, log)",
            "test accuracy",
            false);
    chart.getStyler().setXAxisLogarithmic(true);
    double[] x = settings.transferSizes().stream().mapToDouble(Integer::doubleValue).toArray();
    Map<String, Map<Long, Double>> measured = context.metrics().measurements();
    for (String kind : List.of("hard", "soft")) {
      List<Double> mean = new ArrayList<>();
      List<Double> std = new ArrayList<>();
      for (int n : settings.transferSizes()) {
        SeedStatistics s =
            SeedStatistics.of(
                measured.getOrDefault(testAccuracy(arm(kind, n)).name(), Map.of()).values());
        mean.add(s.mean());
        std.add(Double.isFinite(s.std()) ? s.std() : 0.0);
      }
      Charts.addSeries(
          chart,
          kind.equals("hard") ? "hard labels" : "teacher's softened outputs (tuned T, alpha)",
          x,
          mean.stream().mapToDouble(Double::doubleValue).toArray(),
          std.stream().mapToDouble(Double::doubleValue).toArray());
    }
    SeedStatistics teacher =
        SeedStatistics.of(measured.getOrDefault(TEACHER_ACCURACY.name(), Map.of()).values());
    Charts.addSeries(
        chart,
        "teacher",
        new double[] {x[0], x[x.length - 1]},
        new double[] {teacher.mean(), teacher.mean()},
        null);
    Charts.save(chart, context.plotsDir().resolve("student_accuracy.png"));
  }
}
