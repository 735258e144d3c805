package org.examlab.experiments.binarycnn;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.datavec.image.transform.FlipImageTransform;
import org.datavec.image.transform.ImageTransform;
import org.datavec.image.transform.PipelineImageTransform;
import org.datavec.image.transform.RotateImageTransform;
import org.datavec.image.transform.ScaleImageTransform;
import org.datavec.image.transform.WarpImageTransform;
import org.nd4j.common.primitives.Pair;

/**
 * Turns a variant's {@link BinaryCnnSettings.Augment} into one DataVec {@link ImageTransform} (a
 * {@link PipelineImageTransform}), applied by the {@code NativeImageLoader} as it reads each
 * training file, afresh every epoch:
 *
 * <ul>
 *   <li>zoom: {@link RotateImageTransform} with angle 0 and a random scale in 1 +- zoom;
 *   <li>resample: {@link ScaleImageTransform} changes width and height by up to +-resample pixels,
 *       and the loader resizes the result back to the network's input size;
 *   <li>warp: {@link WarpImageTransform} moves each corner by up to +-warp pixels on each axis: a
 *       translation plus a minor perspective change;
 *   <li>flip: {@link FlipImageTransform} horizontal or vertical with {@code flipProbability}, or
 *       "any": DataVec's own random choice of none, horizontal, vertical or both;
 *   <li>blur and noise: {@link GaussianBlurTransform}, {@link GaussianNoiseTransform}.
 * </ul>
 *
 * Geometric transforms replicate the border pixels: the default black border would draw a dark
 * frame on the light paper.
 */
final class Augmentations {
  private Augmentations() {}

  /** The transform for {@code augment}, random from {@code seed}; null when it changes nothing. */
  static ImageTransform pipeline(BinaryCnnSettings.Augment augment, long seed) {
    if (augment == null || augment.isIdentity()) {
      return null;
    }
    Random random = new Random(seed);
    List<Pair<ImageTransform, Double>> steps = new ArrayList<>();
    if (augment.zoom() > 0) {
      steps.add(always(zoom(random, augment.zoom())));
    }
    if (augment.resample() > 0) {
      steps.add(always(new ScaleImageTransform(random, augment.resample(), augment.resample())));
    }
    if (augment.warp() > 0) {
      steps.add(
          always(
              new WarpImageTransform(random, augment.warp().floatValue())
                  .borderMode(BORDER_REPLICATE)));
    }
    switch (augment.flip()) {
      case NONE -> {}
      case ANY -> steps.add(always(new FlipImageTransform(random)));
      // OpenCV's flip codes: 1 mirrors left-right, 0 upside down.
      case HORIZONTAL -> steps.add(Pair.of(new FlipImageTransform(1), augment.flipProbability()));
      case VERTICAL -> steps.add(Pair.of(new FlipImageTransform(0), augment.flipProbability()));
    }
    if (augment.blur() > 0) {
      steps.add(always(new GaussianBlurTransform(random, augment.blur())));
    }
    if (augment.noise() > 0) {
      steps.add(always(new GaussianNoiseTransform(random, augment.noise())));
    }
    // Given no Random of its own, the pipeline lets each step use the one it was built with: a
    // FlipImageTransform handed a Random would ignore its mode and pick one at random. The
    // pipeline draws "apply this step?" from ND4J's generator, which it seeds here.
    return new PipelineImageTransform(seed, steps, false);
  }

  /**
   * A zoom about the image centre by a random scale in 1 +- {@code zoom}; with no {@code random}
   * DataVec applies the largest, 1 + zoom, which is how the margin test checks the range.
   */
  static ImageTransform zoom(Random random, double zoom) {
    return new RotateImageTransform(random, 0, 0, 0, (float) zoom).borderMode(BORDER_REPLICATE);
  }

  private static Pair<ImageTransform, Double> always(ImageTransform transform) {
    return Pair.of(transform, 1.0);
  }
}
