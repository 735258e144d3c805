package org.examlab.architecture;

import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.examlab.harness.config.ConfigLoader;
import org.examlab.harness.validation.ConfigException;
import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;

/**
 * A network typed in as YAML ({@code configs/architectures/*.yaml}): an input image and a list of
 * layers, each reading the layer before it unless it names its {@code inputs} (skips,
 * concatenations, additions). Binding it also works out every shape, so a layer that does not fit
 * (a kernel larger than its input, concatenated maps of different sizes, a name that is not defined
 * before use) is reported with the layer's key and line, like any config error.
 *
 * @param convolutionMode the default for windowed layers: truncate (default; Keras 'valid'), same
 *     or strict; a layer's own {@code mode} wins
 */
public record NetworkDescription(
    String name,
    String description,
    InputSize input,
    ConvolutionMode convolutionMode,
    List<LayerSpec> layers) {

  public NetworkDescription {
    Require.nonBlank("name", name);
    Require.present("input", input);
    convolutionMode = convolutionMode == null ? ConvolutionMode.Truncate : convolutionMode;
    if (convolutionMode == ConvolutionMode.Causal) {
      throw new InvalidSettingException(
          "convolutionMode", "causal is for 1-D sequences; use same, truncate or strict");
    }
    layers = Require.distinctlyNamed("layers", layers, LayerSpec::name);
    ArchitectureSummary.compute(name, input, convolutionMode, layers); // every shape must work out
  }

  /**
   * Reads and checks a network description file; {@code overrides} as for configs ({@code
   * input.height=64}).
   */
  public static NetworkDescription load(Path file, List<String> overrides) throws ConfigException {
    return ConfigLoader.loadRecord(file, overrides, NetworkDescription.class);
  }

  public ArchitectureSummary summary() {
    return ArchitectureSummary.compute(name, input, convolutionMode, layers);
  }

  /**
   * The same layers on another input size (receptive fields do not depend on it; probing is cheaper
   * on small images).
   */
  public NetworkDescription withInput(InputSize other) {
    return new NetworkDescription(name, description, other, convolutionMode, layers);
  }

  /** The layers up to and including {@code last}: the network whose output is that layer's. */
  public NetworkDescription upTo(String last) {
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).name().equals(last)) {
        return new NetworkDescription(
            name, description, input, convolutionMode, layers.subList(0, i + 1));
      }
    }
    throw new IllegalArgumentException("network " + name + " has no layer '" + last + "'");
  }
}
