package org.examlab.experiments.binarycnn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.datavec.image.loader.NativeImageLoader;
import org.examlab.datasets.binarynumbers.BinaryNumberImages;
import org.examlab.datasets.binarynumbers.BinaryNumberRenderer;
import org.examlab.datasets.binarynumbers.LabelledImageFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Claim 000-9b's precondition, per image: rendered with the quick config's margin, no digit pixel
 * leaves the frame at the largest zoom of the configured range (1.1, DataVec's own transform with
 * no random draw). Without the margin the same check must fail on some image, or it proves nothing.
 */
class BinaryNumberMarginTest {
  static final double LARGEST_ZOOM = 0.1; // configs/binary-cnn.yaml, zoom-resample: scales 0.9-1.1
  @TempDir Path dir;

  @Test
  void noInkLeavesTheFrameAtTheLargestZoomWithTheMargin() throws Exception {
    BinaryNumberRenderer renderer = renderer(0.1);
    assertTrue(
        renderer.largestSafeZoom() >= 1 + LARGEST_ZOOM,
        "margin too small for the range: " + renderer.largestSafeZoom());
    assertTrue(
        croppedImages(renderer, dir.resolve("margin")) == 0,
        "a digit crossed the frame at zoom 1.1 despite the margin");
  }

  @Test
  void withoutTheMarginTheLargestZoomCropsDigits() throws Exception {
    assertTrue(
        croppedImages(renderer(0), dir.resolve("none")) > 0,
        "the check cannot fail: text fitted to the frame survived zoom 1.1");
  }

  /**
   * The quick config's renderer without pixel noise (ink is then exactly what is darker than the
   * paper), all fonts, largest jitter.
   */
  private static BinaryNumberRenderer renderer(double margin) {
    return new BinaryNumberRenderer(
        8,
        4,
        16,
        64,
        List.of("SansSerif", "Serif", "Monospaced", "Dialog"),
        11,
        14,
        0.5,
        3,
        0,
        margin);
  }

  /**
   * How many of 60 images lose ink at the largest zoom: after zooming (border pixels replicated, as
   * in the augmentation) the image's outermost rows and columns must be paper, and the ink's mass
   * must grow with the area (x 1.21) rather than shrink, within 15% for resampling.
   */
  private static int croppedImages(BinaryNumberRenderer renderer, Path dir) throws Exception {
    Path folder = new BinaryNumberImages(renderer, 60, 7).writeTo(dir);
    List<Path> files =
        LabelledImageFolder.examples(folder, renderer.maxValue()).stream()
            .map(LabelledImageFolder.Example::file)
            .toList();
    INDArray clean = LabelledImageFolder.read(files, new NativeImageLoader(16, 64, 1));
    INDArray zoomed =
        LabelledImageFolder.read(
            files, new NativeImageLoader(16, 64, 1, Augmentations.zoom(null, LARGEST_ZOOM)));
    int cropped = 0;
    for (int i = 0; i < files.size(); i++) {
      INDArray before = clean.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).reshape(16, 64);
      INDArray after = zoomed.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).reshape(16, 64);
      double paper = before.maxNumber().doubleValue();
      double inkBefore = inkMass(before, paper);
      double inkAfter = inkMass(after, paper);
      boolean borderInked = borderHasInk(after, paper);
      if (borderInked || inkAfter < inkBefore * 1.21 * 0.85) {
        cropped++;
      }
    }
    return cropped;
  }

  /**
   * Darkness below the paper, summed over pixels darker than the paper by more than antialiasing's
   * faint fringe.
   */
  private static double inkMass(INDArray image, double paper) {
    double mass = 0;
    for (int y = 0; y < image.size(0); y++) {
      for (int x = 0; x < image.size(1); x++) {
        mass += Math.max(0, paper - image.getDouble(y, x));
      }
    }
    return mass;
  }

  private static boolean borderHasInk(INDArray image, double paper) {
    int h = (int) image.size(0);
    int w = (int) image.size(1);
    double faint =
        40; // gray levels: more than a resampled fringe, much less than a stroke (ink <= 69, paper
    // >= 200)
    for (int x = 0; x < w; x++) {
      if (paper - image.getDouble(0, x) > faint || paper - image.getDouble(h - 1, x) > faint) {
        return true;
      }
    }
    for (int y = 0; y < h; y++) {
      if (paper - image.getDouble(y, 0) > faint || paper - image.getDouble(y, w - 1) > faint) {
        return true;
      }
    }
    return false;
  }
}
