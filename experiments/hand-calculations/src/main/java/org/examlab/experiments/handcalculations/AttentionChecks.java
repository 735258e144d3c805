package org.examlab.experiments.handcalculations;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.AttentionVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.harness.metrics.MeasuredFields;
import org.examlab.harness.metrics.Measurement;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The Transformer's attention (claims 001-8/formula and 001-8/parallel), by DL4J's own {@code
 * AttentionVertex}, the vertex the seq2seq experiment's Luong variant uses, here without input
 * projections (one head), so that its queries, keys and values are the inputs themselves: Q [d_k,
 * Tq], K [d_k, Tk], V [d_v, Tk] in DL4J's [batch, features, time] layout. The formula softmax(Q^T K
 * / sqrt(d_k)) V is computed in plain Java loops.
 *
 * <p>"In parallel": the vertex fed all queries at once is compared with the vertex fed one query at
 * a time, and the graph's length of sequential work is read as the number of ops SameDiff needs for
 * self-attention at a short and at a long sequence, against an unrolled tanh RNN, whose step t
 * needs h_{t-1} (control).
 *
 * @param formulaError max |vertex output - softmax(QK^T / sqrt(d_k)) V| (plain Java)
 * @param unscaledDifference max |vertex output - softmax(QK^T) V| (control: the check tells the
 *     scaling apart)
 * @param batchedError max |self-attention over all positions at once - the same computed one query
 *     at a time|
 * @param opsGrowth SameDiff ops of self-attention at the long length minus at the short one
 * @param rnnOpsGrowth the same for the unrolled RNN (control: recurrence grows with the length)
 */
record AttentionChecks(
    double formulaError,
    double unscaledDifference,
    double batchedError,
    double opsGrowth,
    double rnnOpsGrowth) {
  static final MeasuredFields<AttentionChecks> FIELDS =
      new MeasuredFields<AttentionChecks>()
          .add(Measurement.of("attention", "formula_error"), AttentionChecks::formulaError)
          .add(
              Measurement.of("attention", "unscaled_difference"),
              AttentionChecks::unscaledDifference)
          .add(Measurement.of("attention", "batched_error"), AttentionChecks::batchedError)
          .add(Measurement.of("attention", "ops_growth"), AttentionChecks::opsGrowth)
          .add(Measurement.of("attention", "rnn_ops_growth"), AttentionChecks::rnnOpsGrowth);

  static AttentionChecks measure(HandCalculationsSettings.AttentionSizes s, long seed) {
    Nd4j.getRandom().setSeed(seed);
    int d = s.features();
    INDArray q = Nd4j.randn(DataType.DOUBLE, 1, d, s.shortLength());
    INDArray k = Nd4j.randn(DataType.DOUBLE, 1, d, s.longLength());
    INDArray v = Nd4j.randn(DataType.DOUBLE, 1, d, s.longLength());
    INDArray out = vertex(d, q, k, v);
    double formula = out.sub(formula(q, k, v, Math.sqrt(d))).amaxNumber().doubleValue();
    double unscaled = out.sub(formula(q, k, v, 1)).amaxNumber().doubleValue();

    INDArray x = Nd4j.randn(DataType.DOUBLE, 1, d, s.longLength());
    INDArray all = vertex(d, x, x, x);
    double batched = 0;
    for (int t = 0; t < s.longLength(); t++) {
      INDArray query =
          x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1)).dup();
      INDArray one = vertex(d, query, x, x);
      INDArray column =
          all.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1));
      batched = Math.max(batched, one.sub(column).amaxNumber().doubleValue());
    }
    return new AttentionChecks(
        formula,
        unscaled,
        batched,
        attentionOps(d, s.longLength()) - attentionOps(d, s.shortLength()),
        rnnOps(d, s.longLength()) - rnnOps(d, s.shortLength()));
  }

  /**
   * DL4J's AttentionVertex (one head, no projections) on queries, keys, values [1, features, time].
   */
  static INDArray vertex(int d, INDArray q, INDArray k, INDArray v) {
    ComputationGraph graph =
        new ComputationGraph(
            new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .graphBuilder()
                .addInputs("q", "k", "v")
                .setInputTypes(
                    InputType.recurrent(d), InputType.recurrent(d), InputType.recurrent(d))
                .addVertex(
                    "attention",
                    new AttentionVertex.Builder()
                        .nInQueries(d)
                        .nInKeys(d)
                        .nInValues(d)
                        .nOut(d)
                        .nHeads(1)
                        .projectInput(false)
                        .build(),
                    "q",
                    "k",
                    "v")
                .addLayer(
                    "out",
                    new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .nIn(d)
                        .nOut(1)
                        .activation(Activation.IDENTITY)
                        .build(),
                    "attention")
                .setOutputs("out")
                .build());
    graph.init();
    return graph.feedForward(new INDArray[] {q, k, v}, false).get("attention");
  }

  /** softmax over the keys of q_i . k_j / scale, times the values, in plain Java: [1, d_v, Tq]. */
  static INDArray formula(INDArray q, INDArray k, INDArray v, double scale) {
    long d = q.size(1);
    long tq = q.size(2);
    long tk = k.size(2);
    INDArray out = Nd4j.zeros(DataType.DOUBLE, 1, v.size(1), tq);
    for (int i = 0; i < tq; i++) {
      double[] w = new double[(int) tk];
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < tk; j++) {
        double dot = 0;
        for (int f = 0; f < d; f++) {
          dot += q.getDouble(0, f, i) * k.getDouble(0, f, j);
        }
        w[j] = dot / scale;
        max = Math.max(max, w[j]);
      }
      double sum = 0;
      for (int j = 0; j < tk; j++) {
        w[j] = Math.exp(w[j] - max);
        sum += w[j];
      }
      for (int f = 0; f < v.size(1); f++) {
        double acc = 0;
        for (int j = 0; j < tk; j++) {
          acc += w[j] / sum * v.getDouble(0, f, j);
        }
        out.putScalar(new long[] {0, f, i}, acc);
      }
    }
    return out;
  }

  /** Ops in the SameDiff graph of self-attention over a sequence of {@code length}. */
  static int attentionOps(int d, int length) {
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.constant("x", Nd4j.rand(DataType.DOUBLE, 1, d, length));
    sd.nn().dotProductAttention(x, x, x, null, true);
    return sd.getOps().size();
  }

  /**
   * Ops in the SameDiff graph of h_t = tanh(h_{t-1} V + x_t W) unrolled over {@code length} steps.
   */
  static int rnnOps(int d, int length) {
    SameDiff sd = SameDiff.create();
    SDVariable v = sd.var("v", Nd4j.rand(DataType.DOUBLE, d, d));
    SDVariable w = sd.var("w", Nd4j.rand(DataType.DOUBLE, d, d));
    SDVariable h = sd.constant("h0", Nd4j.zeros(DataType.DOUBLE, 1, d));
    for (int t = 0; t < length; t++) {
      h =
          sd.math()
              .tanh(h.mmul(v).add(sd.constant("x" + t, Nd4j.rand(DataType.DOUBLE, 1, d)).mmul(w)));
    }
    return sd.getOps().size();
  }
}
