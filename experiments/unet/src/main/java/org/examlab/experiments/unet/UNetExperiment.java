package org.examlab.experiments.unet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.datasets.scenes.SceneGenerator;
import org.examlab.datasets.scenes.SceneType;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Curves;
import org.examlab.harness.metrics.Measurements;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.metrics.SegmentationScores;
import org.examlab.harness.plots.Charts;
import org.examlab.harness.settings.RunSettings;
import org.examlab.harness.training.TrainingListener;
import org.examlab.harness.training.TrainingMetrics;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Seed 000's U-Net (claim 000-11): its parameter count at the exam's size, and whether it is a
 * 3-class per-pixel segmenter, trained at a reduced width and input size on each generated scene
 * type (a network per type and seed) and scored on held-out scenes.
 *
 * <p>Measurements: {@code exam_size.params} (the exam-size graph's own count), {@code
 * exam_size.estimated_fixed_mb} and {@code exam_size.estimated_mb_per_example} (DL4J's
 * training-memory estimate), and with {@code examStep} {@code exam_size.step_seconds}, {@code
 * exam_size.step_workspace_mb}, {@code exam_size.step_peak_resident_mb} (one measured step, first
 * seed only). Per scene type T: {@code T.pixel_accuracy}, {@code T.mean_iou}, {@code
 * T.iou_<class>}, and the yardsticks {@code T.majority_mean_iou} (majority class everywhere) and
 * {@code T.colour_mean_iou} (nearest mean colour per pixel, no context).
 */
public final class UNetExperiment implements Experiment<UNetSettings> {
  /** The series of an arm's per-epoch test scores: {@code road/test}. */
  static String testSeries(Arm arm) {
    return arm.key() + "/test";
  }

  @Override
  public String name() {
    return "unet";
  }

  @Override
  public String summary() {
    return "The exam's U-Net: parameter count at 128x256x3, and 3-class segmentation of checkerboard, road and histology scenes";
  }

  @Override
  public Class<UNetSettings> settingsType() {
    return UNetSettings.class;
  }

  @Override
  public List<String> claimIds() {
    return List.of("000-11", "001-4");
  }

  @Override
  public Measurements measurements(UNetSettings settings, RunSettings run) {
    Measurements declared = new Measurements().addAll(UNetMeasurements.EXAM_SIZE);
    if (settings.examStep() != null) {
      declared.addAll(UNetMeasurements.EXAM_STEP);
    }
    for (SceneType type : settings.scenes().types()) {
      declared.add(UNetMeasurements.majorityMeanIou(type));
      declared.add(UNetMeasurements.colourMeanIou(type));
    }
    for (Arm arm : Arm.of(settings.scenes())) {
      declared.add(UNetMeasurements.pixelAccuracy(arm));
      declared.add(UNetMeasurements.meanIou(arm));
      arm.type().classNames().forEach(c -> declared.add(UNetMeasurements.classIou(arm, c)));
    }
    return declared;
  }

  @Override
  public void run(UNetSettings settings, RunContext context) throws IOException {
    MetricsRecorder metrics = context.metrics();
    long params = ExamSizeProbe.parameterCount();
    double[] estimate = ExamSizeProbe.estimatedTrainingMegabytes();
    for (long seed : context.seeds()) {
      metrics.measure(seed, UNetMeasurements.EXAM_PARAMS, params);
      metrics.measure(seed, UNetMeasurements.EXAM_ESTIMATED_FIXED_MB, estimate[0]);
      metrics.measure(seed, UNetMeasurements.EXAM_ESTIMATED_MB_PER_EXAMPLE, estimate[1]);
    }
    if (settings.examStep() != null) {
      long seed = context.seeds().get(0);
      ExamSizeProbe.Step step = ExamSizeProbe.measureStep(settings.examStep().batch(), seed);
      metrics.measure(seed, UNetMeasurements.EXAM_STEP_SECONDS, step.seconds());
      metrics.measure(seed, UNetMeasurements.EXAM_STEP_WORKSPACE_MB, step.workspaceMegabytes());
      metrics.measure(
          seed, UNetMeasurements.EXAM_STEP_PEAK_RESIDENT_MB, step.peakResidentMegabytes());
    }
    for (long seed : context.seeds()) {
      for (SceneType type : settings.scenes().types()) {
        scoreSceneType(settings, type, seed, context);
      }
    }
    drawCurves(settings, context);
  }

  /**
   * One scene type for one seed: its scenes and the two yardsticks once, then every arm of the type
   * (each head) trained and scored on the same scenes.
   */
  private void scoreSceneType(UNetSettings settings, SceneType type, long seed, RunContext context)
      throws IOException {
    UNetSettings.Scenes s = settings.scenes();
    SceneGenerator scenes =
        new SceneGenerator(
            type, settings.network().height(), settings.network().width(), s.noise());
    long dataSeed = seed * 1_000 + 2L * type.ordinal();
    DataSet train = scenes.sample(s.train(), dataSeed);
    DataSet test = scenes.sample(s.test(), dataSeed + 1);
    MetricsRecorder metrics = context.metrics();
    metrics.measure(
        seed,
        UNetMeasurements.majorityMeanIou(type),
        TrivialSegmenters.majorityClass(train, test).meanIou());
    metrics.measure(
        seed,
        UNetMeasurements.colourMeanIou(type),
        TrivialSegmenters.nearestMeanColour(train, test).meanIou());
    for (Arm arm : Arm.of(s)) {
      if (arm.type() == type) {
        trainAndScore(settings, arm, train, test, seed, context, seed == context.seeds().get(0));
      }
    }
  }

  private void trainAndScore(
      UNetSettings settings,
      Arm arm,
      DataSet train,
      DataSet test,
      long seed,
      RunContext context,
      boolean drawPanels)
      throws IOException {
    UNetSettings.Scenes s = settings.scenes();
    SceneType type = arm.type();
    ComputationGraph unet =
        settings
            .network()
            .unet(type.classNames().size())
            .build(seed, context.training().newUpdater(), arm.head());
    String t = arm.key();
    MetricsRecorder metrics = context.metrics();
    context
        .trainer()
        .fit(
            t,
            seed,
            unet,
            train,
            List.of(
                TrainingListener.afterEachEpoch(
                    training -> {
                      SegmentationScores scores = SegmentationScores.of(unet, test);
                      metrics.record(
                          seed, testSeries(arm), training.epoch(), "mean_iou", scores.meanIou());
                      metrics.record(
                          seed,
                          testSeries(arm),
                          training.epoch(),
                          "pixel_accuracy",
                          scores.pixelAccuracy());
                    })));

    INDArray predicted = unet.outputSingle(false, test.getFeatures());
    SegmentationScores scores = SegmentationScores.of(predicted, test.getLabels());
    metrics.measure(seed, UNetMeasurements.pixelAccuracy(arm), scores.pixelAccuracy());
    metrics.measure(seed, UNetMeasurements.meanIou(arm), scores.meanIou());
    for (int c = 0; c < scores.classes(); c++) {
      metrics.measure(
          seed, UNetMeasurements.classIou(arm, type.classNames().get(c)), scores.iou(c));
    }
    int panels = Math.min(settings.evaluation().panels(), s.test());
    if (drawPanels && panels > 0) {
      ScenePanels.save(
          String.format(
              Locale.ROOT,
              "U-Net on %s test scenes (seed %d): mean IoU %.3f",
              t,
              seed,
              scores.meanIou()),
          type.classNames(),
          first(test.getFeatures(), panels),
          first(test.getLabels(), panels),
          first(predicted, panels),
          context.plotsDir().resolve("panels_" + t + ".png"));
    }
    unet.close();
  }

  private static INDArray first(INDArray nchw, int n) {
    return nchw.get(
        NDArrayIndex.interval(0, n), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
  }

  /** Training loss and test mean IoU per epoch, mean and std over seeds, a line per scene type. */
  private static void drawCurves(UNetSettings settings, RunContext context) throws IOException {
    XYChart loss =
        Charts.lines(
            "U-Net training loss per epoch (mean ± std over seeds)",
            "epoch",
            "cross-entropy per pixel (nats; a sigmoid head sums its classes' binary ones)",
            true);
    double pixels =
        settings.network().height()
            * settings.network().width(); // DL4J's CnnLossLayer sums over pixels
    XYChart iou =
        Charts.lines(
            "U-Net mean IoU on held-out scenes (mean ± std over seeds)",
            "epoch",
            "mean IoU",
            false);
    for (Arm arm : Arm.of(settings.scenes())) {
      String t = arm.key();
      addCurve(
          loss,
          t,
          perSeed(context, t, TrainingMetrics.EPOCH_LOSS).stream()
              .map(c -> scaled(c, 1 / pixels))
              .toList());
      addCurve(iou, t, perSeed(context, testSeries(arm), "mean_iou"));
    }
    Charts.save(loss, context.plotsDir().resolve("loss.png"));
    Charts.save(iou, context.plotsDir().resolve("iou.png"));
  }

  private static List<double[]> perSeed(RunContext context, String series, String name) {
    List<double[]> curves = new ArrayList<>();
    for (long seed : context.seeds()) {
      curves.add(context.metrics().curve(series, name, seed));
    }
    return curves;
  }

  private static double[] scaled(double[] values, double factor) {
    return Arrays.stream(values).map(v -> v * factor).toArray();
  }

  private static void addCurve(XYChart chart, String name, List<double[]> perSeed) {
    Curves curves = Curves.of(perSeed);
    Charts.addSeries(
        chart, name, Charts.range(1, curves.mean().length), curves.mean(), curves.std());
  }
}
