package org.examlab.experiments.binarycnn;

import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import java.util.Random;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.datavec.image.data.ImageWritable;
import org.datavec.image.transform.BaseImageTransform;

/**
 * A Gaussian blur with a random sigma in [0, maxSigma] pixels, as a DataVec image transform.
 * DataVec 1.0.0-M2.1 blurs only through FilterImageTransform, which needs the FFmpeg natives this
 * project leaves out; OpenCV's GaussianBlur is already loaded.
 */
final class GaussianBlurTransform extends BaseImageTransform<Mat> {
  private final double maxSigma;

  GaussianBlurTransform(Random random, double maxSigma) {
    super(random);
    this.maxSigma = maxSigma;
    this.converter = new OpenCVFrameConverter.ToMat();
  }

  @Override
  protected ImageWritable doTransform(ImageWritable image, Random random) {
    if (image == null) {
      return null;
    }
    double sigma = maxSigma * (random != null ? random.nextDouble() : 1.0);
    if (sigma < 0.05) {
      return image; // below a twentieth of a pixel the kernel is the identity
    }
    Mat result = new Mat();
    GaussianBlur(converter.convert(image.getFrame()), result, new Size(0, 0), sigma);
    return new ImageWritable(converter.convert(result));
  }
}
