package org.examlab.experiments.binarycnn;

import java.util.List;
import java.util.Locale;
import org.datavec.image.loader.NativeImageLoader;
import org.datavec.image.transform.FlipImageTransform;
import org.datavec.image.transform.ImageTransform;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.datasets.binarynumbers.LabelledImageFolder;
import org.examlab.datasets.binarynumbers.LabelledImageFolder.Images;
import org.examlab.datasets.images.ImageFileException;
import org.examlab.harness.metrics.Measurement;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a transform does to the test pictures, measured on rendered images rather than on label
 * arithmetic: the test files read again through DataVec with the transform applied, then read by a
 * trained network. A flip that turns the picture into another number shows as readings that differ
 * from the label (claim 000-9e); an augmentation's own variation, applied to the test set, is where
 * "it helps" can show at all (claims 000-9b/d/e+helps-*).
 */
final class LabelProbes {
  /**
   * The flips judged by claim 000-9e, with OpenCV's flip codes: 1 mirrors left-right, 0 upside
   * down.
   */
  enum FlipKind {
    HORIZONTAL(1),
    VERTICAL(0);

    final int openCvCode;

    FlipKind(int openCvCode) {
      this.openCvCode = openCvCode;
    }

    /** {@code horizontal_flip.misread_share}. */
    Measurement misreadShare() {
      return Measurement.of(label(), "misread_share");
    }

    /** {@code horizontal_flip.label_change}. */
    Measurement labelChange() {
      return Measurement.of(label(), "label_change");
    }

    private String label() {
      return name().toLowerCase(Locale.ROOT) + "_flip";
    }
  }

  private final Images test;
  private final Standardization standardization;
  private final int height;
  private final int width;
  private final int bits;

  LabelProbes(Images test, Standardization standardization, int height, int width, int bits) {
    this.test = test;
    this.standardization = standardization;
    this.height = height;
    this.width = width;
    this.bits = bits;
  }

  /** The test pictures with {@code transform} applied (every picture, once), as raw gray levels. */
  INDArray transformed(ImageTransform transform) {
    try {
      return LabelledImageFolder.read(
          test.files(), new NativeImageLoader(height, width, 1, transform));
    } catch (ImageFileException e) {
      throw new IllegalStateException(
          "test images became unreadable during the run: " + e.getMessage(), e);
    }
  }

  static ImageTransform flip(FlipKind kind) {
    return new FlipImageTransform(kind.openCvCode);
  }

  /**
   * Share of {@code pixels} (the test pictures, transformed) that {@code reader} reads as a number
   * other than the label.
   */
  double misreadShare(MultiLayerNetwork reader, Head head, boolean normalize, INDArray pixels) {
    return 1 - readingScores(reader, head, normalize, pixels).exactAccuracy();
  }

  NumberScores readingScores(
      MultiLayerNetwork reader, Head head, boolean normalize, INDArray pixels) {
    return BinaryCnnExperiment.scores(
        reader, standardization.inputs(pixels, normalize), test.values(), head, bits);
  }

  static List<FlipKind> flips() {
    return List.of(FlipKind.values());
  }
}
