package org.examlab.experiments.seq2seq;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Attention in SameDiff, for Bahdanau's decoder ({@link BahdanauDecoderVertex}) and for recomputing
 * the weights a trained model used (the heat maps): one formula for both. Queries are decoder
 * states {@code [mb, n, Tq]}, keys encoder states {@code [mb, n, Tk]}.
 *
 * <p>Projections are flattened 2-D matrix products: in DL4J 1.0.0-M2.1 an elementwise product
 * summed over an axis fails on the second {@code fit()}, and the tensor contraction ({@code
 * tensorMmul}) has no working gradient for these shapes.
 */
final class AttentionScores {
  /** Added to the scores of padded key steps: their softmax weight becomes 0. */
  private static final double MASKED = -1e9;

  private AttentionScores() {}

  /**
   * Bahdanau: v . tanh(Wq q + Wk k), {@code [mb, Tq, Tk]}; wq, wk {@code [n, a]}, v {@code [a, 1]}.
   */
  static SDVariable additive(
      SameDiff sd,
      SDVariable queries,
      SDVariable keys,
      SDVariable wq,
      SDVariable wk,
      SDVariable v) {
    return additive(
        sd, project(sd, sd.permute(queries, 0, 2, 1), 3, wq), projectKeys(sd, keys, wk), v);
  }

  /**
   * The additive score from projected queries {@code q [mb, Tq, a]} and projected keys {@code k
   * [mb, Tk, a]}: {@code [mb, Tq, Tk]}. Bahdanau's decoder projects the keys once and one query per
   * step.
   */
  static SDVariable additive(SameDiff sd, SDVariable q, SDVariable k, SDVariable v) {
    SDVariable hidden =
        sd.math.tanh(sd.expandDims(q, 2).add(sd.expandDims(k, 1))); // [mb, Tq, Tk, a]
    return sd.squeeze(project(sd, hidden, 4, v), 3);
  }

  /** Keys {@code [mb, n, Tk]} times {@code wk [n, a]}: {@code [mb, Tk, a]}. */
  static SDVariable projectKeys(SameDiff sd, SDVariable keys, SDVariable wk) {
    return project(sd, sd.permute(keys, 0, 2, 1), 3, wk);
  }

  /**
   * DL4J's one-head {@code AttentionVertex} with input projections: (Wq q) . (Wk k) / sqrt(h),
   * {@code [mb, Tq, Tk]}; wq, wk {@code [n, h]} (the transposed head of the vertex's {@code [1, h,
   * n]} parameters).
   */
  static SDVariable dot(
      SameDiff sd, SDVariable queries, SDVariable keys, SDVariable wq, SDVariable wk) {
    SDVariable q = project(sd, sd.permute(queries, 0, 2, 1), 3, wq); // [mb, Tq, h]
    SDVariable k = project(sd, sd.permute(keys, 0, 2, 1), 3, wk); // [mb, Tk, h]
    return sd.mmul(q, k, false, true, false).div(Math.sqrt(wq.getShape()[1]));
  }

  /** Softmax over the keys, padded keys (mask 0) excluded; {@code keyMask} [mb, Tk] may be null. */
  static SDVariable weights(SameDiff sd, SDVariable scores, SDVariable keyMask) {
    SDVariable masked =
        keyMask == null ? scores : scores.add(sd.expandDims(keyMask.rsub(1.0).mul(MASKED), 1));
    return sd.nn.softmax(masked, 2);
  }

  /**
   * Context vectors {@code [mb, n, Tq]}: each query's weighted mean of the values {@code [mb, n,
   * Tk]}.
   */
  static SDVariable context(SameDiff sd, SDVariable weights, SDVariable values) {
    return sd.mmul(values, weights, false, true, false);
  }

  /** {@code x [..., n]} (of rank {@code rank}) times {@code w [n, m]}: {@code [..., m]}. */
  private static SDVariable project(SameDiff sd, SDVariable x, int rank, SDVariable w) {
    long n = w.getShape()[0];
    long m = w.getShape()[1];
    SDVariable leading = sd.shape(x).get(SDIndex.interval(0, rank - 1));
    SDVariable product = sd.mmul(sd.reshape(x, -1, n), w);
    return sd.reshape(product, sd.concat(0, leading, sd.constant(Nd4j.createFromArray(m))));
  }
}
