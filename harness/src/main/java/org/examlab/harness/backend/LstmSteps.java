package org.examlab.harness.backend;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One float LSTM layer's forward and backward pass over a whole sequence, in DL4J's parameter
 * layout (gate blocks [block input g, forget f, output o, input gate i]; sigmoid gates, tanh block
 * input and cell activation, no peepholes). The matrix products go to BLAS: the input projection of
 * all time steps in one GEMM, one recurrent GEMM per step each way, the weight gradients in one
 * GEMM each. The per-element gate arithmetic runs in Java loops directly on the arrays' native
 * memory: at 32 units and batch 64 a time step is ~2,000 elements, and one pass of a loop over them
 * costs less than dispatching a single ND4J op.
 *
 * <p>Arrays are laid out time-major, [time * batch, features], so that a time step is a contiguous
 * block of rows. A pass frees its arrays' native memory when closed (and its backward pass frees
 * its own temporaries): left to the garbage collector, the few megabytes a training step allocates
 * pile up for seconds between collections, and every step then writes to fresh pages the kernel
 * must zero first (measured: a quarter of the language-model's training thread in the kernel's
 * {@code clear_page}).
 */
final class LstmSteps implements AutoCloseable {
  final int batch;
  final int nIn;
  final int units;
  final int steps;

  /** [steps * batch, nIn]: the input, time-major. */
  final INDArray inputs;

  /** What {@link #inputs} is a reshaped view of. */
  private final INDArray inputsOwner;

  /** [steps * batch, 4 * units]: the gates, activated. */
  final INDArray gates;

  /** [steps * batch, units]: cell states c_t, and tanh(c_t). */
  final INDArray cells;

  final INDArray tanhCells;

  /** [(steps + 1) * batch, units]: h_{-1} (the initial state), then h_0 ... h_{steps-1}. */
  final INDArray hidden;

  /** [batch, units]: the initial cell state. */
  final INDArray initialCell;

  private LstmSteps(INDArray x, INDArray h0, INDArray c0) {
    batch = (int) x.size(0);
    nIn = (int) x.size(1);
    steps = (int) x.size(2);
    units = (int) h0.size(1);
    inputsOwner = x.permute(2, 0, 1).dup('c');
    inputs = inputsOwner.reshape('c', (long) steps * batch, nIn);
    gates = Nd4j.create(DataType.FLOAT, (long) steps * batch, 4L * units);
    cells = Nd4j.create(DataType.FLOAT, (long) steps * batch, units);
    tanhCells = Nd4j.create(DataType.FLOAT, (long) steps * batch, units);
    hidden = Nd4j.create(DataType.FLOAT, (long) (steps + 1) * batch, units);
    rows(hidden, 0).assign(h0);
    initialCell = c0.castTo(DataType.FLOAT).dup('c');
  }

  /**
   * The forward pass of {@code x} [batch, nIn, steps] from state (h0, c0) [batch, units], with
   * DL4J's weights {@code w} [nIn, 4 units], {@code rw} [units, 4 units], {@code b} (4 units). Its
   * arrays live outside any workspace: the caller copies out what it keeps.
   */
  static LstmSteps forward(
      INDArray x, INDArray w, INDArray rw, INDArray b, INDArray h0, INDArray c0) {
    try (MemoryWorkspace none = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      LstmSteps s = new LstmSteps(x, h0, c0);
      INDArray rwC = rw.dup('c');
      s.runForward(w, rwC, b.reshape(1, b.length()));
      release(rwC);
      return s;
    }
  }

  private void runForward(INDArray w, INDArray rw, INDArray b) {
    Nd4j.gemm(inputs, w, gates, false, false, 1.0, 0.0);
    gates.addiRowVector(b);
    FloatBuffer z = floats(gates);
    FloatBuffer c = floats(cells);
    FloatBuffer tc = floats(tanhCells);
    FloatBuffer h = floats(hidden);
    FloatBuffer c0 = floats(initialCell);
    int u = units;
    for (int t = 0; t < steps; t++) {
      INDArray zt = rows(gates, t);
      Nd4j.gemm(rows(hidden, t), rw, zt, false, false, 1.0, 1.0);
      Transforms.tanh(zt.get(NDArrayIndex.all(), NDArrayIndex.interval(0, u)), false);
      Transforms.sigmoid(zt.get(NDArrayIndex.all(), NDArrayIndex.interval(u, 4 * u)), false);
      for (int n = 0; n < batch; n++) {
        int row = t * batch + n;
        int zr = row * 4 * u;
        for (int j = 0; j < u; j++) {
          float cPrev = t == 0 ? c0.get(n * u + j) : c.get((row - batch) * u + j);
          float g = z.get(zr + j);
          float f = z.get(zr + u + j);
          float i = z.get(zr + 3 * u + j);
          c.put(row * u + j, f * cPrev + i * g);
        }
      }
      Nd4j.exec(new Tanh(rows(cells, t), rows(tanhCells, t)));
      for (int n = 0; n < batch; n++) {
        int row = t * batch + n;
        int zr = row * 4 * u;
        for (int j = 0; j < u; j++) {
          h.put((row + batch) * u + j, z.get(zr + 2 * u + j) * tc.get(row * u + j));
        }
      }
    }
  }

  /** h_t for every step as DL4J's [batch, units, steps]. */
  INDArray output() {
    return hidden
        .get(NDArrayIndex.interval(batch, (long) (steps + 1) * batch), NDArrayIndex.all())
        .reshape('c', steps, batch, units)
        .permute(1, 2, 0);
  }

  /** c at the last step, [batch, units]. */
  INDArray lastCell() {
    return rows(cells, steps - 1);
  }

  /**
   * Backpropagates {@code epsilon} = dL/dh_t [batch, units, steps] through the forward pass: writes
   * dL/dW, dL/dRW, dL/db into the given (DL4J gradient view) arrays and dL/dx into {@code dLdx}
   * [batch, nIn, steps].
   */
  void backward(
      INDArray epsilon,
      INDArray w,
      INDArray rw,
      INDArray wGrad,
      INDArray rwGrad,
      INDArray bGrad,
      INDArray dLdx) {
    try (MemoryWorkspace none = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      INDArray epsilonFloat = epsilon.castTo(DataType.FLOAT);
      INDArray dhOwner = epsilonFloat.permute(2, 0, 1).dup('c');
      INDArray dh = dhOwner.reshape('c', (long) steps * batch, units);
      INDArray dGates = Nd4j.create(DataType.FLOAT, (long) steps * batch, 4L * units);
      INDArray rwC = rw.dup('c');
      FloatBuffer z = floats(gates);
      FloatBuffer c = floats(cells);
      FloatBuffer tc = floats(tanhCells);
      FloatBuffer c0 = floats(initialCell);
      FloatBuffer dhb = floats(dh);
      FloatBuffer dz = floats(dGates);
      int u = units;
      float[] dcNext =
          new float[batch * u]; // dL/dc_{t+1} * f_{t+1}: what c_t receives through the next step
      for (int t = steps - 1; t >= 0; t--) {
        if (t < steps - 1) {
          Nd4j.gemm(
              rows(dGates, t + 1),
              rwC,
              rows(dh, t),
              false,
              true,
              1.0,
              1.0); // dL/dh_t through h_t -> z_{t+1}
        }
        for (int n = 0; n < batch; n++) {
          int row = t * batch + n;
          int zr = row * 4 * u;
          for (int j = 0; j < u; j++) {
            int e = row * u + j;
            float g = z.get(zr + j);
            float f = z.get(zr + u + j);
            float o = z.get(zr + 2 * u + j);
            float i = z.get(zr + 3 * u + j);
            float tanhC = tc.get(e);
            float dH = dhb.get(e);
            float cPrev = t == 0 ? c0.get(n * u + j) : c.get(e - batch * u);
            float dc = dH * o * (1 - tanhC * tanhC) + dcNext[n * u + j];
            dz.put(zr + j, dc * i * (1 - g * g));
            dz.put(zr + u + j, dc * cPrev * f * (1 - f));
            dz.put(zr + 2 * u + j, dH * tanhC * o * (1 - o));
            dz.put(zr + 3 * u + j, dc * g * i * (1 - i));
            dcNext[n * u + j] = dc * f;
          }
        }
      }
      INDArray previousHidden =
          hidden.get(NDArrayIndex.interval(0, (long) steps * batch), NDArrayIndex.all());
      INDArray wProduct = inputs.transpose().mmul(dGates);
      INDArray rwProduct = previousHidden.transpose().mmul(dGates);
      INDArray bSum = dGates.sum(0);
      wGrad.assign(wProduct);
      rwGrad.assign(rwProduct);
      bGrad.assign(bSum.reshape(bGrad.shape()));
      INDArray dx = dGates.mmul(w.transpose()); // [steps * batch, nIn]
      if (epsilonFloat != epsilon) {
        release(epsilonFloat);
      }
      dLdx.assign(dx.reshape('c', steps, batch, nIn).permute(1, 2, 0));
      release(dhOwner, dGates, rwC, wProduct, rwProduct, bSum, dx);
    }
  }

  /** Frees this pass's arrays now; nothing of it may be read afterwards. */
  @Override
  public void close() {
    release(inputsOwner, gates, cells, tanhCells, hidden, initialCell);
  }

  private static void release(INDArray... arrays) {
    for (INDArray a : arrays) {
      if (a.closeable()) {
        a.close();
      }
    }
  }

  /** Rows of time step {@code t} (block t of {@code batch} rows): a contiguous view. */
  private INDArray rows(INDArray timeMajor, int t) {
    return timeMajor.get(
        NDArrayIndex.interval((long) t * batch, (long) (t + 1) * batch), NDArrayIndex.all());
  }

  /** The native memory of a c-ordered array of this class, offset 0, as a float buffer. */
  private static FloatBuffer floats(INDArray a) {
    return a.data().asNioFloat();
  }
}
