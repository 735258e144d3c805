package org.examlab.architecture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

class ConvArithmeticTest {

  @Test
  void examQuestionsOfSeed003Problem4() {
    assertEquals(
        8,
        ConvArithmetic.outputSize(26, 7, 3, 1),
        "5 filters 7x7, stride 3, padding 1 on 26x26x26 -> 8x8x5");
    assertArrayEquals(
        new long[] {4, 3, 5, 5}, ConvArithmetic.weightShape(4, 3, 5), "4 filters 5x5 on RGB");
    assertEquals(7, ConvArithmetic.stackedReceptiveField(3, 3), "three stacked 3x3 convolutions");
    assertEquals(7, ConvArithmetic.receptiveField(new int[] {3, 3, 3}, new int[] {1, 1, 1}));
  }

  @Test
  void receptiveFieldGrowsWithTheJumpOfEarlierStrides() {
    // seed 001 up to batchNorm: conv 5x5, pool 2/2, conv 3x3, pool 2/2, conv 1x1
    assertEquals(
        12, ConvArithmetic.receptiveField(new int[] {5, 2, 3, 2, 1}, new int[] {1, 2, 1, 2, 1}));
    assertEquals(
        1,
        ConvArithmetic.receptiveField(new int[] {1}, new int[] {1}),
        "a 1x1 convolution sees one pixel");
  }

  @Test
  void sizesAndCounts() {
    assertEquals(4, ConvArithmetic.sameOutputSize(7, 2));
    assertEquals(64, ConvArithmetic.transposedSameOutputSize(32, 2));
    assertEquals(65, ConvArithmetic.transposedOutputSize(32, 3, 2, 0));
    assertEquals(3584, ConvArithmetic.convolutionParameters(3, 3, 128, true));
    assertEquals(36864, ConvArithmetic.convolutionParameters(3, 64, 64, false));
    assertEquals(4097000, ConvArithmetic.denseParameters(4096, 1000, true));
  }

  /**
   * The formulas must give DL4J's own shapes and counts, for every mode, stride and padding tried.
   */
  @Test
  void randomLayersAgreeWithDl4j() {
    Random random = new Random(7);
    for (int trial = 0; trial < 40; trial++) {
      int size = 9 + random.nextInt(20);
      int kernel = 1 + random.nextInt(5);
      int stride = 1 + random.nextInt(3);
      boolean same = random.nextBoolean();
      ConvolutionMode mode = same ? ConvolutionMode.Same : ConvolutionMode.Truncate;
      Integer padding = same ? null : random.nextInt(3);
      List<LayerSpec> layers = new ArrayList<>();
      LayerKind kind = LayerKind.values()[random.nextInt(3)]; // conv, deconv or max pooling
      layers.add(
          new LayerSpec(
              "a",
              kind,
              null,
              kind == LayerKind.MAXPOOL ? null : 1 + random.nextInt(6),
              null,
              kernel,
              stride,
              padding,
              mode,
              null,
              kind == LayerKind.MAXPOOL ? null : random.nextBoolean(),
              null,
              null));
      layers.add(
          new LayerSpec(
              "b",
              LayerKind.BATCHNORM,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null));
      layers.add(
          new LayerSpec(
              "c",
              LayerKind.DENSE,
              null,
              null,
              3,
              null,
              null,
              null,
              null,
              Activation.RELU,
              null,
              null,
              null));
      NetworkDescription network =
          new NetworkDescription("random", null, new InputSize(size, size + 3, 2), mode, layers);
      FrameworkCheck check = FrameworkCheck.of(network);
      assertTrue(check.agrees(), network + ": " + check.disagreements());
      assertEquals(network.summary().totalParameters(), check.dl4jParameters());
    }
  }
}
