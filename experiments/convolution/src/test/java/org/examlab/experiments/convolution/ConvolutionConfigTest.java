package org.examlab.experiments.convolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.examlab.harness.config.ConfigLoader;
import org.examlab.harness.config.ResolvedConfig;
import org.examlab.harness.experiment.ExperimentRegistry;
import org.examlab.harness.validation.ConfigException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped config binds, its network files load, and a wrong layer name stops before any run.
 */
class ConvolutionConfigTest {
  private static final Path HOME = Path.of("../.."); // tests run in experiments/convolution
  private static final Path CONFIG = HOME.resolve("configs/convolution.yaml");
  private final ConvolutionExperiment experiment = new ConvolutionExperiment();
  private final ConfigLoader loader = new ConfigLoader(new ExperimentRegistry(List.of(experiment)));

  @BeforeAll
  static void projectHome() {
    System.setProperty("examlab.home", "../.."); // tests run in experiments/convolution
  }

  @AfterAll
  static void clear() {
    System.clearProperty("examlab.home");
  }

  private ConvolutionSettings load(String... overrides) throws ConfigException {
    ResolvedConfig<?> resolved = loader.load(CONFIG, List.of(overrides));
    return (ConvolutionSettings) resolved.settings();
  }

  @Test
  void shippedConfigAndNetworksAreValid() throws Exception {
    ConvolutionSettings settings = load();
    experiment.checkInputs(settings, HOME);
    assertEquals(
        3694595,
        ConvolutionExperiment.loadNetworks(settings, HOME)
            .get("exam-unet")
            .summary()
            .totalParameters());
  }

  @Test
  void probeOfAMissingLayerNamesTheKey() throws Exception {
    ConvolutionSettings settings =
        load("probes=[{network: stacked-3x3, layer: conv9, imageSize: 16}]", "claims=[]");
    ConfigException e =
        assertThrows(ConfigException.class, () -> experiment.checkInputs(settings, HOME));
    assertEquals("probes[0].layer", e.key());
    assertTrue(e.problem().contains("conv9"), e.getMessage());
  }

  @Test
  void probeOfAnUnknownNetworkIsRejectedWhileBinding() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> load("probes=[{network: lenet, layer: c1, imageSize: 16}]", "claims=[]"));
    assertEquals("probes[0].network", e.key());
  }

  @Test
  void missingNetworkFileIsAConfigError() throws Exception {
    ConvolutionSettings settings =
        load(
            "networks=[{name: x, file: configs/architectures/nope.yaml}]",
            "probes=[]",
            "claims=[]");
    ConfigException e =
        assertThrows(ConfigException.class, () -> experiment.checkInputs(settings, HOME));
    assertTrue(e.getMessage().contains("nope.yaml"), e.getMessage());
  }
}
