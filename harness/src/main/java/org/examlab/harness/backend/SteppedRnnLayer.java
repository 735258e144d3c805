package org.examlab.harness.backend;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.params.SimpleRnnParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer of {@link SteppedRnn}. Forward and backward run as plain loops over double arrays in
 * DL4J's 'f' layout ([batch, units, time], batch fastest), so the inner loops run over the batch
 * and vectorise. The forward pass made for training is kept for the backprop that follows it (same
 * input array), where DL4J's SimpleRnn computes it again. Falls back to DL4J's own SimpleRnn for
 * what it does not cover: masks, dropout, weight noise, layer normalisation, an activation other
 * than tanh, truncated BPTT and the stateful {@code rnnTimeStep} calls.
 */
public final class SteppedRnnLayer extends SimpleRnn {
  private Pass kept;
  private INDArray keptInput;

  SteppedRnnLayer(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  private boolean covers() {
    org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn c = layerConf();
    return maskArray == null
        && c.getIDropout() == null
        && c.getWeightNoise() == null
        && !c.hasLayerNorm()
        && c.getActivationFn() instanceof ActivationTanH
        && input != null
        && input.rank() == 3;
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    if (!covers()) {
      return super.activate(training, workspaceMgr);
    }
    Pass pass = forward();
    kept = training ? pass : null;
    keptInput = training ? input : null;
    INDArray out =
        workspaceMgr.createUninitialized(
            ArrayType.ACTIVATIONS,
            input.dataType(),
            new long[] {pass.m, pass.nOut, pass.steps},
            'f');
    return out.assign(array(pass.h, out.shape(), out.dataType()));
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(
      INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    if (!covers()) {
      return super.backpropGradient(epsilon, workspaceMgr);
    }
    Pass pass = kept != null && keptInput == input ? kept : forward();
    kept = null;
    keptInput = null;
    double[] dx = new double[pass.m * pass.nIn * pass.steps];
    double[] gW = new double[pass.nIn * pass.nOut];
    double[] gRW = new double[pass.nOut * pass.nOut];
    double[] gb = new double[pass.nOut];
    pass.backward(flat(epsilon), dx, gW, gRW, gb);

    INDArray wg = gradientViews.get(SimpleRnnParamInitializer.WEIGHT_KEY);
    INDArray rwg = gradientViews.get(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY);
    INDArray bg = gradientViews.get(SimpleRnnParamInitializer.BIAS_KEY);
    gradientsFlattened.assign(0);
    wg.assign(array(gW, wg.shape(), wg.dataType()));
    rwg.assign(array(gRW, rwg.shape(), rwg.dataType()));
    bg.assign(array(gb, bg.shape(), bg.dataType()));
    Gradient g = new DefaultGradient(gradientsFlattened);
    g.gradientForVariable().put(SimpleRnnParamInitializer.WEIGHT_KEY, wg);
    g.gradientForVariable().put(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY, rwg);
    g.gradientForVariable().put(SimpleRnnParamInitializer.BIAS_KEY, bg);
    INDArray epsOut =
        workspaceMgr.createUninitialized(
            ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'f');
    epsOut.assign(array(dx, input.shape(), input.dataType()));
    return new Pair<>(g, epsOut);
  }

  private Pass forward() {
    assertInputSet(false);
    Pass pass =
        new Pass(
            (int) input.size(0),
            (int) input.size(1),
            (int) layerConf().getNOut(),
            (int) input.size(2),
            flat(input),
            flat(getParam(SimpleRnnParamInitializer.WEIGHT_KEY)),
            flat(getParam(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY)),
            flat(getParam(SimpleRnnParamInitializer.BIAS_KEY)));
    pass.forward();
    return pass;
  }

  /** {@code a}'s elements in 'f' order. */
  private static double[] flat(INDArray a) {
    return Nd4j.toFlattened('f', a).toDoubleVector();
  }

  private static INDArray array(double[] fOrder, long[] shape, DataType type) {
    if (type == DataType.DOUBLE) {
      return Nd4j.create(fOrder, shape, 'f');
    }
    float[] f = new float[fOrder.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) fOrder[i];
    }
    return Nd4j.create(f, shape, 'f').castTo(type);
  }

  /**
   * One sequence batch's pass. Arrays in 'f' order: x[i + m (j + nIn t)], h[i + m (o + nOut t)],
   * W[j + nIn o] (nIn x nOut), RW[k + nOut o] (nOut x nOut), b[o].
   */
  static final class Pass {
    final int m;
    final int nIn;
    final int nOut;
    final int steps;
    private final double[] x;
    private final double[] w;
    private final double[] rw;
    private final double[] b;
    final double[] h;

    Pass(int m, int nIn, int nOut, int steps, double[] x, double[] w, double[] rw, double[] b) {
      this.m = m;
      this.nIn = nIn;
      this.nOut = nOut;
      this.steps = steps;
      this.x = x;
      this.w = w;
      this.rw = rw;
      this.b = b;
      this.h = new double[m * nOut * steps];
    }

    void forward() {
      for (int t = 0; t < steps; t++) {
        int xt = m * nIn * t;
        int ht = m * nOut * t;
        int prev = ht - m * nOut;
        for (int o = 0; o < nOut; o++) {
          int z = ht + m * o;
          java.util.Arrays.fill(h, z, z + m, b[o]);
          for (int j = 0; j < nIn; j++) {
            axpy(w[j + nIn * o], x, xt + m * j, h, z, m);
          }
          if (t > 0) {
            for (int k = 0; k < nOut; k++) {
              axpy(rw[k + nOut * o], h, prev + m * k, h, z, m);
            }
          }
          for (int i = z; i < z + m; i++) {
            h[i] = Math.tanh(h[i]);
          }
        }
      }
    }

    /**
     * Back-propagation through time of dL/dh ({@code eps}, 'f' order like h): accumulates the
     * parameter gradients and writes dL/dx.
     */
    void backward(double[] eps, double[] dx, double[] gW, double[] gRW, double[] gb) {
      int block = m * nOut;
      double[] dz = new double[block];
      double[] dzNext = new double[block];
      for (int t = steps - 1; t >= 0; t--) {
        int ht = block * t;
        System.arraycopy(eps, ht, dz, 0, block); // dL/dh_t from above
        if (t < steps - 1) { // and through h_{t+1} = tanh(... + h_t RW)
          for (int o = 0; o < nOut; o++) {
            for (int k = 0; k < nOut; k++) {
              axpy(rw[o + nOut * k], dzNext, m * k, dz, m * o, m);
            }
          }
        }
        for (int i = 0; i < block; i++) {
          double a = h[ht + i];
          dz[i] *= 1 - a * a;
        }
        int xt = m * nIn * t;
        for (int o = 0; o < nOut; o++) {
          int d = m * o;
          for (int j = 0; j < nIn; j++) {
            gW[j + nIn * o] += dot(x, xt + m * j, dz, d, m);
            axpy(w[j + nIn * o], dz, d, dx, xt + m * j, m);
          }
          if (t > 0) {
            for (int k = 0; k < nOut; k++) {
              gRW[k + nOut * o] += dot(h, ht - block + m * k, dz, d, m);
            }
          }
          double sum = 0;
          for (int i = d; i < d + m; i++) {
            sum += dz[i];
          }
          gb[o] += sum;
        }
        double[] swap = dzNext;
        dzNext = dz;
        dz = swap;
      }
    }

    private static void axpy(double a, double[] x, int xFrom, double[] y, int yFrom, int n) {
      for (int i = 0; i < n; i++) {
        y[yFrom + i] += a * x[xFrom + i];
      }
    }

    private static double dot(double[] x, int xFrom, double[] y, int yFrom, int n) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += x[xFrom + i] * y[yFrom + i];
      }
      return s;
    }
  }
}
