package org.examlab.experiments.binarycnn;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;

import java.util.Random;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.datavec.image.data.ImageWritable;
import org.datavec.image.transform.BaseImageTransform;

/**
 * Adds Gaussian pixel noise of standard deviation {@code std} gray levels, as a DataVec image
 * transform (DataVec 1.0.0-M2.1 has none). The noise is drawn from the transform's {@link Random},
 * not OpenCV's global generator, so a seed gives the same pixels.
 */
final class GaussianNoiseTransform extends BaseImageTransform<Mat> {
  private final double std;

  GaussianNoiseTransform(Random random, double std) {
    super(random);
    this.std = std;
    this.converter = new OpenCVFrameConverter.ToMat();
  }

  @Override
  protected ImageWritable doTransform(ImageWritable image, Random random) {
    if (image == null || random == null) {
      return image;
    }
    Mat mat = converter.convert(image.getFrame());
    Mat noisy = new Mat();
    mat.convertTo(noisy, CV_32F);
    try (FloatIndexer pixels = noisy.createIndexer()) {
      for (long r = 0; r < noisy.rows(); r++) {
        for (long c = 0; c < noisy.cols(); c++) {
          for (long ch = 0; ch < noisy.channels(); ch++) {
            pixels.put(r, c, ch, pixels.get(r, c, ch) + (float) (random.nextGaussian() * std));
          }
        }
      }
    }
    Mat result = new Mat();
    noisy.convertTo(result, mat.depth()); // saturates back into the file's range
    return new ImageWritable(converter.convert(result));
  }
}
