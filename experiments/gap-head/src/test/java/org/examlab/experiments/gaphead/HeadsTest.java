package org.examlab.experiments.gaphead;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.datasets.images.RenderedDigits;
import org.examlab.experiments.gaphead.Heads.Head;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

class HeadsTest {
  private static final GapHeadSettings SMALL =
      new GapHeadSettings(new GapHeadSettings.Data(8, 20, 10), new GapHeadSettings.Trunk(3, 4), 5);

  @Test
  void theHeadsHaveTheHandCountedParameters() {
    assertEquals(4 * 10 + 10, Heads.headParameters(Heads.build(Head.GAP, SMALL, 1, new Sgd(0.1))));
    // the 8x8 image pooled once: a 4x4x4 map, flattened to 64 inputs of 5 ReLU units, then 10
    // classes
    assertEquals(
        4 * 4 * 4 * 5 + 5 + 5 * 10 + 10,
        Heads.headParameters(Heads.build(Head.FC, SMALL, 1, new Sgd(0.1))));
  }

  @Test
  void theGapHeadIsTheSoftmaxOfTheChannelMeans() {
    MultiLayerNetwork net = Heads.build(Head.GAP, SMALL, 7, new Sgd(0.1));
    INDArray images = new RenderedDigits(8).labelled(3, 11).getFeatures();
    List<INDArray> activations = net.feedForward(images, false);
    INDArray map =
        activations.get(Heads.FIRST_HEAD_LAYER); // the trunk's output: [3, 4 channels, 4, 4]
    INDArray w = net.getLayer(Heads.FIRST_HEAD_LAYER + 1).getParam("W");
    INDArray b = net.getLayer(Heads.FIRST_HEAD_LAYER + 1).getParam("b");
    INDArray out = net.output(images, false);
    for (int n = 0; n < 3; n++) {
      double[] mean = new double[4];
      for (int c = 0; c < 4; c++) {
        for (int y = 0; y < 4; y++) {
          for (int x = 0; x < 4; x++) {
            mean[c] += map.getDouble(n, c, y, x) / 16;
          }
        }
      }
      double[] z = new double[10];
      double norm = 0;
      for (int k = 0; k < 10; k++) {
        z[k] = b.getDouble(k);
        for (int c = 0; c < 4; c++) {
          z[k] += mean[c] * w.getDouble(c, k);
        }
        norm += Math.exp(z[k]);
      }
      for (int k = 0; k < 10; k++) {
        assertEquals(
            Math.exp(z[k]) / norm, out.getDouble(n, k), 1e-5, "image " + n + " class " + k);
      }
    }
  }
}
