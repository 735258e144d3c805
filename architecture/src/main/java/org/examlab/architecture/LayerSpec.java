package org.examlab.architecture;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;
import org.nd4j.linalg.activations.Activation;

/**
 * One layer of a network description. Which keys apply depends on {@code type} ({@link
 * LayerKind#keys()}); a key the type does not use is an error rather than silently ignored. Sizes
 * are square (kernel k means k x k), as in the exam networks.
 *
 * @param inputs the layers this one reads; default: the layer before it (the network input for the
 *     first layer). Concatenation and addition name two or more.
 * @param filters output channels of a convolution or transposed convolution
 * @param units outputs of a dense layer (a dense layer on a map reads it flattened)
 * @param kernel window size; pooling defaults to 2
 * @param stride default 1 for (transposed) convolutions, the kernel size for pooling
 * @param padding zeros added on each side, for mode truncate or strict (default 0)
 * @param mode DL4J's ConvolutionMode: same (Keras padding='same'), truncate (Keras 'valid' plus
 *     explicit padding, floor division) or strict (truncate that must divide exactly); default: the
 *     network's convolutionMode
 * @param activation applied after the layer (default identity)
 * @param bias whether the layer has a bias per output (default true)
 * @param rate a dropout layer's drop probability, as Keras writes it (DL4J takes 1 - rate, the
 *     retain probability)
 * @param size an upsampling layer's factor (default 2)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LayerSpec(
    String name,
    LayerKind type,
    List<String> inputs,
    Integer filters,
    Integer units,
    Integer kernel,
    Integer stride,
    Integer padding,
    ConvolutionMode mode,
    Activation activation,
    Boolean bias,
    Double rate,
    Integer size) {

  public static final String NETWORK_INPUT = "input";
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

  public LayerSpec {
    Require.nonBlank("name", name);
    if (!NAME.matcher(name).matches() || name.equals(NETWORK_INPUT)) {
      throw new InvalidSettingException(
          "name",
          "use letters, digits, '_', '.', '-', starting with a letter (and not '"
              + NETWORK_INPUT
              + "', the network input), got '"
              + name
              + "'");
    }
    Require.present("type", type);
    inputs = inputs == null ? List.of() : List.copyOf(inputs);
    if (type.merges() ? inputs.size() < 2 : inputs.size() > 1) {
      throw new InvalidSettingException(
          "inputs",
          type.yamlName()
              + (type.merges() ? " needs at least two inputs" : " reads one input")
              + ", got "
              + inputs);
    }
    for (Map.Entry<String, Object> key :
        given(filters, units, kernel, stride, padding, mode, activation, bias, rate, size)
            .entrySet()) {
      if (!type.keys().contains(key.getKey())) {
        throw new InvalidSettingException(
            key.getKey(),
            "does not apply to a " + type.yamlName() + " layer; its keys: " + type.keys());
      }
    }
    boolean convolution = type == LayerKind.CONV || type == LayerKind.DECONV;
    if (convolution) {
      Require.inRange("filters", Require.present("filters", filters), 1, 1_000_000);
      Require.inRange("kernel", Require.present("kernel", kernel), 1, 10_000);
    }
    if (type == LayerKind.MAXPOOL || type == LayerKind.AVGPOOL) {
      kernel = Require.inRange("kernel", kernel == null ? 2 : kernel, 1, 10_000);
    }
    if (convolution || type == LayerKind.MAXPOOL || type == LayerKind.AVGPOOL) {
      stride =
          Require.inRange(
              "stride", stride == null ? (convolution ? 1 : kernel) : stride, 1, 10_000);
      padding = Require.inRange("padding", padding == null ? 0 : padding, 0, 10_000);
      if (mode == ConvolutionMode.Causal) {
        throw new InvalidSettingException(
            "mode", "causal is for 1-D sequences; use same, truncate or strict");
      }
      if (mode == ConvolutionMode.Same && padding > 0) {
        throw new InvalidSettingException(
            "padding", "mode same pads by itself; give padding only with truncate or strict");
      }
    }
    if (type == LayerKind.DENSE) {
      Require.inRange("units", Require.present("units", units), 1, 100_000_000);
    }
    if (type == LayerKind.DROPOUT) {
      Require.inRange("rate", Require.present("rate", rate), 0.0, 0.999);
    }
    if (type == LayerKind.ACTIVATION) {
      Require.present("activation", activation);
    }
    if (type == LayerKind.UPSAMPLE) {
      size = Require.inRange("size", size == null ? 2 : size, 1, 1000);
    }
    if (type.keys().contains("activation") && activation == null) {
      activation = Activation.IDENTITY;
    }
    if (type.keys().contains("bias") && bias == null) {
      bias = true;
    }
  }

  /** The optional keys the YAML gave, by name. */
  private static Map<String, Object> given(
      Integer filters,
      Integer units,
      Integer kernel,
      Integer stride,
      Integer padding,
      ConvolutionMode mode,
      Activation activation,
      Boolean bias,
      Double rate,
      Integer size) {
    Map<String, Object> keys = new LinkedHashMap<>();
    Object[] values = {filters, units, kernel, stride, padding, mode, activation, bias, rate, size};
    String[] names = {
      "filters",
      "units",
      "kernel",
      "stride",
      "padding",
      "mode",
      "activation",
      "bias",
      "rate",
      "size"
    };
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        keys.put(names[i], values[i]);
      }
    }
    return keys;
  }
}
