package org.examlab.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.harness.validation.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NetworkDescriptionTest {
  /** The shipped network descriptions, from this module's folder (tests run in harness). */
  static final Path ARCHITECTURES = Path.of("../configs/architectures");

  @TempDir Path dir;

  @Test
  void examUnetHasTheCountKerasPrinted() throws Exception {
    NetworkDescription unet =
        NetworkDescription.load(ARCHITECTURES.resolve("exam-unet.yaml"), List.of());
    ArchitectureSummary summary = unet.summary();
    assertEquals(3_694_595, summary.totalParameters(), "seed 000's Keras summary");
    assertEquals(0, summary.nonTrainableParameters());
    assertEquals("3*3*768*256 + 256", summary.layer("conv_u1").formula());
    assertEquals(Activations.map(768, 64, 128), summary.layer("concat1").output());
    assertEquals(26, summary.last().field().vertical().size());

    ComputationGraph graph = Dl4jGraph.build(unet, 1);
    assertEquals(3_694_595, graph.numParams(), "the DL4J graph's own count");
    // a forward pass on a smaller image: same parameters, shapes as the summary says
    NetworkDescription small = unet.withInput(new InputSize(16, 32, 3));
    INDArray out =
        Dl4jGraph.build(small, 1)
            .outputSingle(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, 16, 32));
    assertEquals(
        List.of(2L, 3L, 16L, 32L), List.of(out.size(0), out.size(1), out.size(2), out.size(3)));
  }

  @Test
  void examConvTransposedNetworkOfSeed001() throws Exception {
    NetworkDescription network =
        NetworkDescription.load(ARCHITECTURES.resolve("exam-conv-transposed.yaml"), List.of());
    ArchitectureSummary summary = network.summary();
    assertEquals(52_163, summary.totalParameters());
    assertEquals(256, summary.nonTrainableParameters(), "batch norm's moving mean and variance");
    assertEquals("3*3*128*32 + 32", summary.layer("convt1").formula());
    assertEquals(Activations.map(32, 64, 128), summary.layer("convt1").output());
    assertEquals(
        12, summary.layer("batchNorm").field().vertical().size(), "receptive field at batchNorm");
    assertEquals(4, summary.layer("batchNorm").field().vertical().jump());
    assertEquals(52_163, Dl4jGraph.build(network, 1).numParams());
    assertTrue(FrameworkCheck.of(network).agrees());
  }

  @Test
  void summaryTableShowsFormulasAndTotals() throws Exception {
    String table =
        NetworkDescription.load(ARCHITECTURES.resolve("exam-conv-transposed.yaml"), List.of())
            .summary()
            .format();
    assertTrue(table.contains("conv1 (Conv2D)"), table);
    assertTrue(table.contains("5*5*3*16 + 16"), table);
    assertTrue(table.contains("Total params: 52,163"), table);
    assertTrue(table.contains("Non-trainable params: 256"), table);
    assertTrue(table.contains("12x12 /4"), table);
  }

  @Test
  void overridesChangeTheInput() throws Exception {
    NetworkDescription network =
        NetworkDescription.load(
            ARCHITECTURES.resolve("exam-unet.yaml"), List.of("input.height=64"));
    assertEquals(Activations.map(3, 64, 256), network.summary().last().output());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // the layer line that replaces the valid second layer | key named | words in the problem |
        // line
        "{name: b, type: conv, filtres: 4, kernel: 3}      | layers[1].filtres | unknown key        | 5",
        "{name: b, type: maxpool, filters: 4}              | layers[1].filters | does not apply     | 5",
        "{name: b, type: conv, filters: 4}                 | layers[1].kernel  | required           | 5",
        "{name: b, type: conv, filters: 0, kernel: 3}      | layers[1].filters | between 1          | 5",
        "{name: b, type: conv, filters: 4, kernel: 9}      | layers[1].kernel  | does not fit       | 5",
        "{name: b, type: concat, inputs: [a, input]}       | layers[1].inputs  | same height        | 5",
        "{name: b, type: add, inputs: [a, nope]}           | layers[1].inputs  | 'nope'             | 5",
        "{name: b, type: dropout, rate: 1.5}               | layers[1].rate    | between            | 5",
        "{name: b, type: deconv, filters: 2, kernel: 1, padding: 3} | layers[1].padding | leaves no output | 5",
        "{name: b, type: conv, filters: 4, kernel: 3, mode: causal} | layers[1].mode | 1-D          | 5",
        "{name: b, type: pool}                             | layers[1].type    | one of             | 5",
        "{name: a, type: batchnorm}                        | layers            | repeat             | 1",
      })
  void badDescriptionsNameTheKeyAndLine(String layer, String key, String words, int line)
      throws Exception {
    Path file = dir.resolve("net.yaml");
    Files.writeString(
        file,
        """
        name: tiny
        input: {height: 8, width: 8, channels: 2}
        layers:
          - {name: a, type: conv, filters: 4, kernel: 3, stride: 2}
          - %s
        """
            .formatted(layer));
    ConfigException e =
        assertThrows(ConfigException.class, () -> NetworkDescription.load(file, List.of()));
    assertEquals(key, e.key(), e.getMessage());
    assertTrue(e.problem().contains(words), e.getMessage());
    assertTrue(e.where().startsWith(file.toString()), e.getMessage());
    if (!key.equals("layers")) {
      assertTrue(e.where().endsWith(":" + line), e.getMessage());
    }
  }

  @Test
  void summaryCommandExitsTwoOnABadDescription() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        "name: x\ninput: {height: 8, width: 8, channels: 1}\nlayers:\n  - {name: a, type: conv, kernel: 3}\n");
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured));
    try {
      int status =
          org.examlab.harness.cli.ExamLab.commandLine(
                  new org.examlab.harness.experiment.ExperimentRegistry(List.of()), dir)
              .execute("summary", file.toString());
      assertEquals(2, status);
    } finally {
      System.setErr(err);
    }
    assertTrue(captured.toString().contains("layers[0].filters"), captured.toString());
  }
}
