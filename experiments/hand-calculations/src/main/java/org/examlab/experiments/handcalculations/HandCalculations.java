package org.examlab.experiments.handcalculations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The exams' hand calculations, done by the framework: DL4J's own parameter layouts and shape
 * inference, ND4J arithmetic, and SameDiff's reverse-mode autodiff for the derivatives. Nothing
 * here restates a textbook formula, so a wrong formula in an exam cannot leak into the check.
 */
final class HandCalculations {
  private HandCalculations() {}

  /** Parameters of DL4J's vanilla RNN layer (input weights, recurrent weights, bias). */
  static long rnnCellParameters(HandCalculationsSettings.RnnCell cell) {
    SimpleRnn layer = new SimpleRnn.Builder().nIn(cell.inputSize()).nOut(cell.hiddenSize()).build();
    return layer.initializer().numParams(layer);
  }

  /**
   * The 1-D ReLU-RNN's hidden states h_1..h_T and dh_T/dv, dh_T/dw, dh_T/dx_1. ND4J's ReLU
   * derivative at 0 is 0, the convention the exam asks for.
   */
  record ReluRnnResult(double[] hidden, double dLastDv, double dLastDw, double dLastDx1) {}

  static ReluRnnResult reluRnn(HandCalculationsSettings.ReluRnn rnn) {
    SameDiff sd = SameDiff.create();
    SDVariable v = sd.var("v", Nd4j.scalar(rnn.v()));
    SDVariable w = sd.var("w", Nd4j.scalar(rnn.w()));
    SDVariable h = sd.var("h0", Nd4j.scalar(rnn.h0()));
    List<String> states = new ArrayList<>();
    for (int t = 1; t <= rnn.steps(); t++) {
      SDVariable x = sd.var("x" + t, Nd4j.scalar(rnn.x().get(t - 1)));
      h = sd.nn().relu("h" + t, v.mul(h).add(w.mul(x)), 0.0);
      states.add(h.name());
    }
    sd.setLossVariables(h.name());
    Map<String, INDArray> forward = sd.output(Map.of(), states.toArray(String[]::new));
    double[] hidden = states.stream().mapToDouble(s -> forward.get(s).getDouble(0)).toArray();
    Map<String, INDArray> grads = quietly(() -> sd.calculateGradients(Map.of(), "v", "w", "x1"));
    return new ReluRnnResult(hidden, grads.get("v").getDouble(0), grads.get("w").getDouble(0), grads.get("x1").getDouble(0));
  }

  /** One neuron's pre-activation, sum_i w_i i_i. */
  static double forwardSum(List<Double> inputs, List<Double> weights) {
    INDArray i = Nd4j.createFromArray(inputs.stream().mapToDouble(Double::doubleValue).toArray());
    INDArray wv = Nd4j.createFromArray(weights.stream().mapToDouble(Double::doubleValue).toArray());
    return i.mul(wv).sumNumber().doubleValue();
  }

  /** {channels, height, width} of the layer's output, from DL4J's shape inference. */
  static long[] convolutionOutput(HandCalculationsSettings.ConvolutionLayer c) {
    ConvolutionLayer layer = new ConvolutionLayer.Builder(c.kernel(), c.kernel()).stride(c.stride(), c.stride())
        .padding(c.padding(), c.padding()).nIn(c.inputChannels()).nOut(c.filters())
        .convolutionMode(ConvolutionMode.Truncate) // DL4J's default: a fractional size is floored
        .build();
    InputType.InputTypeConvolutional out = (InputType.InputTypeConvolutional)
        layer.getOutputType(0, InputType.convolutional(c.inputSize(), c.inputSize(), c.inputChannels()));
    return new long[] {out.getChannels(), out.getHeight(), out.getWidth()};
  }

  /** The exam's own formula, F_out = (F_in + 2P - N) / S + 1, unrounded: a fraction shows it misapplies. */
  static double examOutputFormula(HandCalculationsSettings.ConvolutionLayer c) {
    return (c.inputSize() + 2.0 * c.padding() - c.kernel()) / c.stride() + 1;
  }

  /** The shape of DL4J's weight tensor for the filter bank: [filters, input channels, height, width]. */
  static long[] filterWeightShape(HandCalculationsSettings.Filters f) {
    ConvolutionLayer layer = new ConvolutionLayer.Builder(f.kernel(), f.kernel()).nIn(f.inputChannels()).nOut(f.count()).build();
    NeuralNetConfiguration conf = new NeuralNetConfiguration.Builder().layer(layer).build();
    long n = layer.initializer().numParams(conf);
    Map<String, INDArray> params = layer.initializer().init(conf, Nd4j.create(DataType.FLOAT, 1, n), true);
    return params.get("W").shape();
  }

  /**
   * Receptive field (side, in input pixels) of one output pixel of stacked stride-1 unpadded
   * convolutions: the input pixels its gradient reaches, found by autodiff through all-ones filters.
   */
  static int receptiveField(HandCalculationsSettings.StackedConvolutions s) {
    int size = 4 * s.layers() * (s.kernel() - 1) + 1; // comfortably larger than any field it can have
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.var("input", Nd4j.zeros(DataType.DOUBLE, 1, 1, size, size));
    SDVariable out = x;
    for (int l = 0; l < s.layers(); l++) {
      SDVariable filter = sd.var("filter" + l, Nd4j.ones(DataType.DOUBLE, s.kernel(), s.kernel(), 1, 1));
      out = sd.cnn().conv2d(out, filter, Conv2DConfig.builder().kH(s.kernel()).kW(s.kernel()).sH(1).sW(1).pH(0).pW(0)
          .dataFormat("NCHW").build());
    }
    int centre = (size - s.layers() * (s.kernel() - 1)) / 2;
    SDVariable pixel = out.get(SDIndex.point(0), SDIndex.point(0), SDIndex.point(centre), SDIndex.point(centre)).sum();
    sd.setLossVariables(pixel.name());
    INDArray gradient = quietly(() -> sd.calculateGradients(Map.of(), "input")).get("input");
    INDArray rows = gradient.reshape(size, size).neq(0.0).castTo(DataType.INT32).max(1);
    int field = rows.sumNumber().intValue();
    if (field >= size) {
      throw new IllegalStateException("receptive field fills the whole probe input of " + size + " pixels");
    }
    return field;
  }

  /** M2.1's SameDiff prints a line per differentiated op to stdout while it builds a gradient graph. */
  private static <T> T quietly(java.util.function.Supplier<T> work) {
    java.io.PrintStream out = System.out;
    System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    try {
      return work.get();
    } finally {
      System.setOut(out);
    }
  }
}
