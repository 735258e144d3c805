package org.examlab.experiments.rnngradients;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How far a perturbation of the recurrent state travels: the norm of the Jacobian of the last state
 * with respect to the state {@code lag} steps earlier, through the recurrence alone. It does not
 * depend on any loss or label, so a trained network that learned to ignore late inputs cannot make
 * it look small or large (unlike the input gradient of a recall task).
 *
 * <p>Re-runs the recurrence of the network's first layer from its DL4J parameters ({@code W} [nIn,
 * k*H], {@code RW} [H, k*H], {@code b} [1, k*H]; the tests check that the forward pass reproduces
 * DL4J's output) in double precision, one example at a time, and multiplies the per-step Jacobians
 * from the last step back:
 *
 * <ul>
 *   <li>vanilla RNN: h_t = tanh(x_t W + h_{t-1} RW + b), dh_t/dh_{t-1} = diag(1 - h_t^2) RW^T;
 *   <li>LSTM, DL4J's gate order in W, RW, b: block input z (tanh), forget f, output o, input i
 *       (sigmoids); c_t = f c_{t-1} + i z, h_t = o tanh(c_t). The state is (h, c) and its Jacobian
 *       has four blocks; ||dc_T/dc_t|| is the cell-to-cell block of their product, all paths
 *       included. The forget path prod f (the cell's direct route) is reported beside it.
 * </ul>
 *
 * <p>A norm is the root-mean-square singular value, ||J||_F / sqrt(H): 1 for the identity (lag 0),
 * so decades below 0 are the share of a perturbation that is lost. Each profile is the mean over
 * examples of log10 of that norm (a geometric mean: the values span decades).
 */
final class StateTransport {
  private StateTransport() {}

  /**
   * log10 transport norms indexed by lag (0 = the last step itself, value 0). {@code cell} and
   * {@code forgetPath} are null for the vanilla RNN.
   */
  record Profile(double[] hidden, double[] cell, double[] forgetPath) {}

  /** The mean profile over the examples of {@code features} [examples, nIn, T]. */
  static Profile measure(RecurrentCell kind, MultiLayerNetwork net, INDArray features) {
    Recurrence recurrence = Recurrence.of(kind, net);
    int examples = (int) features.size(0);
    int length = (int) features.size(2);
    double[] hidden = new double[length];
    double[] cell = kind == RecurrentCell.LSTM ? new double[length] : null;
    double[] forget = kind == RecurrentCell.LSTM ? new double[length] : null;
    for (int e = 0; e < examples; e++) {
      double[][] x = sequence(features, e);
      Profile one = recurrence.transport(x);
      add(hidden, one.hidden(), examples);
      if (cell != null) {
        add(cell, one.cell(), examples);
        add(forget, one.forgetPath(), examples);
      }
    }
    return new Profile(hidden, cell, forget);
  }

  /**
   * The lag-by-lag mean of several log10 profiles of the same length (a geometric mean of the
   * norms, as over examples): one seed's value from several independent initialisations.
   */
  static Profile mean(java.util.List<Profile> profiles) {
    if (profiles.isEmpty()) {
      throw new IllegalArgumentException("no profiles to average");
    }
    int count = profiles.size();
    Profile first = profiles.get(0);
    int length = first.hidden().length;
    double[] hidden = new double[length];
    double[] cell = first.cell() == null ? null : new double[length];
    double[] forget = first.forgetPath() == null ? null : new double[length];
    for (Profile p : profiles) {
      if (p.hidden().length != length
          || (p.cell() == null) != (cell == null)
          || (p.forgetPath() == null) != (forget == null)) {
        throw new IllegalArgumentException(
            "profiles of different lengths or cells cannot be averaged");
      }
      add(hidden, p.hidden(), count);
      if (cell != null) {
        add(cell, p.cell(), count);
      }
      if (forget != null) {
        add(forget, p.forgetPath(), count);
      }
    }
    return new Profile(hidden, cell, forget);
  }

  /** The slope of a log10 profile against lag by least squares: decades lost per step. */
  static double decadesPerStep(double[] profile) {
    int n = profile.length;
    double meanLag = (n - 1) / 2.0;
    double meanValue = 0;
    for (double v : profile) {
      meanValue += v / n;
    }
    double num = 0;
    double den = 0;
    for (int k = 0; k < n; k++) {
      num += (k - meanLag) * (profile[k] - meanValue);
      den += (k - meanLag) * (k - meanLag);
    }
    return num / den;
  }

  static double[][] sequence(INDArray features, int example) {
    INDArray one =
        features
            .get(org.nd4j.linalg.indexing.NDArrayIndex.point(example))
            .castTo(DataType.DOUBLE); // [nIn, T]
    return one.transpose().toDoubleMatrix(); // [T, nIn]
  }

  private static void add(double[] sum, double[] values, int count) {
    for (int k = 0; k < sum.length; k++) {
      sum[k] += values[k] / count;
    }
  }

  /**
   * RMS singular value of the {@code size} x {@code size} block of {@code m} starting at (row,
   * col).
   */
  static double rmsNorm(double[][] m, int row, int col, int size) {
    double ss = 0;
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        ss += m[row + i][col + j] * m[row + i][col + j];
      }
    }
    return Math.sqrt(ss / size);
  }

  /** One layer's recurrence, re-run from its parameters. */
  abstract static class Recurrence {
    final double[][] w;
    final double[][] rw;
    final double[] b;
    final int hidden;

    Recurrence(MultiLayerNetwork net, int gates) {
      w = net.getParam("0_W").castTo(DataType.DOUBLE).toDoubleMatrix();
      rw = net.getParam("0_RW").castTo(DataType.DOUBLE).toDoubleMatrix();
      b = net.getParam("0_b").castTo(DataType.DOUBLE).toDoubleVector();
      hidden = rw.length;
      if (rw[0].length != gates * hidden) {
        throw new IllegalStateException(
            "recurrent weights " + rw.length + "x" + rw[0].length + " are not H x " + gates + "H");
      }
    }

    static Recurrence of(RecurrentCell kind, MultiLayerNetwork net) {
      return kind == RecurrentCell.LSTM ? new Lstm(net) : new Elman(net);
    }

    /** Pre-activations x W + h RW + b. */
    double[] preActivation(double[] x, double[] h) {
      double[] a = b.clone();
      for (int i = 0; i < x.length; i++) {
        if (x[i] != 0) {
          for (int j = 0; j < a.length; j++) {
            a[j] += x[i] * w[i][j];
          }
        }
      }
      for (int i = 0; i < h.length; i++) {
        for (int j = 0; j < a.length; j++) {
          a[j] += h[i] * rw[i][j];
        }
      }
      return a;
    }

    /** The last hidden state from a zero start: what DL4J's layer outputs at the last step. */
    abstract double[] lastHidden(double[][] x);

    /**
     * The state after steps from..T-1, starting from {@code state} (h, or h then c for the LSTM)
     * before step {@code from}.
     */
    abstract double[] finalState(double[][] x, int from, double[] state);

    /** The state just before step {@code t} from a zero start (h, or h then c). */
    abstract double[] stateBefore(double[][] x, int t);

    /** Transport norms for one sequence x [T][nIn]. */
    abstract Profile transport(double[][] x);

    /** Full Jacobian d s_T / d s_t (state after step t), for the tests. */
    abstract double[][] jacobian(double[][] x, int t);
  }

  /** DL4J's SimpleRnn: h_t = tanh(x_t W + h_{t-1} RW + b). */
  static final class Elman extends Recurrence {
    Elman(MultiLayerNetwork net) {
      super(net, 1);
    }

    private double[] step(double[] x, double[] h) {
      double[] a = preActivation(x, h);
      for (int j = 0; j < a.length; j++) {
        a[j] = Math.tanh(a[j]);
      }
      return a;
    }

    @Override
    double[] lastHidden(double[][] x) {
      return finalState(x, 0, new double[hidden]);
    }

    @Override
    double[] finalState(double[][] x, int from, double[] state) {
      double[] h = state.clone();
      for (int t = from; t < x.length; t++) {
        h = step(x[t], h);
      }
      return h;
    }

    @Override
    double[] stateBefore(double[][] x, int t) {
      double[] h = new double[hidden];
      for (int s = 0; s < t; s++) {
        h = step(x[s], h);
      }
      return h;
    }

    @Override
    Profile transport(double[][] x) {
      int length = x.length;
      double[][] states = new double[length][];
      double[] h = new double[hidden];
      for (int t = 0; t < length; t++) {
        h = step(x[t], h);
        states[t] = h;
      }
      double[] profile = new double[length];
      double[][] g = identity(hidden);
      for (int lag = 0; lag < length; lag++) {
        profile[lag] = Math.log10(rmsNorm(g, 0, 0, hidden));
        int t = length - 1 - lag; // g = dh_T/dh_t; extend it to dh_T/dh_{t-1}
        if (t > 0) {
          g = times(g, elmanJacobian(states[t]));
        }
      }
      return new Profile(profile, null, null);
    }

    /** dh_t/dh_{t-1}[i][j] = (1 - h_t[i]^2) RW[j][i]. */
    private double[][] elmanJacobian(double[] ht) {
      double[][] j = new double[hidden][hidden];
      for (int i = 0; i < hidden; i++) {
        double d = 1 - ht[i] * ht[i];
        for (int k = 0; k < hidden; k++) {
          j[i][k] = d * rw[k][i];
        }
      }
      return j;
    }

    @Override
    double[][] jacobian(double[][] x, int t) {
      double[] h = stateBefore(x, t + 1);
      double[][] g = identity(hidden);
      double[][] states = new double[x.length][];
      double[] s = h;
      for (int k = t + 1; k < x.length; k++) {
        s = step(x[k], s);
        states[k] = s;
      }
      for (int k = x.length - 1; k > t; k--) {
        g = times(g, elmanJacobian(states[k]));
      }
      return g;
    }
  }

  /** DL4J's LSTM (no peepholes), gate blocks [z | f | o | i] in W, RW and b. */
  static final class Lstm extends Recurrence {
    Lstm(MultiLayerNetwork net) {
      super(net, 4);
    }

    /** Gate activations and states of one step. */
    private record Step(
        double[] z,
        double[] f,
        double[] o,
        double[] i,
        double[] cPrev,
        double[] c,
        double[] tanhC,
        double[] h) {}

    private Step step(double[] x, double[] hPrev, double[] cPrev) {
      double[] a = preActivation(x, hPrev);
      int n = hidden;
      double[] z = new double[n];
      double[] f = new double[n];
      double[] o = new double[n];
      double[] in = new double[n];
      double[] c = new double[n];
      double[] tc = new double[n];
      double[] h = new double[n];
      for (int k = 0; k < n; k++) {
        z[k] = Math.tanh(a[k]);
        f[k] = sigmoid(a[n + k]);
        o[k] = sigmoid(a[2 * n + k]);
        in[k] = sigmoid(a[3 * n + k]);
        c[k] = f[k] * cPrev[k] + in[k] * z[k];
        tc[k] = Math.tanh(c[k]);
        h[k] = o[k] * tc[k];
      }
      return new Step(z, f, o, in, cPrev, c, tc, h);
    }

    private Step[] forward(double[][] x, int from, double[] state) {
      double[] h = java.util.Arrays.copyOfRange(state, 0, hidden);
      double[] c = java.util.Arrays.copyOfRange(state, hidden, 2 * hidden);
      Step[] steps = new Step[x.length];
      for (int t = from; t < x.length; t++) {
        steps[t] = step(x[t], h, c);
        h = steps[t].h();
        c = steps[t].c();
      }
      return steps;
    }

    @Override
    double[] lastHidden(double[][] x) {
      return forward(x, 0, new double[2 * hidden])[x.length - 1].h();
    }

    @Override
    double[] finalState(double[][] x, int from, double[] state) {
      Step last = forward(x, from, state)[x.length - 1];
      return concat(last.h(), last.c());
    }

    @Override
    double[] stateBefore(double[][] x, int t) {
      if (t == 0) {
        return new double[2 * hidden];
      }
      Step s = forward(x, 0, new double[2 * hidden])[t - 1];
      return concat(s.h(), s.c());
    }

    @Override
    Profile transport(double[][] x) {
      int length = x.length;
      Step[] steps = forward(x, 0, new double[2 * hidden]);
      double[] hiddenProfile = new double[length];
      double[] cellProfile = new double[length];
      double[] forgetProfile = new double[length];
      double[][] g = identity(2 * hidden);
      double[] forgetPath = new double[hidden];
      java.util.Arrays.fill(forgetPath, 1.0);
      for (int lag = 0; lag < length; lag++) {
        hiddenProfile[lag] = Math.log10(rmsNorm(g, 0, 0, hidden));
        cellProfile[lag] = Math.log10(rmsNorm(g, hidden, hidden, hidden));
        forgetProfile[lag] = Math.log10(rms(forgetPath));
        int t = length - 1 - lag;
        if (t > 0) {
          g = times(g, stateJacobian(steps[t]));
          for (int k = 0; k < hidden; k++) {
            forgetPath[k] *= steps[t].f()[k];
          }
        }
      }
      return new Profile(hiddenProfile, cellProfile, forgetProfile);
    }

    /** d(h_t, c_t)/d(h_{t-1}, c_{t-1}), rows and columns ordered h then c. */
    private double[][] stateJacobian(Step s) {
      int n = hidden;
      double[][] j = new double[2 * n][2 * n];
      for (int r = 0; r < n; r++) {
        double dz = 1 - s.z()[r] * s.z()[r];
        double df = s.f()[r] * (1 - s.f()[r]);
        double dO = s.o()[r] * (1 - s.o()[r]);
        double di = s.i()[r] * (1 - s.i()[r]);
        double dhdc = s.o()[r] * (1 - s.tanhC()[r] * s.tanhC()[r]);
        for (int k = 0; k < n; k++) {
          double dcdh =
              s.cPrev()[r] * df * rw[k][n + r]
                  + s.z()[r] * di * rw[k][3 * n + r]
                  + s.i()[r] * dz * rw[k][r];
          j[n + r][k] = dcdh;
          j[r][k] = dO * s.tanhC()[r] * rw[k][2 * n + r] + dhdc * dcdh;
        }
        j[n + r][n + r] = s.f()[r];
        j[r][n + r] = dhdc * s.f()[r];
      }
      return j;
    }

    @Override
    double[][] jacobian(double[][] x, int t) {
      Step[] steps = forward(x, 0, new double[2 * hidden]);
      double[][] g = identity(2 * hidden);
      for (int k = x.length - 1; k > t; k--) {
        g = times(g, stateJacobian(steps[k]));
      }
      return g;
    }
  }

  static double sigmoid(double a) {
    return 1 / (1 + Math.exp(-a));
  }

  private static double rms(double[] v) {
    double ss = 0;
    for (double x : v) {
      ss += x * x;
    }
    return Math.sqrt(ss / v.length);
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static double[][] identity(int n) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      m[i][i] = 1;
    }
    return m;
  }

  static double[][] times(double[][] a, double[][] b) {
    int n = a.length;
    int inner = b.length;
    int m = b[0].length;
    double[][] out = new double[n][m];
    for (int i = 0; i < n; i++) {
      double[] row = out[i];
      for (int k = 0; k < inner; k++) {
        double v = a[i][k];
        if (v != 0) {
          double[] bk = b[k];
          for (int j = 0; j < m; j++) {
            row[j] += v * bk[j];
          }
        }
      }
    }
    return out;
  }
}
