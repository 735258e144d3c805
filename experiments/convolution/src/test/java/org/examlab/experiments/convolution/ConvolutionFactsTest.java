package org.examlab.experiments.convolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.examlab.architecture.InputSize;
import org.examlab.architecture.NetworkDescription;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The notes' convolution facts (004-CNN/*) and the SE block's reach (002-4a), each against plain
 * Java or a hand count.
 */
class ConvolutionFactsTest {
  static final Path ARCHITECTURES = Path.of("../../configs/architectures");

  @Test
  void fullConvolutionIsTheTextbookSum() {
    double[][] a = {{1, 2}, {3, 4}};
    double[][] b = {{0, 1}, {-1, 2}};
    INDArray conv = Associativity.convolve(image(a), image(b));
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double sum = 0; // (a * b)[i, j] = sum_{p, q} a[p, q] b[i - p, j - q]
        for (int p = 0; p < 2; p++) {
          for (int q = 0; q < 2; q++) {
            if (i - p >= 0 && i - p < 2 && j - q >= 0 && j - q < 2) {
              sum += a[p][q] * b[i - p][j - q];
            }
          }
        }
        assertEquals(sum, conv.getDouble(0, 0, i, j), 1e-12, "(" + i + ", " + j + ")");
      }
    }
  }

  @Test
  void convolutionAssociatesCorrelationDoesNot() {
    Associativity a = Associativity.measure(new ConvolutionSettings.Algebra(8, 3), 1);
    assertTrue(a.convolutionError() < 1e-12, a.toString());
    assertTrue(a.correlationError() > 0.01, a.toString());
    assertTrue(
        a.correlationSymmetricError() < 1e-12,
        "with a rotation-symmetric kernel the flip changes nothing: " + a);
  }

  @Test
  void dl4jsTransposedConvolutionIsTheScatterOfTheInput() {
    ConvolutionSettings.Transposed s = new ConvolutionSettings.Transposed(4, 2, 3, 3, 2);
    TransposedConvolution.Sample sample = TransposedConvolution.sample(s, 2);
    INDArray x = sample.input();
    INDArray w = sample.weights();
    int size = (4 - 1) * 2 + 3;
    double[][][] out = new double[3][size][size];
    // each input pixel adds its value times the kernel at (stride i, stride j): the transposed
    // convolution's definition
    for (int c = 0; c < 2; c++) {
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
          for (int o = 0; o < 3; o++) {
            for (int u = 0; u < 3; u++) {
              for (int v = 0; v < 3; v++) {
                out[o][2 * i + u][2 * j + v] += x.getDouble(0, c, i, j) * w.getDouble(c, o, u, v);
              }
            }
          }
        }
      }
    }
    assertEquals(
        List.of(1L, 3L, (long) size, (long) size),
        List.of(
            sample.output().size(0),
            sample.output().size(1),
            sample.output().size(2),
            sample.output().size(3)));
    for (int o = 0; o < 3; o++) {
      for (int r = 0; r < size; r++) {
        for (int col = 0; col < size; col++) {
          assertEquals(out[o][r][col], sample.output().getDouble(0, o, r, col), 1e-12);
        }
      }
    }
    TransposedConvolution t = TransposedConvolution.measure(s, 2);
    assertTrue(t.zeroInsertionError() < 1e-12, t.toString());
    assertTrue(t.nearestError() > 0.01, t.toString());
    assertTrue(t.unflippedError() > 0.01, t.toString());
  }

  @Test
  void squeezeExcitationReachesEveryLocationOfEveryChannel() {
    SqueezeExcitation se = SqueezeExcitation.measure(new ConvolutionSettings.SeBlock(8, 8, 2), 3);
    assertEquals(1.0, se.seReach(), 0.0);
    assertEquals(
        9 / 64.0,
        se.conv3Reach(),
        1e-12,
        "a 3x3 neighbourhood of the 8x8 map in each other channel");
    assertEquals(1 / 64.0, se.conv1Reach(), 1e-12);
  }

  @Test
  void squeezeExcitationRescalesChannelsByTheirGates() {
    INDArray x = Nd4j.ones(DataType.DOUBLE, 1, 2, 2, 2);
    INDArray w1 = Nd4j.zeros(DataType.DOUBLE, 2, 1);
    INDArray b1 = Nd4j.zeros(DataType.DOUBLE, 1, 1);
    INDArray w2 = Nd4j.zeros(DataType.DOUBLE, 1, 2);
    INDArray b2 =
        Nd4j.createFromArray(
            new double[][] {{0, Math.log(3)}}); // gates sigmoid(0) = 1/2, sigmoid(log 3) = 3/4
    INDArray y = SqueezeExcitation.squeezeExcite(x, w1, b1, w2, b2);
    assertEquals(0.5, y.getDouble(0, 0, 1, 1), 1e-12);
    assertEquals(0.75, y.getDouble(0, 1, 0, 1), 1e-12);
  }

  @Test
  void stackedThreeByThreeReachSevenWithFewerWeights() throws Exception {
    NetworkDescription stack =
        NetworkDescription.load(ARCHITECTURES.resolve("vgg-stack-3x3.yaml"), List.of());
    NetworkDescription single =
        NetworkDescription.load(ARCHITECTURES.resolve("single-7x7.yaml"), List.of());
    assertEquals(9 * 3 * 8 * 8, stack.summary().totalParameters());
    assertEquals(7 * 7 * 8 * 8, single.summary().totalParameters());
    ReceptiveFieldProbe probe =
        ReceptiveFieldProbe.measure(stack.withInput(new InputSize(12, 12, 8)), 1);
    assertEquals(7, probe.height());
    assertEquals(7, probe.width());
    assertEquals(
        7, ReceptiveFieldProbe.measure(single.withInput(new InputSize(12, 12, 8)), 1).height());
  }

  private static INDArray image(double[][] values) {
    return Nd4j.createFromArray(values).reshape(1, 1, values.length, values[0].length);
  }
}
