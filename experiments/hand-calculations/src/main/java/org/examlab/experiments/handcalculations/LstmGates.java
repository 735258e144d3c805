package org.examlab.experiments.handcalculations;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.examlab.harness.backend.SameDiffQuiet;
import org.examlab.harness.metrics.MeasuredFields;
import org.examlab.harness.metrics.Measurement;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Which of the exam's gates is which (claim 003-6e). The exam's cell (seed 003, problem 6e): g_k =
 * sigma(W_k x_t + U_k h_{t-1}), c~_t = tanh(W_c x_t + U_c h_{t-1}), c_t = g2 o c_{t-1} + g3 o c~_t,
 * h_t = g1 o c_t, built in SameDiff with random weights. A gate is identified by what closing it
 * cuts, with the other two open (a switch bias of -/+{@link #SWITCH} added to its pre-activation:
 * sigma(-40) = 4e-18): the memory path c_{t-1} -> c_t, the input path x_t -> c_t, or the output c_t
 * -> h_t. The same switches on DL4J's own LSTM layer, one step from a set state (h_0, c_0) with the
 * bias of one gate block forced, name the signatures: DL4J's bias holds the blocks [block input,
 * forget, output, input-modulation (update)] of n units each, and its gate activations are computed
 * in that order (LSTMHelpers). Each exam gate takes the name of the DL4J gate whose signature it
 * has.
 *
 * <p>The cell state: with g2 forced open and g3 closed, T steps of random inputs leave c_t as it
 * was (the memory), while h_t = g1 o c_t keeps moving with g1 (control).
 *
 * @param forget the exam gate (1, 2 or 3) with the signature of DL4J's forget gate; 0 if none or
 *     several
 * @param update the same for DL4J's input-modulation (update) gate
 * @param output the same for DL4J's output gate
 * @param referenceDistinct 1 if DL4J's three gates cut three different paths (each exactly one)
 * @param memoryKept max |c_T - c_0| with the exam's g2 open and g3 closed
 * @param hiddenMoves max |h_T - h_{T-1}| in the same run (control: the output state is not kept)
 */
record LstmGates(
    double forget,
    double update,
    double output,
    double referenceDistinct,
    double memoryKept,
    double hiddenMoves) {
  static final MeasuredFields<LstmGates> FIELDS =
      new MeasuredFields<LstmGates>()
          .add(Measurement.of("lstm_gates", "forget"), LstmGates::forget)
          .add(Measurement.of("lstm_gates", "update"), LstmGates::update)
          .add(Measurement.of("lstm_gates", "output"), LstmGates::output)
          .add(Measurement.of("lstm_gates", "reference_distinct"), LstmGates::referenceDistinct)
          .add(Measurement.of("lstm_gates", "memory_kept"), LstmGates::memoryKept)
          .add(Measurement.of("lstm_gates", "hidden_moves"), LstmGates::hiddenMoves);

  static final double SWITCH = 40;

  /**
   * A path is cut when its derivative (or the output) is below this share of its value with every
   * gate open.
   */
  static final double CUT = 1e-9;

  /**
   * Finite differences through DL4J's layer, in double precision: c_1 is linear in c_0, and
   * rounding adds ~1e-16 / STEP = 1e-12.
   */
  static final double STEP = 1e-4;

  static LstmGates measure(HandCalculationsSettings.LstmCell s, long seed) {
    Nd4j.getRandom().setSeed(seed);
    int m = s.inputSize();
    int n = s.hiddenSize();
    INDArray[] w = new INDArray[4]; // g1, g2, g3, candidate
    INDArray[] u = new INDArray[4];
    for (int k = 0; k < 4; k++) {
      w[k] = Nd4j.randn(DataType.DOUBLE, m, n).divi(Math.sqrt(m));
      u[k] = Nd4j.randn(DataType.DOUBLE, n, n).divi(Math.sqrt(n));
    }
    INDArray x = Nd4j.randn(DataType.DOUBLE, 1, m);
    INDArray h0 = Nd4j.rand(DataType.DOUBLE, 1, n).subi(0.5);
    INDArray c0 = Nd4j.randn(DataType.DOUBLE, 1, n);

    int[] exam = new int[3];
    double[] open = examPaths(w, u, x, h0, c0, new double[] {SWITCH, SWITCH, SWITCH});
    for (int k = 0; k < 3; k++) {
      double[] shut = {SWITCH, SWITCH, SWITCH};
      shut[k] = -SWITCH;
      exam[k] = signature(examPaths(w, u, x, h0, c0, shut), open);
    }

    // DL4J's gate blocks in its bias: forget [n, 2n), output [2n, 3n), input modulation [3n, 4n)
    MultiLayerNetwork dl4j = dl4jLstm(m, n, seed);
    int forgetSig = dl4jSignature(dl4j, 1, n, x, h0, c0);
    int outputSig = dl4jSignature(dl4j, 2, n, x, h0, c0);
    int updateSig = dl4jSignature(dl4j, 3, n, x, h0, c0);
    boolean distinct =
        Integer.bitCount(forgetSig) == 1
            && Integer.bitCount(outputSig) == 1
            && Integer.bitCount(updateSig) == 1
            && forgetSig != outputSig
            && outputSig != updateSig
            && forgetSig != updateSig;

    double[] kept = keepMemory(w, u, s.steps(), h0, c0);
    return new LstmGates(
        match(exam, forgetSig),
        match(exam, updateSig),
        match(exam, outputSig),
        distinct ? 1 : 0,
        kept[0],
        kept[1]);
  }

  /** The exam gate (1-based) with this signature, or 0 if none or several do. */
  private static int match(int[] exam, int signature) {
    int found = 0;
    for (int k = 0; k < exam.length; k++) {
      if (exam[k] == signature) {
        if (found != 0) {
          return 0;
        }
        found = k + 1;
      }
    }
    return found;
  }

  /**
   * Bits of the paths that are cut: 1 memory (c_{t-1} -> c_t), 2 input (x_t -> c_t), 4 output (c_t
   * -> h_t).
   */
  private static int signature(double[] paths, double[] open) {
    int bits = 0;
    for (int p = 0; p < 3; p++) {
      if (paths[p] < CUT * open[p]) {
        bits |= 1 << p;
      }
    }
    return bits;
  }

  /**
   * {max |d sum(c_t) / d c_{t-1}|, max |d sum(c_t) / d x_t|, max |h_t| / max |c_t|} of the exam's
   * cell, by SameDiff autodiff.
   */
  private static double[] examPaths(
      INDArray[] w, INDArray[] u, INDArray x, INDArray h0, INDArray c0, double[] switches) {
    SameDiff sd = SameDiff.create();
    SDVariable input = sd.var("x", x.dup());
    SDVariable hidden = sd.constant("h", h0);
    SDVariable memory = sd.var("c", c0.dup());
    SDVariable[] gate = new SDVariable[3];
    for (int k = 0; k < 3; k++) {
      gate[k] =
          sd.nn()
              .sigmoid(
                  input
                      .mmul(sd.constant(w[k]))
                      .add(hidden.mmul(sd.constant(u[k])))
                      .add(switches[k]));
    }
    SDVariable candidate =
        sd.math().tanh(input.mmul(sd.constant(w[3])).add(hidden.mmul(sd.constant(u[3]))));
    SDVariable cell = gate[1].mul(memory).add("cell", gate[2].mul(candidate));
    gate[0].mul("out", cell);
    cell.sum().markAsLoss();
    Map<String, INDArray> grads =
        SameDiffQuiet.call(() -> sd.calculateGradients(Map.of(), "c", "x"));
    Map<String, INDArray> values = sd.output(Map.of(), "cell", "out");
    return new double[] {
      grads.get("c").amaxNumber().doubleValue(),
      grads.get("x").amaxNumber().doubleValue(),
      values.get("out").amaxNumber().doubleValue() / values.get("cell").amaxNumber().doubleValue()
    };
  }

  private static MultiLayerNetwork dl4jLstm(int m, int n, long seed) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(
                    new LSTM.Builder()
                        .nIn(m)
                        .nOut(n)
                        .activation(Activation.TANH)
                        .gateActivationFunction(Activation.SIGMOID)
                        .build())
                .build());
    net.init();
    return net;
  }

  /**
   * The signature of DL4J's gate block {@code block} (1 forget, 2 output, 3 input modulation)
   * closed, the other gates open.
   */
  private static int dl4jSignature(
      MultiLayerNetwork net, int block, int n, INDArray x, INDArray h0, INDArray c0) {
    INDArray bias =
        net.getLayer(0).getParam(LSTMParamInitializer.BIAS_KEY); // a view of the layer's 4n biases
    INDArray saved = bias.dup();
    for (long i = n; i < 4L * n; i++) {
      bias.putScalar(i, SWITCH);
    }
    double[] open = dl4jPaths(net, x, h0, c0);
    for (long i = (long) block * n; i < (block + 1L) * n; i++) {
      bias.putScalar(i, -SWITCH);
    }
    double[] shut = dl4jPaths(net, x, h0, c0);
    bias.assign(saved);
    return signature(shut, open);
  }

  /** The largest |d f / d a_i| over the entries of {@code at}, by central differences. */
  private static double largestSlope(INDArray at, java.util.function.ToDoubleFunction<INDArray> f) {
    double largest = 0;
    for (long i = 0; i < at.length(); i++) {
      INDArray up = at.dup();
      up.putScalar(i, at.getDouble(i) + STEP);
      INDArray down = at.dup();
      down.putScalar(i, at.getDouble(i) - STEP);
      largest =
          Math.max(largest, Math.abs(f.applyAsDouble(up) - f.applyAsDouble(down)) / (2 * STEP));
    }
    return largest;
  }

  /**
   * The same three paths through DL4J's layer, by central differences of one step from (h_0, c_0).
   */
  private static double[] dl4jPaths(MultiLayerNetwork net, INDArray x, INDArray h0, INDArray c0) {
    double memory = largestSlope(c0, c -> step(net, x, h0, c)[1].sumNumber().doubleValue());
    double input = largestSlope(x, in -> step(net, in, h0, c0)[1].sumNumber().doubleValue());
    INDArray[] once = step(net, x, h0, c0);
    return new double[] {
      memory, input, once[0].amaxNumber().doubleValue() / once[1].amaxNumber().doubleValue()
    };
  }

  /** {h_1, c_1} of one DL4J step from (h_0, c_0). */
  private static INDArray[] step(MultiLayerNetwork net, INDArray x, INDArray h0, INDArray c0) {
    Map<String, INDArray> state = new HashMap<>();
    state.put(org.deeplearning4j.nn.layers.recurrent.LSTM.STATE_KEY_PREV_ACTIVATION, h0.dup());
    state.put(org.deeplearning4j.nn.layers.recurrent.LSTM.STATE_KEY_PREV_MEMCELL, c0.dup());
    net.rnnSetPreviousState(0, state);
    INDArray h = net.rnnTimeStep(x.dup()).dup();
    INDArray c =
        net.rnnGetPreviousState(0)
            .get(org.deeplearning4j.nn.layers.recurrent.LSTM.STATE_KEY_PREV_MEMCELL)
            .dup();
    return new INDArray[] {h, c};
  }

  /**
   * {max |c_T - c_0|, max |h_T - h_{T-1}|} of the exam's cell run T steps (plain ND4J) with g2 open
   * and g3 closed.
   */
  private static double[] keepMemory(
      INDArray[] w, INDArray[] u, int steps, INDArray h0, INDArray c0) {
    INDArray h = h0;
    INDArray c = c0;
    INDArray previousH = h0;
    for (int t = 0; t < steps; t++) {
      INDArray x = Nd4j.randn(DataType.DOUBLE, 1, w[0].rows());
      INDArray g1 = Transforms.sigmoid(x.mmul(w[0]).addi(h.mmul(u[0])), false);
      INDArray g2 = Transforms.sigmoid(x.mmul(w[1]).addi(h.mmul(u[1])).addi(SWITCH), false);
      INDArray g3 = Transforms.sigmoid(x.mmul(w[2]).addi(h.mmul(u[2])).subi(SWITCH), false);
      INDArray candidate = Transforms.tanh(x.mmul(w[3]).addi(h.mmul(u[3])), false);
      c = g2.mul(c).addi(g3.mul(candidate));
      previousH = h;
      h = g1.mul(c);
    }
    return new double[] {
      c.sub(c0).amaxNumber().doubleValue(), h.sub(previousH).amaxNumber().doubleValue()
    };
  }
}
