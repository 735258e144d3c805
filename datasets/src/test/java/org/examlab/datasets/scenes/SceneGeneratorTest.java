package org.examlab.datasets.scenes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Every pixel's label must agree with its colour, per scene type, through the bounded noise. */
class SceneGeneratorTest {
  private static final double NOISE = 0.03;
  private static final double SLACK = 2 * NOISE; // noise can move two channels apart by this much

  /** The pixels of {@code n} generated scenes: colour channels and label per pixel. */
  private record Pixels(float[] r, float[] g, float[] b, int[] label) {
    static Pixels of(SceneType type, int n, long seed) {
      DataSet d = new SceneGenerator(type, 32, 64, NOISE).sample(n, seed);
      float[] f = d.getFeatures().dup('c').data().asFloat();
      int[] labels = d.getLabels().argMax(1).ravel().toIntVector();
      int pixels = 32 * 64;
      float[] r = new float[labels.length];
      float[] g = new float[labels.length];
      float[] b = new float[labels.length];
      for (int i = 0; i < n; i++) {
        for (int p = 0; p < pixels; p++) {
          r[i * pixels + p] = f[(i * 3) * pixels + p];
          g[i * pixels + p] = f[(i * 3 + 1) * pixels + p];
          b[i * pixels + p] = f[(i * 3 + 2) * pixels + p];
        }
      }
      return new Pixels(r, g, b, labels);
    }

    double chroma(int p) {
      return Math.max(r[p], Math.max(g[p], b[p])) - Math.min(r[p], Math.min(g[p], b[p]));
    }

    /**
     * Asserts {@code colour} holds for every pixel labelled {@code label}, and that there are some.
     */
    void check(int label, String what, IntPredicate colour) {
      int count = 0;
      for (int p = 0; p < label().length; p++) {
        if (label()[p] == label) {
          count++;
          assertTrue(
              colour.test(p),
              what + " pixel " + p + " has colour " + r[p] + ", " + g[p] + ", " + b[p]);
        }
      }
      assertTrue(count > 100, "only " + count + " pixels labelled " + what);
    }
  }

  @Test
  void checkerboardSquaresAreGreyAndPiecesColoured() {
    Pixels px = Pixels.of(SceneType.CHECKERBOARD, 12, 3L);
    px.check(Checkerboards.WHITE, "white", p -> px.chroma(p) <= SLACK && px.r()[p] >= 0.75 - NOISE);
    px.check(Checkerboards.BLACK, "black", p -> px.chroma(p) <= SLACK && px.r()[p] <= 0.3 + NOISE);
    px.check(Checkerboards.PIECE, "piece", p -> px.chroma(p) >= 0.3 - SLACK);
  }

  @Test
  void skyIsBlueAndRoadIsGrey() {
    Pixels px = Pixels.of(SceneType.ROAD, 12, 4L);
    px.check(RoadScenes.SKY, "sky", p -> px.b()[p] - px.r()[p] >= 0.32 - SLACK);
    px.check(RoadScenes.ROAD, "road", p -> px.chroma(p) <= SLACK);
    px.check(RoadScenes.OTHER, "other", p -> px.b()[p] - px.r()[p] <= SLACK);
  }

  @Test
  void nucleiAreDarkTubulesWallOrLumenAndTissuePink() {
    Pixels px = Pixels.of(SceneType.HISTOLOGY, 12, 5L);
    px.check(HistologyScenes.CELLS, "cells", p -> px.r()[p] <= 0.35 + NOISE);
    px.check(
        HistologyScenes.TUBULES,
        "tubules",
        p -> px.r()[p] >= 0.75 - NOISE && (px.g()[p] <= 0.4 + NOISE || px.g()[p] >= 0.93 - NOISE));
    px.check(
        HistologyScenes.INTERSTITIAL,
        "interstitial",
        p -> px.r()[p] >= 0.88 - NOISE && px.g()[p] >= 0.66 - NOISE && px.g()[p] <= 0.74 + NOISE);
  }

  @Test
  void streetsHoldCarsAndPersonsWhoseColoursOverlapTheBackground() {
    SceneGenerator g = new SceneGenerator(SceneType.STREET, 32, 64, 0.0);
    DataSet scenes = g.sample(40, 6L);
    double[] share = scenes.getLabels().sum(0, 2, 3).toDoubleVector();
    double total = share[0] + share[1] + share[2];
    // every class is there, "other" is the majority, neither object class is negligible
    assertTrue(share[StreetScenes.CAR] / total > 0.03, "car share " + share[0] / total);
    assertTrue(share[StreetScenes.PERSON] / total > 0.01, "person share " + share[1] / total);
    assertTrue(share[StreetScenes.OTHER] > share[StreetScenes.CAR] + share[StreetScenes.PERSON]);
    // colour alone does not separate the classes: each object class's mean colour is within the
    // background's spread (house fronts draw from the same range)
    INDArray x = scenes.getFeatures();
    INDArray y = scenes.getLabels();
    for (int cls : new int[] {StreetScenes.CAR, StreetScenes.PERSON}) {
      INDArray mask =
          y.get(
              NDArrayIndex.all(), NDArrayIndex.point(cls), NDArrayIndex.all(), NDArrayIndex.all());
      for (int ch = 0; ch < 3; ch++) {
        INDArray channel =
            x.get(
                NDArrayIndex.all(), NDArrayIndex.point(ch), NDArrayIndex.all(), NDArrayIndex.all());
        double mean = channel.mul(mask).sumNumber().doubleValue() / mask.sumNumber().doubleValue();
        assertTrue(mean > 0.15 && mean < 0.85, "class " + cls + " channel " + ch + " mean " + mean);
      }
    }
  }

  @Test
  void scenesAreDeterministicOneHotAndDiffer() {
    SceneGenerator g = new SceneGenerator(SceneType.ROAD, 16, 24, 0.05);
    DataSet a = g.sample(3, 9L);
    assertArrayEquals(new long[] {3, 3, 16, 24}, a.getFeatures().shape());
    assertArrayEquals(new long[] {3, 3, 16, 24}, a.getLabels().shape());
    assertEquals(a.getFeatures(), g.sample(3, 9L).getFeatures());
    assertEquals(a.getLabels(), g.sample(3, 9L).getLabels());
    assertNotEquals(a.getLabels(), g.sample(3, 10L).getLabels());
    assertEquals(3 * 16 * 24, a.getLabels().sumNumber().doubleValue(), 0.0);
    assertTrue(
        a.getFeatures().minNumber().doubleValue() >= 0
            && a.getFeatures().maxNumber().doubleValue() <= 1);
  }
}
