package org.examlab.experiments.convolution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.examlab.architecture.ArchitectureSummary;
import org.examlab.architecture.ConvArithmetic;
import org.examlab.architecture.Dl4jGraph;
import org.examlab.architecture.FrameworkCheck;
import org.examlab.architecture.InputSize;
import org.examlab.architecture.LayerKind;
import org.examlab.architecture.LayerSpec;
import org.examlab.architecture.LayerSummary;
import org.examlab.architecture.NetworkDescription;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Measurement;
import org.examlab.harness.metrics.Measurements;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.plots.Charts;
import org.examlab.harness.settings.RunSettings;
import org.examlab.harness.validation.ConfigException;
import org.knowm.xchart.CategoryChart;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Convolution arithmetic and properties, computed rather than recited (claims 003-4, 003-1d,
 * 004-CNN and its parts, 003-1a, 003-1i, 001-3, 001-5, 002-4a; the exam U-Net's count is 000-11's,
 * decided with the trained U-Net in configs/unet.yaml). Nothing is trained.
 *
 * <p>Per seed: {@code conv_output.*} (the shape ND4J's conv2d gives for the exam's layer, and
 * whether the output-size formula agrees), {@code weight_tensor.*} (the shape of a DL4J convolution
 * layer's weights), {@code equivariance.*} ({@link EquivarianceCheck}, and the share of input
 * pixels one output sees), {@code fc_as_conv.*} ({@link FullyConnectedAsConvolution}, and the
 * measured receptive fields of a 1x1 convolution and of a dense layer), {@code residual.*} ({@link
 * ResidualDerivative}), {@code associativity.*} ({@link Associativity}), {@code transposed.*}
 * ({@link TransposedConvolution}), {@code squeeze_excitation.*} ({@link SqueezeExcitation}), {@code
 * filters.*} ({@link FilterEffects}), {@code explanation.*} ({@link ExplanationCost}); per network
 * N of the config: {@code N.params}, {@code N.trainable_params}, {@code N.non_trainable_params},
 * {@code N.mult_adds}, {@code N.dl4j_agrees} (1 if DL4J's graph has the summary's shapes and
 * counts), {@code N.distinct_kernel_sizes}, {@code N.dense_layers}, and for its listed layers L
 * {@code N.L.params}, {@code N.L.trainable_params}, {@code N.L.receptive_field}; per probe {@code
 * probe.N.L.rf_height} and {@code rf_width} ({@link ReceptiveFieldProbe}). The random parts
 * (images, filters, weights) change with the seed; the counts do not.
 */
public final class ConvolutionExperiment implements Experiment<ConvolutionSettings> {
  static final Measurement CONV_OUTPUT_HEIGHT = Measurement.of("conv_output", "height");
  static final Measurement CONV_OUTPUT_WIDTH = Measurement.of("conv_output", "width");
  static final Measurement CONV_OUTPUT_CHANNELS = Measurement.of("conv_output", "channels");
  static final Measurement CONV_OUTPUT_FORMULA_AGREES =
      Measurement.of("conv_output", "formula_agrees");
  static final Measurement WEIGHT_TENSOR_FILTERS = Measurement.of("weight_tensor", "filters");
  static final Measurement WEIGHT_TENSOR_CHANNELS = Measurement.of("weight_tensor", "channels");
  static final Measurement WEIGHT_TENSOR_KERNEL_HEIGHT =
      Measurement.of("weight_tensor", "kernel_height");
  static final Measurement WEIGHT_TENSOR_KERNEL_WIDTH =
      Measurement.of("weight_tensor", "kernel_width");
  static final Measurement WEIGHT_TENSOR_RANK = Measurement.of("weight_tensor", "rank");
  static final Measurement WEIGHT_TENSOR_FORMULA_AGREES =
      Measurement.of("weight_tensor", "formula_agrees");

  /** The share of input pixels one output of the equivariance check's layer sees. */
  static final Measurement CONNECTED_FRACTION =
      Measurement.of("equivariance", "connected_fraction");

  /** The measured receptive field (height, pixels) of a 1x1 convolution. */
  static final Measurement RF_1X1 = Measurement.of("fc_as_conv", "rf_1x1");

  /** The share of input pixels one output of a dense layer sees. */
  static final Measurement RF_DENSE_FRACTION = Measurement.of("fc_as_conv", "rf_dense_fraction");

  static final List<String> PER_NETWORK =
      List.of(
          "params",
          "trainable_params",
          "non_trainable_params",
          "mult_adds",
          "dl4j_agrees",
          "distinct_kernel_sizes",
          "dense_layers");
  static final List<String> PER_LAYER = List.of("params", "trainable_params", "receptive_field");
  static final List<String> PER_PROBE = List.of("rf_height", "rf_width");

  /** Network {@code n}'s {@link #PER_NETWORK} measurements: {@code N.params} and so on. */
  static List<Measurement> networkMeasurements(ConvolutionSettings.Network n) {
    return PER_NETWORK.stream().map(q -> Measurement.of(n.name(), q)).toList();
  }

  /** Its listed layer {@code layer}'s {@link #PER_LAYER} measurements: {@code N.L.params} ... */
  static List<Measurement> layerMeasurements(ConvolutionSettings.Network n, String layer) {
    return PER_LAYER.stream().map(q -> Measurement.of(n.name(), layer, q)).toList();
  }

  /** Probe {@code p}'s {@link #PER_PROBE} measurements: {@code probe.N.L.rf_height} ... */
  static List<Measurement> probeMeasurements(ConvolutionSettings.Probe p) {
    return PER_PROBE.stream().map(q -> Measurement.of("probe", p.network(), p.layer(), q)).toList();
  }

  @Override
  public String name() {
    return "convolution";
  }

  @Override
  public String summary() {
    return "convolution arithmetic, receptive fields, equivariance, FC as 1x1 conv, residual derivative, classic networks' parameters";
  }

  @Override
  public Class<ConvolutionSettings> settingsType() {
    return ConvolutionSettings.class;
  }

  @Override
  public List<String> claimIds() {
    return List.of(
        "003-4", "003-1d", "004-CNN", "003-1a", "003-1i", "001-3", "001-5", "002-4a", "002-8");
  }

  @Override
  public Measurements measurements(ConvolutionSettings settings, RunSettings run) {
    Measurements declared = new Measurements();
    declared.addAll(
        List.of(
            CONV_OUTPUT_HEIGHT,
            CONV_OUTPUT_WIDTH,
            CONV_OUTPUT_CHANNELS,
            CONV_OUTPUT_FORMULA_AGREES,
            WEIGHT_TENSOR_FILTERS,
            WEIGHT_TENSOR_CHANNELS,
            WEIGHT_TENSOR_KERNEL_HEIGHT,
            WEIGHT_TENSOR_KERNEL_WIDTH,
            WEIGHT_TENSOR_RANK,
            WEIGHT_TENSOR_FORMULA_AGREES));
    declared.addAll(EquivarianceCheck.FIELDS.measurements());
    declared.add(CONNECTED_FRACTION);
    declared.addAll(FullyConnectedAsConvolution.FIELDS.measurements());
    declared.add(RF_1X1);
    declared.add(RF_DENSE_FRACTION);
    declared.addAll(ResidualDerivative.FIELDS.measurements());
    declared.addAll(Associativity.FIELDS.measurements());
    declared.addAll(TransposedConvolution.FIELDS.measurements());
    declared.addAll(SqueezeExcitation.FIELDS.measurements());
    declared.addAll(FilterEffects.FIELDS.measurements());
    declared.addAll(ExplanationCost.FIELDS.measurements());
    for (ConvolutionSettings.Network n : settings.networks()) {
      declared.addAll(networkMeasurements(n));
      n.layers().forEach(l -> declared.addAll(layerMeasurements(n, l)));
    }
    settings.probes().forEach(p -> declared.addAll(probeMeasurements(p)));
    return declared;
  }

  @Override
  public void checkInputs(ConvolutionSettings settings, Path home) throws ConfigException {
    loadNetworks(settings, home);
  }

  /**
   * Every network description (files relative to the project folder {@code home}), checked, and
   * every layer the config names in it.
   */
  static Map<String, NetworkDescription> loadNetworks(ConvolutionSettings settings, Path home)
      throws ConfigException {
    Map<String, NetworkDescription> networks = new LinkedHashMap<>();
    for (int i = 0; i < settings.networks().size(); i++) {
      ConvolutionSettings.Network n = settings.networks().get(i);
      NetworkDescription network = NetworkDescription.load(home.resolve(n.file()), List.of());
      for (String layer : n.layers()) {
        requireLayer(network, layer, "networks[" + i + "].layers", n.file());
      }
      networks.put(n.name(), network);
    }
    for (int i = 0; i < settings.probes().size(); i++) {
      ConvolutionSettings.Probe p = settings.probes().get(i);
      requireLayer(networks.get(p.network()), p.layer(), "probes[" + i + "].layer", p.network());
    }
    return networks;
  }

  private static void requireLayer(
      NetworkDescription network, String layer, String key, String where) throws ConfigException {
    if (network.layers().stream().noneMatch(l -> l.name().equals(layer))) {
      throw new ConfigException(
          key,
          where,
          "network "
              + network.name()
              + " has no layer '"
              + layer
              + "'; its layers: "
              + network.layers().stream().map(LayerSpec::name).toList());
    }
  }

  @Override
  public void run(ConvolutionSettings settings, RunContext context) throws Exception {
    Map<String, NetworkDescription> networks = loadNetworks(settings, context.home());
    Map<String, ArchitectureSummary> summaries = new LinkedHashMap<>();
    networks.forEach((name, network) -> summaries.put(name, network.summary()));
    writeSummaries(summaries, context.plotsDir().resolveSibling("summaries"));
    MetricsRecorder m = context.metrics();
    for (long seed : context.seeds()) {
      measureArithmetic(settings, seed, m);
      measureEquivariance(settings.equivariance(), seed, m);
      measureAll(
          seed,
          m,
          FullyConnectedAsConvolution.FIELDS.values(
              FullyConnectedAsConvolution.measure(settings.fullyConnected(), seed)));
      InputSize image = new InputSize(9, 9, 1);
      m.measure(
          seed, RF_1X1, ReceptiveFieldProbe.measure(single(image, conv(1, 1, 1)), seed).height());
      m.measure(
          seed,
          RF_DENSE_FRACTION,
          ReceptiveFieldProbe.measure(single(image, dense(4)), seed).fraction());
      measureAll(
          seed,
          m,
          ResidualDerivative.FIELDS.values(
              ResidualDerivative.measure(settings.residual().width(), seed)));
      measureAll(
          seed, m, Associativity.FIELDS.values(Associativity.measure(settings.algebra(), seed)));
      measureAll(
          seed,
          m,
          TransposedConvolution.FIELDS.values(
              TransposedConvolution.measure(settings.transposed(), seed)));
      measureAll(
          seed,
          m,
          SqueezeExcitation.FIELDS.values(
              SqueezeExcitation.measure(settings.squeezeExcitation(), seed)));
      measureAll(
          seed,
          m,
          FilterEffects.FIELDS.values(
              FilterEffects.measure(settings.filterEffects().imageSize(), seed)));
      measureAll(
          seed,
          m,
          ExplanationCost.FIELDS.values(ExplanationCost.measure(settings.explanation(), seed)));
      for (ConvolutionSettings.Network n : settings.networks()) {
        measureNetwork(n, networks.get(n.name()), summaries.get(n.name()), seed, m);
      }
      for (ConvolutionSettings.Probe p : settings.probes()) {
        NetworkDescription probed =
            networks
                .get(p.network())
                .upTo(p.layer())
                .withInput(
                    new InputSize(
                        p.imageSize(),
                        p.imageSize(),
                        networks.get(p.network()).input().channels()));
        ReceptiveFieldProbe field = ReceptiveFieldProbe.measure(probed, seed);
        measureAll(seed, m, probeMeasurements(p), field.height(), field.width());
      }
    }
    plot(summaries, context.plotsDir());
  }

  /** Records each measurement of {@code values} (a check's {@code values()}). */
  private static void measureAll(long seed, MetricsRecorder m, Map<Measurement, Double> values) {
    values.forEach((measurement, value) -> m.measure(seed, measurement, value));
  }

  /** Records each of {@code measurements} with the value at its place in {@code values}. */
  private static void measureAll(
      long seed, MetricsRecorder m, List<Measurement> measurements, double... values) {
    if (measurements.size() != values.length) {
      throw new IllegalArgumentException(
          measurements.size() + " measurements, " + values.length + " values: " + measurements);
    }
    for (int i = 0; i < values.length; i++) {
      m.measure(seed, measurements.get(i), values[i]);
    }
  }

  /**
   * The exam's output-size and weight-shape questions, answered by ND4J and DL4J and compared with
   * {@link ConvArithmetic}.
   */
  private static void measureArithmetic(
      ConvolutionSettings settings, long seed, MetricsRecorder m) {
    ConvolutionSettings.OutputSize o = settings.outputSize();
    Nd4j.getRandom().setSeed(seed);
    INDArray out =
        Convolutions.conv(
            Nd4j.randn(DataType.FLOAT, 1, o.channels(), o.size(), o.size()),
            Nd4j.randn(DataType.FLOAT, o.filters(), o.channels(), o.kernel(), o.kernel()),
            null,
            o.stride(),
            o.padding());
    m.measure(seed, CONV_OUTPUT_HEIGHT, out.size(2));
    m.measure(seed, CONV_OUTPUT_WIDTH, out.size(3));
    m.measure(seed, CONV_OUTPUT_CHANNELS, out.size(1));
    boolean agrees =
        ConvArithmetic.outputSize(o.size(), o.kernel(), o.stride(), o.padding()) == out.size(2);
    m.measure(seed, CONV_OUTPUT_FORMULA_AGREES, agrees ? 1 : 0);

    ConvolutionSettings.WeightTensor w = settings.weightTensor();
    int size = w.kernel() + 3;
    long[] shape =
        Dl4jGraph.build(
                single(new InputSize(size, size, w.channels()), conv(w.filters(), w.kernel(), 1)),
                seed)
            .getLayer("layer")
            .getParam("W")
            .shape();
    m.measure(seed, WEIGHT_TENSOR_FILTERS, shape[0]);
    m.measure(seed, WEIGHT_TENSOR_CHANNELS, shape[1]);
    m.measure(seed, WEIGHT_TENSOR_KERNEL_HEIGHT, shape[2]);
    m.measure(seed, WEIGHT_TENSOR_KERNEL_WIDTH, shape[3]);
    m.measure(seed, WEIGHT_TENSOR_RANK, shape.length);
    m.measure(
        seed,
        WEIGHT_TENSOR_FORMULA_AGREES,
        java.util.Arrays.equals(
                shape, ConvArithmetic.weightShape(w.filters(), w.channels(), w.kernel()))
            ? 1
            : 0);
  }

  private static void measureEquivariance(
      ConvolutionSettings.Equivariance s, long seed, MetricsRecorder m) {
    measureAll(seed, m, EquivarianceCheck.FIELDS.values(EquivarianceCheck.measure(s, seed)));
    NetworkDescription layer =
        single(
            new InputSize(s.imageSize(), s.imageSize(), s.channels()),
            conv(s.filters(), s.kernel(), 1));
    m.measure(seed, CONNECTED_FRACTION, ReceptiveFieldProbe.measure(layer, seed).fraction());
  }

  private static void measureNetwork(
      ConvolutionSettings.Network n,
      NetworkDescription network,
      ArchitectureSummary summary,
      long seed,
      MetricsRecorder m) {
    measureAll(
        seed,
        m,
        networkMeasurements(n),
        summary.totalParameters(),
        summary.trainableParameters(),
        summary.nonTrainableParameters(),
        summary.multiplyAdds(),
        FrameworkCheck.of(network).agrees() ? 1 : 0,
        summary.distinctKernelSizes(),
        summary.count(LayerKind.DENSE));
    for (String name : n.layers()) {
      LayerSummary layer = summary.layer(name);
      measureAll(
          seed,
          m,
          layerMeasurements(n, name),
          layer.parameters(),
          layer.trainable(),
          layer.field().vertical().size());
    }
  }

  /** A network of one layer, named "layer". */
  private static NetworkDescription single(InputSize input, LayerSpec layer) {
    return new NetworkDescription(
        "single-layer", null, input, ConvolutionMode.Truncate, List.of(layer));
  }

  private static LayerSpec conv(int filters, int kernel, int stride) {
    return new LayerSpec(
        "layer",
        LayerKind.CONV,
        null,
        filters,
        null,
        kernel,
        stride,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static LayerSpec dense(int units) {
    return new LayerSpec(
        "layer",
        LayerKind.DENSE,
        null,
        null,
        units,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** Each network's printed summary, as {@code examlab summary} shows it, in the run folder. */
  private static void writeSummaries(Map<String, ArchitectureSummary> summaries, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, ArchitectureSummary> e : summaries.entrySet()) {
      Files.writeString(dir.resolve(e.getKey() + ".txt"), e.getValue().format());
    }
  }

  /**
   * Parameters and multiply-adds per network (log10): VGG-16 against ResNet-18, the Inception
   * module with and without reductions.
   */
  private static void plot(Map<String, ArchitectureSummary> summaries, Path plotsDir)
      throws IOException {
    List<String> names = new ArrayList<>(summaries.keySet());
    CategoryChart params =
        Charts.bars(
            "Parameters per network (trainable + batch-norm statistics)",
            "network",
            "log10(parameters)");
    params.addSeries(
        "parameters",
        names,
        names.stream().map(n -> (Number) Math.log10(summaries.get(n).totalParameters())).toList());
    CategoryChart compute =
        Charts.bars("Multiply-adds per example", "network", "log10(multiply-adds)");
    compute.addSeries(
        "multiply-adds",
        names,
        names.stream().map(n -> (Number) Math.log10(summaries.get(n).multiplyAdds())).toList());
    Charts.saveGrid(List.of(params, compute), 2, plotsDir.resolve("networks.png"));
  }
}
