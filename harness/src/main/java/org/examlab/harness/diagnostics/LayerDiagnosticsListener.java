package org.examlab.harness.diagnostics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.settings.DiagnosticsSettings;
import org.examlab.harness.training.NetworkListener;
import org.examlab.harness.training.TrainingMetrics;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Records, per layer and every {@code everyIterations} iterations, the quantities claim 001-1 names
 * for diagnosing vanishing and exploding gradients: the gradient norm, the activations' mean,
 * standard deviation, saturated fraction (|tanh| > 0.99, sigmoid outside [0.01, 0.99]) and
 * dead-unit fraction (units that output exactly 0 for the whole batch), and the weights' mean and
 * standard deviation. Optionally a 20-bin histogram of each layer's activations.
 *
 * <p>Activation statistics are taken inside DL4J's forward-pass callback, from the arrays the
 * training step itself computed: no second forward pass, and nothing kept beyond the callback
 * (those arrays live in a workspace that is recycled).
 *
 * <p>The trainer attaches one to every training when {@code diagnostics.enabled}; its rows go to
 * {@link TrainingMetrics#diagnosticsSeries}, named {@code <layer>.<metric>} by the constants there.
 */
public final class LayerDiagnosticsListener extends NetworkListener {
  public static final int HISTOGRAM_BINS = 20;

  private final MetricsRecorder metrics;
  private final long seed;
  private final String series;
  private final DiagnosticsSettings settings;
  private long iteration;

  public LayerDiagnosticsListener(
      MetricsRecorder metrics, long seed, String series, DiagnosticsSettings settings) {
    this.metrics = metrics;
    this.seed = seed;
    this.series = series;
    this.settings = settings;
  }

  @Override
  public java.io.Serializable checkpointState() {
    return iteration; // which iterations are sampled
  }

  @Override
  public void restore(java.io.Serializable saved) {
    iteration = (Long) saved;
  }

  private boolean sampling() {
    return iteration % settings.everyIterations() == 0;
  }

  @Override
  public void onForwardPass(Model model, List<INDArray> activations) {
    if (!sampling() || !(model instanceof MultiLayerNetwork net)) {
      return;
    }
    // activations[0] is the input; activations[i + 1] is layer i's output.
    for (int i = 0; i + 1 < activations.size() && i < net.getnLayers(); i++) {
      recordActivations("layer" + i, activationOf(net.getLayer(i)), activations.get(i + 1));
    }
  }

  @Override
  public void onForwardPass(Model model, Map<String, INDArray> activations) {
    if (!sampling() || !(model instanceof ComputationGraph graph)) {
      return;
    }
    for (Map.Entry<String, INDArray> e : activations.entrySet()) {
      Layer layer = graph.getLayer(e.getKey());
      if (layer != null) {
        recordActivations(e.getKey(), activationOf(layer), e.getValue());
      }
    }
  }

  @Override
  public void onGradientCalculation(Model model) {
    if (!sampling() || model.gradient() == null) {
      return;
    }
    Map<String, Double> squares = new TreeMap<>();
    for (Map.Entry<String, INDArray> e : model.gradient().gradientForVariable().entrySet()) {
      double norm = e.getValue().norm2Number().doubleValue();
      squares.merge(layerName(model, e.getKey()), norm * norm, Double::sum);
    }
    squares.forEach(
        (layer, sq) ->
            metrics.record(
                seed,
                series,
                iteration,
                TrainingMetrics.layerMetric(layer, TrainingMetrics.GRAD_NORM),
                Math.sqrt(sq)));
  }

  @Override
  public void iterationDone(Model model, int modelIteration, int epoch) {
    if (sampling()) {
      Map<String, INDArray> params = model.paramTable();
      Map<String, double[]> moments = new TreeMap<>(); // layer -> {n, sum, sumSq}
      for (Map.Entry<String, INDArray> e : params.entrySet()) {
        String param = e.getKey().substring(e.getKey().lastIndexOf('_') + 1);
        if (param.contains(
            "W")) { // weights and recurrent weights, not biases or batch-norm statistics
          INDArray w = e.getValue();
          double[] m = moments.computeIfAbsent(layerName(model, e.getKey()), k -> new double[3]);
          m[0] += w.length();
          m[1] += w.sumNumber().doubleValue();
          m[2] += w.mul(w).sumNumber().doubleValue();
        }
      }
      moments.forEach(
          (layer, m) -> {
            double mean = m[1] / m[0];
            metrics.record(
                seed,
                series,
                iteration,
                TrainingMetrics.layerMetric(layer, TrainingMetrics.WEIGHT_MEAN),
                mean);
            metrics.record(
                seed,
                series,
                iteration,
                TrainingMetrics.layerMetric(layer, TrainingMetrics.WEIGHT_STD),
                Math.sqrt(Math.max(0, m[2] / m[0] - mean * mean)));
          });
    }
    iteration++;
  }

  private void recordActivations(String layer, IActivation activation, INDArray a) {
    INDArray x = a.castTo(DataType.FLOAT);
    metrics.record(
        seed,
        series,
        iteration,
        TrainingMetrics.layerMetric(layer, TrainingMetrics.ACT_MEAN),
        x.meanNumber().doubleValue());
    metrics.record(
        seed,
        series,
        iteration,
        TrainingMetrics.layerMetric(layer, TrainingMetrics.ACT_STD),
        x.stdNumber().doubleValue());
    metrics.record(
        seed,
        series,
        iteration,
        TrainingMetrics.layerMetric(layer, TrainingMetrics.ACT_SATURATED),
        ActivationStatistics.saturatedFraction(activation, x));
    metrics.record(
        seed,
        series,
        iteration,
        TrainingMetrics.layerMetric(layer, TrainingMetrics.ACT_DEAD),
        ActivationStatistics.deadUnitFraction(x));
    if (settings.histograms()) {
      recordHistogram(layer, x);
    }
  }

  private void recordHistogram(String layer, INDArray x) {
    double lo = x.minNumber().doubleValue();
    double hi = x.maxNumber().doubleValue();
    if (!(hi > lo)) {
      hi = lo + 1e-6;
    }
    long[] counts = new long[HISTOGRAM_BINS];
    for (float v : x.dup('c').data().asFloat()) { // dup: a view's buffer holds more than the view
      int bin =
          (int) Math.min(HISTOGRAM_BINS - 1, Math.max(0, (v - lo) / (hi - lo) * HISTOGRAM_BINS));
      counts[bin]++;
    }
    metrics.record(
        seed,
        series,
        iteration,
        TrainingMetrics.layerMetric(layer, TrainingMetrics.HISTOGRAM + "low"),
        lo);
    metrics.record(
        seed,
        series,
        iteration,
        TrainingMetrics.layerMetric(layer, TrainingMetrics.HISTOGRAM + "high"),
        hi);
    for (int b = 0; b < HISTOGRAM_BINS; b++) {
      metrics.record(
          seed,
          series,
          iteration,
          TrainingMetrics.layerMetric(layer, TrainingMetrics.HISTOGRAM + "bin" + b),
          counts[b] / (double) x.length());
    }
  }

  private static String layerName(Model model, String paramKey) {
    String prefix = paramKey.substring(0, paramKey.lastIndexOf('_'));
    return model instanceof MultiLayerNetwork ? "layer" + prefix : prefix;
  }

  private static IActivation activationOf(Layer layer) {
    org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
    while (conf instanceof BaseWrapperLayer wrapper) {
      conf = wrapper.getUnderlying();
    }
    return conf instanceof BaseLayer base ? base.getActivationFn() : null;
  }
}
