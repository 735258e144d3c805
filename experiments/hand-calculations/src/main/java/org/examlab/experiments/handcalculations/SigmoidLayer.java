package org.examlab.experiments.handcalculations;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.examlab.harness.metrics.MeasuredFields;
import org.examlab.harness.metrics.Measurement;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The four options of 003-1g on DL4J's sigmoid layer, each read from the framework: its parameter
 * count, the values it reaches, its derivative as DL4J backpropagates it, and a network gradient
 * through it against finite differences. Each has a control that shows the check can fail: a PReLU
 * layer has a learnable parameter, tanh does hit all of (-1, 1), ReLU has a kink at 0.
 *
 * @param params DL4J's parameter count of an activation layer with the sigmoid
 * @param preluParams the same for a PReLU layer on 4 units (control: a learnable activation)
 * @param hitFraction share of the targets -0.99, -0.98, ..., 0.99 that some output on the grid
 *     comes within {@link #HIT_TOLERANCE} of
 * @param tanhHitFraction the same for tanh (control)
 * @param kink max over the derivative grid of |right - left difference quotient| (step {@link
 *     #KINK_STEP}): O(step) where the function is differentiable, the jump of the derivative at a
 *     kink, ~1/step at a discontinuity
 * @param reluKink the same for ReLU, whose grid holds x = 0 (control)
 * @param derivativeError max |DL4J's backprop of the sigmoid (epsilon = 1) - central difference of
 *     its forward|
 * @param formulaError max |DL4J's backprop - s (1 - s)|, s DL4J's forward value
 * @param backpropError max |DL4J's gradient / batch - central differences of its score| / max
 *     |gradient / batch| for a 3-4-2 network whose hidden layer is a sigmoid layer
 * @param backpropGradientNorm the largest entry of that gradient (control: there is a gradient to
 *     check)
 */
record SigmoidLayer(
    double params,
    double preluParams,
    double hitFraction,
    double tanhHitFraction,
    double kink,
    double reluKink,
    double derivativeError,
    double formulaError,
    double backpropError,
    double backpropGradientNorm) {
  static final MeasuredFields<SigmoidLayer> FIELDS =
      new MeasuredFields<SigmoidLayer>()
          .add(Measurement.of("sigmoid_layer", "params"), SigmoidLayer::params)
          .add(Measurement.of("prelu_layer", "params"), SigmoidLayer::preluParams)
          .add(Measurement.of("sigmoid_layer", "hit_fraction"), SigmoidLayer::hitFraction)
          .add(Measurement.of("tanh_layer", "hit_fraction"), SigmoidLayer::tanhHitFraction)
          .add(Measurement.of("sigmoid_layer", "kink"), SigmoidLayer::kink)
          .add(Measurement.of("relu_layer", "kink"), SigmoidLayer::reluKink)
          .add(Measurement.of("sigmoid_layer", "derivative_error"), SigmoidLayer::derivativeError)
          .add(Measurement.of("sigmoid_layer", "formula_error"), SigmoidLayer::formulaError)
          .add(Measurement.of("sigmoid_layer", "backprop_error"), SigmoidLayer::backpropError)
          .add(
              Measurement.of("sigmoid_layer", "backprop_gradient"),
              SigmoidLayer::backpropGradientNorm);

  /**
   * Spacing of the targets, and a tenth of it as the hit tolerance: the grid's outputs step by less
   * than twice that (see measure).
   */
  static final double TARGET_STEP = 0.01;

  static final double HIT_TOLERANCE = TARGET_STEP / 10;
  static final double KINK_STEP = 1e-4;

  /**
   * Central differences: truncation ~ step^2 |f'''| / 6 ~ 1e-12, rounding ~ 1e-16 / step ~ 1e-11.
   */
  static final double DERIVATIVE_STEP = 1e-5;

  static SigmoidLayer measure(HandCalculationsSettings.ActivationGrid grid, long seed) {
    IActivation sigmoid = Activation.SIGMOID.getActivationFunction();
    IActivation tanh = Activation.TANH.getActivationFunction();
    IActivation relu = Activation.RELU.getActivationFunction();

    ActivationLayer layer = new ActivationLayer.Builder().activation(Activation.SIGMOID).build();
    PReLULayer prelu = new PReLULayer.Builder().inputShape(4).build();
    double params = layer.initializer().numParams(layer);
    double preluParams = prelu.initializer().numParams(prelu);

    // outputs on an evenly spaced grid: neighbours differ by at most step * max|f'| (0.25 sigmoid,
    // 1 tanh), which the config keeps below 2 * HIT_TOLERANCE, so every target inside the range
    // hits
    INDArray x = Nd4j.linspace(-grid.limit(), grid.limit(), grid.points(), DataType.DOUBLE);
    double hits = hitFraction(forward(sigmoid, x));
    double tanhHits = hitFraction(forward(tanh, x));

    int half = (grid.points() - 1) / 2;
    double spacing = grid.limit() / half;
    int k = half / grid.derivativeStride();
    double[] at = new double[2 * k + 1];
    for (int i = 0; i < at.length; i++) {
      at[i] = (i - k) * grid.derivativeStride() * spacing; // i = k is x = 0 exactly
    }
    INDArray points = Nd4j.createFromArray(at);
    double kink = kink(sigmoid, points);
    double reluKink = kink(relu, points);

    INDArray backprop = sigmoid.backprop(points.dup(), Nd4j.onesLike(points)).getFirst();
    INDArray central =
        forward(sigmoid, points.add(DERIVATIVE_STEP))
            .sub(forward(sigmoid, points.sub(DERIVATIVE_STEP)))
            .divi(2 * DERIVATIVE_STEP);
    INDArray s = forward(sigmoid, points);
    double derivativeError = backprop.sub(central).amaxNumber().doubleValue();
    double formulaError = backprop.sub(s.mul(s.rsub(1.0))).amaxNumber().doubleValue();

    double[] network = networkGradientCheck(seed);
    return new SigmoidLayer(
        params,
        preluParams,
        hits,
        tanhHits,
        kink,
        reluKink,
        derivativeError,
        formulaError,
        network[0],
        network[1]);
  }

  private static INDArray forward(IActivation f, INDArray x) {
    return f.getActivation(x.dup(), false);
  }

  /** Share of the targets -0.99 .. 0.99 (step 0.01) within HIT_TOLERANCE of some output. */
  static double hitFraction(INDArray outputs) {
    double[] sorted = outputs.toDoubleVector();
    Arrays.sort(sorted);
    int targets = (int) Math.round(2 * 0.99 / TARGET_STEP) + 1;
    int hit = 0;
    for (int j = 0; j < targets; j++) {
      double t = -0.99 + j * TARGET_STEP;
      int i = Arrays.binarySearch(sorted, t);
      int at = i >= 0 ? i : -i - 1;
      double nearest = Double.POSITIVE_INFINITY;
      for (int c = Math.max(0, at - 1); c <= Math.min(sorted.length - 1, at); c++) {
        nearest = Math.min(nearest, Math.abs(sorted[c] - t));
      }
      if (nearest <= HIT_TOLERANCE) {
        hit++;
      }
    }
    return hit / (double) targets;
  }

  private static double kink(IActivation f, INDArray x) {
    INDArray left = forward(f, x).sub(forward(f, x.sub(KINK_STEP))).divi(KINK_STEP);
    INDArray right = forward(f, x.add(KINK_STEP)).sub(forward(f, x)).divi(KINK_STEP);
    return right.sub(left).amaxNumber().doubleValue();
  }

  /**
   * {max relative error, max |gradient|} of DL4J's backprop through a sigmoid hidden layer against
   * central differences.
   */
  private static double[] networkGradientCheck(long seed) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(
                    new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.SIGMOID).build())
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .nIn(4)
                        .nOut(2)
                        .activation(Activation.IDENTITY)
                        .build())
                .build());
    net.init();
    Nd4j.getRandom().setSeed(seed);
    DataSet data =
        new DataSet(Nd4j.randn(DataType.DOUBLE, 8, 3), Nd4j.randn(DataType.DOUBLE, 8, 2));
    net.setInput(data.getFeatures());
    net.setLabels(data.getLabels());
    net.computeGradientAndScore();
    // DL4J's gradient is that of the summed loss, its score the mean over the batch (the updater
    // divides by the batch size): compare gradient / batch with the score's differences
    INDArray gradient = net.gradient().gradient().dup().divi(data.numExamples());
    INDArray params = net.params();
    double maxError = 0;
    for (long i = 0; i < params.length(); i++) {
      double p = params.getDouble(i);
      params.putScalar(i, p + DERIVATIVE_STEP);
      double up = net.score(data, false);
      params.putScalar(i, p - DERIVATIVE_STEP);
      double down = net.score(data, false);
      params.putScalar(i, p);
      maxError =
          Math.max(maxError, Math.abs(gradient.getDouble(i) - (up - down) / (2 * DERIVATIVE_STEP)));
    }
    double norm = gradient.amaxNumber().doubleValue();
    return new double[] {maxError / norm, norm};
  }
}
