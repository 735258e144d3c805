package org.examlab.experiments.convolution;

import org.examlab.harness.metrics.Measurements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.examlab.harness.architecture.ArchitectureSummary;
import org.examlab.harness.architecture.ConvArithmetic;
import org.examlab.harness.architecture.Dl4jGraph;
import org.examlab.harness.architecture.FrameworkCheck;
import org.examlab.harness.architecture.InputSize;
import org.examlab.harness.architecture.LayerKind;
import org.examlab.harness.architecture.LayerSpec;
import org.examlab.harness.architecture.LayerSummary;
import org.examlab.harness.architecture.NetworkDescription;
import org.examlab.harness.config.ConfigException;
import org.examlab.harness.config.RunSettings;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.plots.Charts;
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
  static final List<String> FIXED =
      List.of(
          "conv_output.height",
          "conv_output.width",
          "conv_output.channels",
          "conv_output.formula_agrees",
          "weight_tensor.filters",
          "weight_tensor.channels",
          "weight_tensor.kernel_height",
          "weight_tensor.kernel_width",
          "weight_tensor.rank",
          "weight_tensor.formula_agrees",
          "equivariance.translation_error",
          "equivariance.translation_change",
          "equivariance.scale_error",
          "equivariance.rotation_error",
          "equivariance.rotation_error_symmetric_filter",
          "equivariance.connected_fraction",
          "fc_as_conv.one_pixel_error",
          "fc_as_conv.whole_map_error",
          "fc_as_conv.rf_1x1",
          "fc_as_conv.rf_dense_fraction",
          "residual.identity_error",
          "residual.jacobian_norm",
          "associativity.convolution_error",
          "associativity.correlation_error",
          "associativity.correlation_symmetric_error",
          "transposed.zero_insertion_error",
          "transposed.nearest_error",
          "transposed.unflipped_error",
          "squeeze_excitation.se_reach",
          "squeeze_excitation.conv3_reach",
          "squeeze_excitation.conv1_reach",
          "filters.c1_constant_error",
          "filters.c1_mean_error",
          "filters.c1_checkerboard_gain",
          "filters.c2_constant",
          "filters.c2_horizontal_edge",
          "filters.c2_vertical_edge",
          "filters.c2_transposed_horizontal_edge",
          "explanation.occlusion_passes",
          "explanation.gradient_passes",
          "explanation.occlusion_mult_adds",
          "explanation.gradient_mult_adds",
          "explanation.occlusion_effect",
          "explanation.gradient_norm");
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
    return Measurements.named(legacyNames(settings, run));
  }

  private Set<String> legacyNames(ConvolutionSettings settings, RunSettings run) {
    Set<String> names = new LinkedHashSet<>(FIXED);
    for (ConvolutionSettings.Network n : settings.networks()) {
      PER_NETWORK.forEach(m -> names.add(n.name() + "." + m));
      n.layers().forEach(l -> PER_LAYER.forEach(m -> names.add(n.name() + "." + l + "." + m)));
    }
    settings
        .probes()
        .forEach(
            p -> List.of("rf_height", "rf_width").forEach(m -> names.add(probeName(p) + "." + m)));
    return names;
  }

  private static String probeName(ConvolutionSettings.Probe p) {
    return "probe." + p.network() + "." + p.layer();
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
      FullyConnectedAsConvolution fc =
          FullyConnectedAsConvolution.measure(settings.fullyConnected(), seed);
      m.measure(seed, "fc_as_conv.one_pixel_error", fc.onePixelError());
      m.measure(seed, "fc_as_conv.whole_map_error", fc.wholeMapError());
      InputSize image = new InputSize(9, 9, 1);
      m.measure(
          seed,
          "fc_as_conv.rf_1x1",
          ReceptiveFieldProbe.measure(single(image, conv(1, 1, 1)), seed).height());
      m.measure(
          seed,
          "fc_as_conv.rf_dense_fraction",
          ReceptiveFieldProbe.measure(single(image, dense(4)), seed).fraction());
      ResidualDerivative residual = ResidualDerivative.measure(settings.residual().width(), seed);
      m.measure(seed, "residual.identity_error", residual.identityError());
      m.measure(seed, "residual.jacobian_norm", residual.residualJacobianNorm());
      Associativity associativity = Associativity.measure(settings.algebra(), seed);
      m.measure(seed, "associativity.convolution_error", associativity.convolutionError());
      m.measure(seed, "associativity.correlation_error", associativity.correlationError());
      m.measure(
          seed,
          "associativity.correlation_symmetric_error",
          associativity.correlationSymmetricError());
      TransposedConvolution transposed = TransposedConvolution.measure(settings.transposed(), seed);
      m.measure(seed, "transposed.zero_insertion_error", transposed.zeroInsertionError());
      m.measure(seed, "transposed.nearest_error", transposed.nearestError());
      m.measure(seed, "transposed.unflipped_error", transposed.unflippedError());
      SqueezeExcitation se = SqueezeExcitation.measure(settings.squeezeExcitation(), seed);
      m.measure(seed, "squeeze_excitation.se_reach", se.seReach());
      m.measure(seed, "squeeze_excitation.conv3_reach", se.conv3Reach());
      m.measure(seed, "squeeze_excitation.conv1_reach", se.conv1Reach());
      FilterEffects filters = FilterEffects.measure(settings.filterEffects().imageSize(), seed);
      m.measure(seed, "filters.c1_constant_error", filters.c1ConstantError());
      m.measure(seed, "filters.c1_mean_error", filters.c1MeanError());
      m.measure(seed, "filters.c1_checkerboard_gain", filters.c1CheckerboardGain());
      m.measure(seed, "filters.c2_constant", filters.c2Constant());
      m.measure(seed, "filters.c2_horizontal_edge", filters.c2HorizontalEdge());
      m.measure(seed, "filters.c2_vertical_edge", filters.c2VerticalEdge());
      m.measure(
          seed, "filters.c2_transposed_horizontal_edge", filters.c2TransposedHorizontalEdge());
      ExplanationCost explanation = ExplanationCost.measure(settings.explanation(), seed);
      m.measure(seed, "explanation.occlusion_passes", explanation.occlusionPasses());
      m.measure(seed, "explanation.gradient_passes", explanation.gradientPasses());
      m.measure(seed, "explanation.occlusion_mult_adds", explanation.occlusionMultAdds());
      m.measure(seed, "explanation.gradient_mult_adds", explanation.gradientMultAdds());
      m.measure(seed, "explanation.occlusion_effect", explanation.occlusionEffect());
      m.measure(seed, "explanation.gradient_norm", explanation.gradientNorm());
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
        m.measure(seed, probeName(p) + ".rf_height", field.height());
        m.measure(seed, probeName(p) + ".rf_width", field.width());
      }
    }
    plot(summaries, context.plotsDir());
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
    m.measure(seed, "conv_output.height", out.size(2));
    m.measure(seed, "conv_output.width", out.size(3));
    m.measure(seed, "conv_output.channels", out.size(1));
    boolean agrees =
        ConvArithmetic.outputSize(o.size(), o.kernel(), o.stride(), o.padding()) == out.size(2);
    m.measure(seed, "conv_output.formula_agrees", agrees ? 1 : 0);

    ConvolutionSettings.WeightTensor w = settings.weightTensor();
    int size = w.kernel() + 3;
    long[] shape =
        Dl4jGraph.build(
                single(new InputSize(size, size, w.channels()), conv(w.filters(), w.kernel(), 1)),
                seed)
            .getLayer("layer")
            .getParam("W")
            .shape();
    m.measure(seed, "weight_tensor.filters", shape[0]);
    m.measure(seed, "weight_tensor.channels", shape[1]);
    m.measure(seed, "weight_tensor.kernel_height", shape[2]);
    m.measure(seed, "weight_tensor.kernel_width", shape[3]);
    m.measure(seed, "weight_tensor.rank", shape.length);
    m.measure(
        seed,
        "weight_tensor.formula_agrees",
        java.util.Arrays.equals(
                shape, ConvArithmetic.weightShape(w.filters(), w.channels(), w.kernel()))
            ? 1
            : 0);
  }

  private static void measureEquivariance(
      ConvolutionSettings.Equivariance s, long seed, MetricsRecorder m) {
    EquivarianceCheck e = EquivarianceCheck.measure(s, seed);
    m.measure(seed, "equivariance.translation_error", e.translationError());
    m.measure(seed, "equivariance.translation_change", e.translationChange());
    m.measure(seed, "equivariance.scale_error", e.scaleError());
    m.measure(seed, "equivariance.rotation_error", e.rotationError());
    m.measure(
        seed, "equivariance.rotation_error_symmetric_filter", e.rotationErrorSymmetricFilter());
    NetworkDescription layer =
        single(
            new InputSize(s.imageSize(), s.imageSize(), s.channels()),
            conv(s.filters(), s.kernel(), 1));
    m.measure(
        seed,
        "equivariance.connected_fraction",
        ReceptiveFieldProbe.measure(layer, seed).fraction());
  }

  private static void measureNetwork(
      ConvolutionSettings.Network n,
      NetworkDescription network,
      ArchitectureSummary summary,
      long seed,
      MetricsRecorder m) {
    String p = n.name() + ".";
    m.measure(seed, p + "params", summary.totalParameters());
    m.measure(seed, p + "trainable_params", summary.trainableParameters());
    m.measure(seed, p + "non_trainable_params", summary.nonTrainableParameters());
    m.measure(seed, p + "mult_adds", summary.multiplyAdds());
    m.measure(seed, p + "dl4j_agrees", FrameworkCheck.of(network).agrees() ? 1 : 0);
    m.measure(seed, p + "distinct_kernel_sizes", summary.distinctKernelSizes());
    m.measure(seed, p + "dense_layers", summary.count(LayerKind.DENSE));
    for (String name : n.layers()) {
      LayerSummary layer = summary.layer(name);
      m.measure(seed, p + name + ".params", layer.parameters());
      m.measure(seed, p + name + ".trainable_params", layer.trainable());
      m.measure(seed, p + name + ".receptive_field", layer.field().vertical().size());
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
