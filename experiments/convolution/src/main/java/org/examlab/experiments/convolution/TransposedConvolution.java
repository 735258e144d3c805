package org.examlab.experiments.convolution;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.examlab.harness.metrics.MeasuredFields;
import org.examlab.harness.metrics.Measurement;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A stride-s transposed convolution (DL4J's Deconvolution2D layer, no bias, no padding) against two
 * explicit routes through ND4J's conv2d (claim 004-CNN/transposed): insert s - 1 zeros between the
 * input's pixels, pad by k - 1, and convolve with the kernel rotated by 180 degrees and its input
 * and output channels swapped; and the same with nearest-neighbour upsampling (each pixel repeated
 * s x s) instead of zeros, the upsampling the notes' wording may suggest.
 *
 * @param zeroInsertionError max |zero insertion + flipped conv - deconv| / max |deconv|
 * @param nearestError the same with nearest-neighbour upsampling (its top-left (n - 1) s + 1 rows
 *     and columns, the zero-inserted size) (control: another upsampling does not match)
 * @param unflippedError zero insertion with the kernel not rotated (shown: the flip matters)
 */
record TransposedConvolution(
    double zeroInsertionError, double nearestError, double unflippedError) {
  static final MeasuredFields<TransposedConvolution> FIELDS =
      new MeasuredFields<TransposedConvolution>()
          .add(
              Measurement.of("transposed", "zero_insertion_error"),
              TransposedConvolution::zeroInsertionError)
          .add(Measurement.of("transposed", "nearest_error"), TransposedConvolution::nearestError)
          .add(
              Measurement.of("transposed", "unflipped_error"),
              TransposedConvolution::unflippedError);

  /** The input, DL4J's weights [in, out, k, k] and its output. */
  record Sample(INDArray input, INDArray weights, INDArray output) {}

  static Sample sample(ConvolutionSettings.Transposed s, long seed) {
    int k = s.kernel();
    int stride = s.stride();
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(
                    new Deconvolution2D.Builder(k, k)
                        .stride(stride, stride)
                        .convolutionMode(ConvolutionMode.Truncate)
                        .nOut(s.outputChannels())
                        .hasBias(false)
                        .activation(Activation.IDENTITY)
                        .build())
                .setInputType(
                    InputType.convolutional(s.imageSize(), s.imageSize(), s.inputChannels()))
                .build());
    net.init();
    INDArray w = net.getLayer(0).getParam("W");
    if (w.size(0) != s.inputChannels() || w.size(1) != s.outputChannels()) {
      throw new IllegalStateException(
          "expected DL4J's deconvolution weights as [in, out, k, k], got "
              + java.util.Arrays.toString(w.shape()));
    }
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 1, s.inputChannels(), s.imageSize(), s.imageSize());
    return new Sample(x, w.dup(), net.output(x, false));
  }

  static TransposedConvolution measure(ConvolutionSettings.Transposed s, long seed) {
    int k = s.kernel();
    int stride = s.stride();
    Sample sample = sample(s, seed);
    INDArray x = sample.input();
    INDArray deconv = sample.output();
    INDArray filters =
        sample.weights().permute(1, 0, 2, 3).dup(); // [out, in, k, k], as conv2d reads them

    int n = s.imageSize();
    int spread = (n - 1) * stride + 1;
    INDArray zeros = Nd4j.zeros(DataType.DOUBLE, 1, s.inputChannels(), spread, spread);
    zeros
        .get(
            NDArrayIndex.all(),
            NDArrayIndex.all(),
            NDArrayIndex.interval(0, stride, spread),
            NDArrayIndex.interval(0, stride, spread))
        .assign(x);
    INDArray flipped = Associativity.rot180(filters);
    INDArray zeroInserted = Convolutions.conv(zeros, flipped, null, 1, k - 1);
    INDArray unflipped = Convolutions.conv(zeros, filters, null, 1, k - 1);
    // nearest-neighbour upsampling, cut to the zero-inserted size so the outputs line up
    INDArray repeated =
        Convolutions.crop(Nd4j.cnn().upsampling2d(x, stride), 0, 0, spread, spread).dup();
    INDArray nearest = Convolutions.conv(repeated, flipped, null, 1, k - 1);
    return new TransposedConvolution(
        Convolutions.relativeError(zeroInserted, deconv),
        Convolutions.relativeError(nearest, deconv),
        Convolutions.relativeError(unflipped, deconv));
  }
}
