package org.examlab.experiments.handcalculations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.examlab.datasets.Seeds;
import org.examlab.harness.metrics.LeastSquares;
import org.examlab.harness.metrics.Measurement;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.custom.Lstsq;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * "A single hidden layer feedforward neural network with S shaped activation functions can
 * approximate any measurable function" (claim 004-FF/universal), as its finite consequence: for
 * fixed continuous targets on [-1, 1], the error a one-hidden-layer sigmoid net of width W can
 * reach falls towards 0 as W grows. Approximation is measured apart from optimisation: the hidden
 * units are sigmoid(w (x - c)) with random steepness w and centre c in [-1, 1], the output weights
 * and bias solved exactly by least squares (ND4J's {@code lstsq}) on {@code trainPoints} random
 * points, the best of {@code draws} hidden-layer draws kept. That error is an upper bound on the
 * best error of width W (training every weight can only do better), read on a separate grid of
 * {@code testPoints} points as the RMS error over the target's standard deviation.
 *
 * <p>Per target T: {@code universal.T.error} (at the largest width), {@code universal.T.slope}
 * (least-squares slope of ln error against ln W over every width) and the control {@code
 * universal.T.linear_error}: the same construction with the identity instead of the sigmoid, a net
 * that is one linear map whatever its width (its error must stay high, or the targets would not
 * need the S-shaped units at all).
 */
final class UniversalApproximation {
  /** The fixed continuous targets: smooth and oscillating, with a kink, and a narrow bump. */
  static final Map<String, DoubleUnaryOperator> TARGETS = targets();

  private UniversalApproximation() {}

  private static Map<String, DoubleUnaryOperator> targets() {
    Map<String, DoubleUnaryOperator> t = new LinkedHashMap<>();
    t.put("sine", x -> Math.sin(3 * Math.PI * x));
    t.put("abs", Math::abs);
    t.put("bump", x -> Math.exp(-x * x / (2 * 0.1 * 0.1)));
    return t;
  }

  /** Target {@code target}'s error at the largest width. */
  static Measurement error(String target) {
    return Measurement.of("universal", target, "error");
  }

  /** The slope of ln error against ln width for target {@code target}. */
  static Measurement slope(String target) {
    return Measurement.of("universal", target, "slope");
  }

  /** The linear control's error for target {@code target}. */
  static Measurement linearError(String target) {
    return Measurement.of("universal", target, "linear_error");
  }

  /** What {@link #measure} gives, for the experiment to declare. */
  static List<Measurement> measurements() {
    List<Measurement> measurements = new ArrayList<>();
    for (String target : TARGETS.keySet()) {
      measurements.addAll(List.of(error(target), slope(target), linearError(target)));
    }
    return measurements;
  }

  static Map<Measurement, Double> measure(HandCalculationsSettings.Universal s, long seed) {
    SplittableRandom pointsRandom = new SplittableRandom(Seeds.derive(seed, "universal", "points"));
    double[] train = new double[s.trainPoints()];
    for (int i = 0; i < train.length; i++) {
      train[i] = pointsRandom.nextDouble(-1, 1);
    }
    double[] test = new double[s.testPoints()];
    for (int i = 0; i < test.length; i++) {
      test[i] = -1 + 2.0 * i / (test.length - 1);
    }
    Map<Measurement, Double> v = new LinkedHashMap<>();
    int widest = s.widths().get(s.widths().size() - 1);
    for (Map.Entry<String, DoubleUnaryOperator> target : TARGETS.entrySet()) {
      double[] logW = new double[s.widths().size()];
      double[] logError = new double[logW.length];
      for (int k = 0; k < logW.length; k++) {
        int w = s.widths().get(k);
        logW[k] = Math.log(w);
        logError[k] =
            Math.log(bestError(s, seed, target.getKey(), target.getValue(), w, train, test, true));
      }
      v.put(error(target.getKey()), Math.exp(logError[logError.length - 1]));
      v.put(slope(target.getKey()), LeastSquares.slope(logW, logError));
      v.put(
          linearError(target.getKey()),
          bestError(s, seed, target.getKey(), target.getValue(), widest, train, test, false));
    }
    return v;
  }

  /**
   * The smallest relative test error over {@code draws} hidden layers of {@code width} units,
   * output layer by least squares.
   */
  static double bestError(
      HandCalculationsSettings.Universal s,
      long seed,
      String target,
      DoubleUnaryOperator f,
      int width,
      double[] train,
      double[] test,
      boolean sigmoid) {
    INDArray yTrain = column(train, f);
    INDArray yTest = column(test, f);
    double best = Double.POSITIVE_INFINITY;
    for (int draw = 0; draw < s.draws(); draw++) {
      SplittableRandom random =
          new SplittableRandom(
              Seeds.derive(seed, "universal", target, "width" + width, "draw" + draw));
      double[] steepness = new double[width];
      double[] centre = new double[width];
      for (int j = 0; j < width; j++) {
        steepness[j] = (random.nextBoolean() ? 1 : -1) * random.nextDouble(1, s.maxSteepness());
        centre[j] = random.nextDouble(-1, 1);
      }
      INDArray h = hidden(train, steepness, centre, sigmoid);
      // ND4J's lstsq in its fast form: (H^T H + l2 I) beta = H^T y by Cholesky (its QR form fails
      // on non-square H in M2.1);
      // an l2 of 1e-10 of the mean diagonal keeps collinear units solvable and changes the fit far
      // below the errors read.
      double l2 = 1e-10 * h.mul(h).sumNumber().doubleValue() / h.columns();
      INDArray beta = Nd4j.exec(new Lstsq(h, yTrain, l2, true))[0];
      INDArray residual = hidden(test, steepness, centre, sigmoid).mmul(beta).subi(yTest);
      double rms = Math.sqrt(residual.mul(residual).meanNumber().doubleValue());
      best = Math.min(best, rms / yTest.stdNumber().doubleValue());
    }
    return best;
  }

  /**
   * [points, width + 1]: unit j's output sigmoid(w_j (x - c_j)) (or w_j (x - c_j) itself), and a
   * column of ones for the output bias.
   */
  private static INDArray hidden(double[] x, double[] steepness, double[] centre, boolean sigmoid) {
    INDArray pre = Nd4j.create(DataType.DOUBLE, x.length, steepness.length + 1);
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < steepness.length; j++) {
        pre.putScalar(i, j, steepness[j] * (x[i] - centre[j]));
      }
    }
    INDArray h = sigmoid ? Transforms.sigmoid(pre, false) : pre;
    h.getColumn(steepness.length).assign(1.0);
    return h;
  }

  private static INDArray column(double[] x, DoubleUnaryOperator f) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = f.applyAsDouble(x[i]);
    }
    return Nd4j.createFromArray(y).reshape(x.length, 1);
  }
}
