package org.examlab.experiments.unet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.datasets.scenes.SceneGenerator;
import org.examlab.datasets.scenes.SceneType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

class ExamUNetTest {

  /**
   * A 3x3 convolution's parameters: a kernel per input channel and filter, and a bias per filter.
   */
  private static long conv3x3(long in, long out) {
    return (3 * 3 * in + 1) * out;
  }

  @Test
  void theExamSizeGraphHasTheParametersItsLayerFormulasAddUpTo() {
    ComputationGraph graph = ExamUNet.EXAM.build(1L, new Adam());
    // In-channels follow the exam's graph: the concatenations add the skip's channels.
    Map<String, Long> expected =
        Map.of(
            "conv_d1", conv3x3(3, 128),
            "conv_d2", conv3x3(128, 256),
            "conv_d3", conv3x3(256, 512),
            "conv_u1", conv3x3(512 + 256, 256),
            "conv_u2", conv3x3(256 + 128, 128),
            "output_layer", conv3x3(128, 3));
    long sum = 0;
    for (var layer : expected.entrySet()) {
      assertEquals(layer.getValue(), graph.getLayer(layer.getKey()).numParams(), layer.getKey());
      sum += layer.getValue();
    }
    for (String parameterless : new String[] {"mp_d1", "mp_d2", "up_u1", "up_u2", ExamUNet.LOSS}) {
      assertEquals(0, graph.getLayer(parameterless).numParams(), parameterless);
    }
    assertEquals(sum, graph.numParams());
    assertEquals(sum, ExamSizeProbe.parameterCount());
  }

  @Test
  void aNarrowUNetMapsAnImageToPerPixelClassProbabilities() {
    ExamUNet unet = new ExamUNet(1.0 / 32, 16, 32, 3);
    assertArrayEquals(new int[] {4, 8, 16, 8, 4}, unet.filters());
    ComputationGraph graph = unet.build(1L, new Adam());
    DataSet scenes = new SceneGenerator(SceneType.ROAD, 16, 32, 0.05).sample(2, 1L);
    var out = graph.outputSingle(false, scenes.getFeatures());
    assertArrayEquals(new long[] {2, 3, 16, 32}, out.shape());
    assertEquals(
        2 * 16 * 32,
        out.sumNumber().doubleValue(),
        1e-2,
        "softmax over the class channel sums to 1 per pixel");
  }

  @Test
  void trainingStepsOnScenesReduceTheLoss() {
    ExamUNet unet = new ExamUNet(1.0 / 32, 16, 32, 3);
    ComputationGraph graph = unet.build(3L, new Adam(0.01));
    DataSet scenes = new SceneGenerator(SceneType.CHECKERBOARD, 16, 32, 0.05).sample(8, 2L);
    double before = graph.score(scenes);
    for (int step = 0; step < 15; step++) {
      graph.fit(scenes);
    }
    double after = graph.score(scenes);
    assertTrue(after < 0.8 * before, "loss " + before + " -> " + after);
  }

  @Test
  void sizesThatTwoPoolingsCannotHalveAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ExamUNet(1.0, 30, 64, 3));
    assertThrows(IllegalArgumentException.class, () -> new ExamUNet(0.0, 32, 64, 3));
  }
}
