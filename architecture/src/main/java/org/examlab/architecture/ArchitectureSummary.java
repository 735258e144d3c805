package org.examlab.architecture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.examlab.harness.validation.InvalidSettingException;

/**
 * A network's {@code model.summary()}, and more: per layer the output shape, the parameter formula
 * and count (trainable and not), multiply-adds, and the receptive field of one output value. Worked
 * out from {@link ConvArithmetic} alone; tests hold it to DL4J's own shapes and counts ({@link
 * FrameworkCheck}).
 */
public record ArchitectureSummary(String name, InputSize input, List<LayerSummary> layers) {

  /**
   * Works through the layers in order. A layer that cannot be built throws an {@link
   * InvalidSettingException} naming it as {@code layers[i].key}, which the config loader turns into
   * an error with the file line.
   */
  static ArchitectureSummary compute(
      String name, InputSize input, ConvolutionMode defaultMode, List<LayerSpec> specs) {
    Map<String, LayerSummary> byName = new HashMap<>();
    Activations inputShape = Activations.map(input.channels(), input.height(), input.width());
    List<LayerSummary> rows = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      LayerSpec spec = specs.get(i);
      String where = "layers[" + i + "]";
      List<String> inputs = inputsOf(specs, i);
      List<Activations> inShapes = new ArrayList<>();
      List<ReceptiveField> inFields = new ArrayList<>();
      for (String in : inputs) {
        if (in.equals(LayerSpec.NETWORK_INPUT)) {
          inShapes.add(inputShape);
          inFields.add(ReceptiveField.PIXEL);
        } else if (byName.containsKey(in)) {
          inShapes.add(byName.get(in).output());
          inFields.add(byName.get(in).field());
        } else {
          throw new InvalidSettingException(
              where + ".inputs",
              "'" + in + "' is not the network input nor a layer defined before " + spec.name());
        }
      }
      ConvolutionMode mode = spec.mode() != null ? spec.mode() : defaultMode;
      LayerSummary row = layer(spec, inputs, inShapes, inFields, mode, where);
      byName.put(spec.name(), row);
      rows.add(row);
    }
    return new ArchitectureSummary(name, input, List.copyOf(rows));
  }

  private static LayerSummary layer(
      LayerSpec spec,
      List<String> inputs,
      List<Activations> in,
      List<ReceptiveField> fields,
      ConvolutionMode mode,
      String where) {
    Activations x = in.get(0);
    ReceptiveField field = fields.get(0);
    LayerKind kind = spec.type();
    if ((kind.windowed()
            || kind == LayerKind.DECONV
            || kind == LayerKind.UPSAMPLE
            || kind == LayerKind.GLOBALAVGPOOL)
        && !x.spatial()) {
      throw new InvalidSettingException(
          where + ".type",
          kind.yamlName()
              + " needs an image-shaped input, but "
              + inputs.get(0)
              + " outputs a vector "
              + x.keras());
    }
    switch (kind) {
      case CONV, DECONV -> {
        int k = spec.kernel();
        int s = spec.stride();
        boolean transposed = kind == LayerKind.DECONV;
        int p = spec.padding();
        long h =
            transposed
                ? transposedSize(x.height(), k, s, p, mode, where)
                : windowSize(x.height(), k, s, p, mode, where);
        long w =
            transposed
                ? transposedSize(x.width(), k, s, p, mode, where)
                : windowSize(x.width(), k, s, p, mode, where);
        long filters = spec.filters();
        String formula =
            k + "*" + k + "*" + x.channels() + "*" + filters + (spec.bias() ? " + " + filters : "");
        long params = ConvArithmetic.convolutionParameters(k, x.channels(), filters, spec.bias());
        long positions = transposed ? x.height() * x.width() : h * w;
        long macs = positions * k * k * x.channels() * filters;
        return new LayerSummary(
            spec,
            inputs,
            Activations.map(filters, h, w),
            formula,
            params,
            0,
            macs,
            transposed ? field.transposed(k, s) : field.window(k, s));
      }
      case MAXPOOL, AVGPOOL -> {
        int k = spec.kernel();
        int s = spec.stride();
        Activations out =
            Activations.map(
                x.channels(),
                windowSize(x.height(), k, s, spec.padding(), mode, where),
                windowSize(x.width(), k, s, spec.padding(), mode, where));
        return free(spec, inputs, out, field.window(k, s));
      }
      case GLOBALAVGPOOL -> {
        return free(
            spec, inputs, Activations.vector(x.channels()), field.whole(x.height(), x.width()));
      }
      case UPSAMPLE -> {
        int f = spec.size();
        return free(
            spec,
            inputs,
            Activations.map(x.channels(), x.height() * f, x.width() * f),
            field.upsampled(f));
      }
      case CONCAT, ADD -> {
        long channels = 0;
        ReceptiveField merged = field;
        for (int j = 0; j < in.size(); j++) {
          Activations other = in.get(j);
          boolean sameSize =
              other.spatial() == x.spatial()
                  && other.height() == x.height()
                  && other.width() == x.width();
          if (!sameSize || (kind == LayerKind.ADD && other.channels() != x.channels())) {
            throw new InvalidSettingException(
                where + ".inputs",
                kind.yamlName()
                    + " needs inputs of the same "
                    + (kind == LayerKind.ADD ? "shape" : "height and width")
                    + ": "
                    + inputs.get(0)
                    + " "
                    + x.keras()
                    + ", "
                    + inputs.get(j)
                    + " "
                    + other.keras());
          }
          channels += other.channels();
          merged = merged.union(fields.get(j));
        }
        Activations out =
            x.spatial()
                ? Activations.map(
                    kind == LayerKind.ADD ? x.channels() : channels, x.height(), x.width())
                : Activations.vector(kind == LayerKind.ADD ? x.channels() : channels);
        return free(spec, inputs, out, merged);
      }
      case DENSE -> {
        long units = spec.units();
        String formula = x.size() + "*" + units + (spec.bias() ? " + " + units : "");
        long params = ConvArithmetic.denseParameters(x.size(), units, spec.bias());
        return new LayerSummary(
            spec,
            inputs,
            Activations.vector(units),
            formula,
            params,
            0,
            x.size() * units,
            x.spatial() ? field.whole(x.height(), x.width()) : field);
      }
      case BATCHNORM -> {
        // gamma and beta are learnt; the moving mean and variance are statistics, not trained by
        // gradients
        return new LayerSummary(
            spec, inputs, x, "4*" + x.channels(), 2 * x.channels(), 2 * x.channels(), 0, field);
      }
      case DROPOUT, ACTIVATION -> {
        return free(spec, inputs, x, field);
      }
      default -> throw new IllegalStateException("unhandled layer kind " + kind);
    }
  }

  private static LayerSummary free(
      LayerSpec spec, List<String> inputs, Activations out, ReceptiveField field) {
    return new LayerSummary(spec, inputs, out, "", 0, 0, 0, field);
  }

  private static long windowSize(
      long in, int kernel, int stride, int padding, ConvolutionMode mode, String where) {
    if (mode == ConvolutionMode.Same) {
      return ConvArithmetic.sameOutputSize(in, stride);
    }
    long out = ConvArithmetic.outputSize(in, kernel, stride, padding);
    if (out < 1) {
      throw new InvalidSettingException(
          where + ".kernel",
          "a "
              + kernel
              + "x"
              + kernel
              + " window with padding "
              + padding
              + " does not fit a "
              + in
              + "-pixel input");
    }
    if (mode == ConvolutionMode.Strict && (in + 2L * padding - kernel) % stride != 0) {
      throw new InvalidSettingException(
          where + ".stride",
          "mode strict: ("
              + in
              + " + 2*"
              + padding
              + " - "
              + kernel
              + ") is not a multiple of stride "
              + stride
              + "; use truncate (floor) or same");
    }
    return out;
  }

  private static long transposedSize(
      long in, int kernel, int stride, int padding, ConvolutionMode mode, String where) {
    long out =
        mode == ConvolutionMode.Same
            ? ConvArithmetic.transposedSameOutputSize(in, stride)
            : ConvArithmetic.transposedOutputSize(in, kernel, stride, padding);
    if (out < 1) {
      throw new InvalidSettingException(
          where + ".padding",
          "padding "
              + padding
              + " leaves no output: "
              + stride
              + "*("
              + in
              + " - 1) + "
              + kernel
              + " - 2*"
              + padding
              + " = "
              + out);
    }
    return out;
  }

  /**
   * A layer's inputs as written, or by default the layer before it (the network input for the
   * first).
   */
  static List<String> inputsOf(List<LayerSpec> specs, int index) {
    List<String> given = specs.get(index).inputs();
    if (!given.isEmpty()) {
      return given;
    }
    return List.of(index == 0 ? LayerSpec.NETWORK_INPUT : specs.get(index - 1).name());
  }

  public long totalParameters() {
    return layers.stream().mapToLong(LayerSummary::parameters).sum();
  }

  public long trainableParameters() {
    return layers.stream().mapToLong(LayerSummary::trainable).sum();
  }

  public long nonTrainableParameters() {
    return layers.stream().mapToLong(LayerSummary::nonTrainable).sum();
  }

  public long multiplyAdds() {
    return layers.stream().mapToLong(LayerSummary::multiplyAdds).sum();
  }

  public LayerSummary layer(String layerName) {
    return layers.stream()
        .filter(l -> l.layer().name().equals(layerName))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "network " + name + " has no layer '" + layerName + "'"));
  }

  public LayerSummary last() {
    return layers.get(layers.size() - 1);
  }

  /** How many different kernel sizes its convolutions use (AlexNet: 11, 5 and 3). */
  public int distinctKernelSizes() {
    return new TreeSet<>(
            layers.stream()
                .filter(
                    l -> l.layer().type() == LayerKind.CONV || l.layer().type() == LayerKind.DECONV)
                .map(l -> l.layer().kernel())
                .toList())
        .size();
  }

  public long count(LayerKind kind) {
    return layers.stream().filter(l -> l.layer().type() == kind).count();
  }

  /** The summary as a table, Keras' columns first, then the totals and notes. */
  public String format() {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "Layer (type)",
          "Output shape",
          "Param formula",
          "Params",
          "Trainable",
          "Receptive field /jump",
          "Mult-adds",
          "Connected to"
        });
    rows.add(
        new String[] {
          "input (InputLayer)",
          Activations.map(input.channels(), input.height(), input.width()).keras(),
          "",
          "0",
          "0",
          ReceptiveField.PIXEL.describe(),
          "0",
          ""
        });
    for (LayerSummary l : layers) {
      rows.add(
          new String[] {
            l.layer().name() + " (" + l.layer().type().kerasName() + ")",
            l.output().keras(),
            l.formula(),
            Long.toString(l.parameters()),
            Long.toString(l.trainable()),
            l.field().describe(),
            Long.toString(l.multiplyAdds()),
            String.join(", ", l.inputs())
          });
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    StringBuilder text = new StringBuilder("Network: " + name + "\n");
    int total = java.util.Arrays.stream(widths).sum() + 2 * (widths.length - 1);
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        boolean number = r > 0 && (c == 3 || c == 4 || c == 6);
        String cell =
            number
                ? " ".repeat(widths[c] - row[c].length()) + row[c]
                : row[c] + " ".repeat(widths[c] - row[c].length());
        line.append(cell).append(c < row.length - 1 ? "  " : "");
      }
      text.append(line.toString().stripTrailing()).append('\n');
      if (r == 0) {
        text.append("=".repeat(total)).append('\n');
      }
    }
    text.append("=".repeat(total)).append('\n');
    text.append(String.format(Locale.ROOT, "Total params: %,d%n", totalParameters()));
    text.append(String.format(Locale.ROOT, "Trainable params: %,d%n", trainableParameters()));
    text.append(
        String.format(Locale.ROOT, "Non-trainable params: %,d%n", nonTrainableParameters()));
    text.append(String.format(Locale.ROOT, "Multiply-adds per example: %,d%n", multiplyAdds()));
    text.append(
        "Shapes are (batch, height, width, channels) as Keras prints them; DL4J holds the same activations as NCHW.\n");
    text.append(
        "Receptive field: input pixels one output value depends on (height x width, padding included, not clipped at\n"
            + "the border) and /jump: input pixels between neighbouring outputs.\n");
    if (count(LayerKind.BATCHNORM) > 0) {
      text.append(
          "Batch normalization: 4 values per channel; gamma and beta are trainable, the moving mean and variance are\n"
              + "not (they are averaged, not learnt), as Keras counts them. DL4J stores all four as parameters and its own\n"
              + "summary lists them as trainable.\n");
    }
    return text.toString();
  }
}
