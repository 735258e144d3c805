package org.examlab.harness.backend;

import java.lang.reflect.Field;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.recurrent.FwdPassReturn;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.layers.recurrent.LSTMHelper;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * DL4J's LSTM layer with the whole sequence computed in one call each way, instead of DL4J's Java
 * loop of ~20 ND4J ops per time step: float networks through {@link LstmSteps} (BLAS GEMMs, gate
 * arithmetic in Java loops), double ones through libnd4j's fused {@code lstmLayer} / {@code
 * lstmLayer_bp} ops (about 4x slower than LstmSteps at the rnn-gradients size, and used for double
 * only, where DL4J's gradient checks run). Figures in docs/benchmarks.md.
 *
 * <p>Plugged in through DL4J's own extension point for this, the layer's {@link LSTMHelper} (the
 * one cuDNN uses on CUDA). DL4J 1.0.0-M2.1 ships no CPU LSTM helper and sets the field only on
 * CUDA, so {@link #install} sets it by reflection. DL4J keeps its parameters, gradients and
 * updater; only the arithmetic moves. The helper declines (returns null, and DL4J computes as
 * before) what it does not cover: masks, truncated BPTT, backwards direction, activations other
 * than sigmoid gates with tanh, peepholes.
 *
 * <p>Gate order: DL4J's LSTM packs the 4 x nOut gate columns as [block input, forget, output, input
 * gate]; libnd4j as [input gate, forget, block input, output]. For the ops the weights are
 * reordered on the way in and the gradients back on the way out; LstmSteps works in DL4J's order.
 */
public final class FusedLstm implements LSTMHelper {
  /**
   * libnd4j activation ids: 0 = tanh, 2 = sigmoid; dataFormat 2 = [batch, channels, time] (DL4J's
   * NCW).
   */
  private static final int[] OP_INT_ARGS = {2, 0, 2, 0, 0};

  /** For each libnd4j gate block, the DL4J block it comes from. */
  private static final int[] FROM_DL4J = {3, 1, 0, 2};

  private final LSTM layer;

  /**
   * DL4J's LSTM runs the forward pass once more at the start of backprop, to hand it over: the
   * float pass made then is kept for that backprop (same input array) instead of a third one.
   */
  private LstmSteps passForBackprop;

  private INDArray inputForBackprop;

  private FusedLstm(LSTM layer) {
    this.layer = layer;
  }

  /** Puts the fused helper on every LSTM layer of {@code network}; returns how many it found. */
  public static int install(Model network) {
    Layer[] layers =
        network instanceof MultiLayerNetwork net
            ? net.getLayers()
            : network instanceof ComputationGraph graph ? graph.getLayers() : new Layer[0];
    int installed = 0;
    for (Layer l : layers) {
      while (l instanceof BaseWrapperLayer wrapper) { // LastTimeStep, and the like
        l = wrapper.getUnderlying();
      }
      if (l instanceof LSTM lstm) {
        setHelper(lstm, new FusedLstm(lstm));
        installed++;
      }
    }
    return installed;
  }

  /** Whether {@code layer} computes through this class (for tests and diagnostics). */
  public static boolean isInstalled(Layer layer) {
    return layer.getHelper() instanceof FusedLstm;
  }

  /**
   * How often DL4J caught an exception from the helper on {@code layer} and fell back to its Java
   * LSTM (it only logs a warning): 0 when every pass ran fused.
   */
  public static int fallbacks(Layer layer) {
    try {
      Field field =
          org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer.class.getDeclaredField(
              "helperCountFail");
      field.setAccessible(true);
      return field.getInt(layer);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "DL4J's recurrent layer has no 'helperCountFail' field (is this DL4J 1.0.0-M2.1?)", e);
    }
  }

  private static void setHelper(LSTM lstm, LSTMHelper helper) {
    try {
      Field field = LSTM.class.getDeclaredField("helper");
      field.setAccessible(true);
      field.set(lstm, helper);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "DL4J's LSTM layer has no 'helper' field to set (is this DL4J 1.0.0-M2.1?)", e);
    }
  }

  @Override
  public boolean checkSupported(
      IActivation gateActivationFn, IActivation activationFn, boolean hasPeepholeConnections) {
    return gateActivationFn instanceof ActivationSigmoid
        && activationFn instanceof ActivationTanH
        && !hasPeepholeConnections;
  }

  private boolean covers(
      IActivation gateActivationFn,
      INDArray input,
      INDArray mask,
      boolean forwards,
      boolean peepholes) {
    IActivation activation =
        ((org.deeplearning4j.nn.conf.layers.BaseLayer) layer.conf().getLayer()).getActivationFn();
    return forwards
        && mask == null
        && input.rank() == 3
        && checkSupported(gateActivationFn, activation, peepholes);
  }

  @Override
  public FwdPassReturn activate(
      Layer layer,
      NeuralNetConfiguration conf,
      IActivation gateActivationFn,
      INDArray input,
      INDArray recurrentWeights,
      INDArray inputWeights,
      INDArray biases,
      boolean training,
      INDArray prevOutputActivations,
      INDArray prevMemCellState,
      boolean forBackprop,
      boolean forwards,
      String inputWeightKey,
      INDArray maskArray,
      boolean hasPeepholeConnections,
      LayerWorkspaceMgr workspaceMgr) {
    if (!covers(gateActivationFn, input, maskArray, forwards, hasPeepholeConnections)) {
      return null;
    }
    long batch = input.size(0);
    long nOut = recurrentWeights.size(0);
    long steps = input.size(2);
    INDArray h =
        workspaceMgr.create(
            ArrayType.ACTIVATIONS, input.dataType(), new long[] {batch, nOut, steps}, 'c');
    INDArray lastCell =
        workspaceMgr.create(ArrayType.ACTIVATIONS, input.dataType(), new long[] {batch, nOut}, 'c');
    INDArray h0 = initialState(prevOutputActivations, batch, nOut, input);
    INDArray c0 = initialState(prevMemCellState, batch, nOut, input);
    if (input.dataType() == DataType.FLOAT) {
      LstmSteps pass = LstmSteps.forward(input, inputWeights, recurrentWeights, biases, h0, c0);
      h.assign(pass.output());
      lastCell.assign(pass.lastCell());
      forgetPass();
      if (forBackprop) {
        passForBackprop = pass;
        inputForBackprop = input;
      } else {
        pass.close();
      }
    } else {
      lstmLayerForward(input, inputWeights, recurrentWeights, biases, h0, c0, h, lastCell);
    }
    FwdPassReturn result = new FwdPassReturn();
    result.fwdPassOutput = h;
    result.lastAct = h.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(steps - 1));
    result.lastMemCell = lastCell;
    result.prevAct = prevOutputActivations;
    result.prevMemCell = prevMemCellState;
    return result;
  }

  private static void lstmLayerForward(
      INDArray input,
      INDArray inputWeights,
      INDArray recurrentWeights,
      INDArray biases,
      INDArray h0,
      INDArray c0,
      INDArray h,
      INDArray lastCell) {
    long nOut = recurrentWeights.size(0);
    Nd4j.exec(
        DynamicCustomOp.builder("lstmLayer")
            .addInputs(
                input,
                toOpGates(inputWeights),
                toOpGates(recurrentWeights),
                toOpGates(biases).reshape(4 * nOut),
                h0,
                c0)
            .addIntegerArguments(OP_INT_ARGS)
            // biases, no seqLen, initial h and c, no peepholes; outputs: full sequence, not last h,
            // last c
            .addBooleanArguments(true, false, true, true, false, true, false, true)
            .addFloatingPointArguments(0.0) // no cell clipping
            .addOutputs(h, lastCell)
            .build());
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(
      NeuralNetConfiguration conf,
      IActivation gateActivationFn,
      INDArray input,
      INDArray recurrentWeights,
      INDArray inputWeights,
      INDArray epsilon,
      boolean truncatedBPTT,
      int tbpttBackwardLength,
      FwdPassReturn fwdPass,
      boolean forwards,
      String inputWeightKey,
      String recurrentWeightKey,
      String biasWeightKey,
      Map<String, INDArray> gradientViews,
      INDArray maskArray,
      boolean hasPeepholeConnections,
      LayerWorkspaceMgr workspaceMgr) {
    if (truncatedBPTT
        || !covers(gateActivationFn, input, maskArray, forwards, hasPeepholeConnections)) {
      return null;
    }
    long batch = input.size(0);
    long nOut = recurrentWeights.size(0);
    INDArray biases = layer.getParam(biasWeightKey);
    INDArray wGrad = gradientViews.get(inputWeightKey);
    INDArray rwGrad = gradientViews.get(recurrentWeightKey);
    INDArray bGrad = gradientViews.get(biasWeightKey);
    Gradient gradient = new DefaultGradient();
    gradient.gradientForVariable().put(inputWeightKey, wGrad);
    gradient.gradientForVariable().put(recurrentWeightKey, rwGrad);
    gradient.gradientForVariable().put(biasWeightKey, bGrad);
    INDArray h0 = initialState(fwdPass.prevAct, batch, nOut, input);
    INDArray c0 = initialState(fwdPass.prevMemCell, batch, nOut, input);
    INDArray dLdx =
        workspaceMgr.create(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
    if (input.dataType() == DataType.FLOAT) {
      LstmSteps pass =
          passForBackprop != null && inputForBackprop == input
              ? passForBackprop
              : LstmSteps.forward(input, inputWeights, recurrentWeights, biases, h0, c0);
      if (pass != passForBackprop) {
        forgetPass();
      }
      passForBackprop = null;
      inputForBackprop = null;
      try (pass) {
        pass.backward(epsilon, inputWeights, recurrentWeights, wGrad, rwGrad, bGrad, dLdx);
      }
      return new Pair<>(gradient, dLdx);
    }
    INDArray wx = toOpGates(inputWeights);
    INDArray wr = toOpGates(recurrentWeights);
    INDArray dLdWx = wx.ulike();
    INDArray dLdWr = wr.ulike();
    INDArray dLdb = Nd4j.createUninitialized(input.dataType(), 4 * nOut);
    INDArray dLdh0 = Nd4j.createUninitialized(input.dataType(), batch, nOut);
    INDArray dLdc0 = Nd4j.createUninitialized(input.dataType(), batch, nOut);
    Nd4j.exec(
        DynamicCustomOp.builder("lstmLayer_bp")
            .addInputs(input, wx, wr, toOpGates(biases).reshape(4 * nOut), h0, c0, epsilon.dup('c'))
            .addIntegerArguments(OP_INT_ARGS)
            // as forward; the gradient comes for the full output sequence only
            .addBooleanArguments(true, false, true, true, false, true, false, false)
            .addFloatingPointArguments(0.0)
            .addOutputs(dLdx, dLdWx, dLdWr, dLdb, dLdh0, dLdc0)
            .build());
    toDl4jGates(dLdWx, wGrad);
    toDl4jGates(dLdWr, rwGrad);
    toDl4jGates(dLdb.reshape(1, 4 * nOut), bGrad);
    return new Pair<>(gradient, dLdx);
  }

  /** Frees the kept forward pass, if any (a forward pass for backprop that no backprop used). */
  private void forgetPass() {
    if (passForBackprop != null) {
      passForBackprop.close();
      passForBackprop = null;
      inputForBackprop = null;
    }
  }

  private static INDArray initialState(INDArray given, long batch, long nOut, INDArray like) {
    return given != null ? given.dup('c') : Nd4j.zeros(like.dataType(), batch, nOut);
  }

  /**
   * A DL4J [rows, 4 * nOut] weight (or [4 * nOut] bias) with its gate blocks in libnd4j's order.
   */
  static INDArray toOpGates(INDArray dl4j) {
    dl4j = asMatrix(dl4j);
    long n = dl4j.size(1) / 4;
    INDArray op = Nd4j.createUninitialized(dl4j.dataType(), dl4j.size(0), 4 * n);
    for (int k = 0; k < 4; k++) {
      block(op, k, n).assign(block(dl4j, FROM_DL4J[k], n));
    }
    return op;
  }

  /**
   * Writes an op-ordered [rows, 4 * nOut] gradient into DL4J's gradient view, reordering the gate
   * blocks back.
   */
  static void toDl4jGates(INDArray op, INDArray dl4jView) {
    dl4jView =
        asMatrix(
            dl4jView); // a bias view [4 * nOut] reshapes to a view, not a copy: it is contiguous
    long n = op.size(1) / 4;
    for (int k = 0; k < 4; k++) {
      block(dl4jView, FROM_DL4J[k], n).assign(block(op, k, n));
    }
  }

  private static INDArray asMatrix(INDArray a) {
    return a.rank() == 1 ? a.reshape(1, a.length()) : a;
  }

  private static INDArray block(INDArray gates, int k, long n) {
    return gates.get(NDArrayIndex.all(), NDArrayIndex.interval(k * n, (k + 1) * n));
  }

  @Override
  public boolean checkSupported() {
    return true;
  }

  @Override
  public Map<String, Long> helperMemoryUse() {
    return Map.of();
  }
}
