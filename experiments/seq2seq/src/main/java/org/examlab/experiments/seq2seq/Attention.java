package org.examlab.experiments.seq2seq;

/** How the decoder reads the encoder: the three variants of the experiment. */
public enum Attention {
  /** A fixed context vector: the encoder's last state, shown to the decoder at every step. */
  NONE,
  /** Luong's (scaled) dot-product score between the decoder state and each encoder state. */
  DOT,
  /** Bahdanau's additive score v . tanh(Wq q + Wk k). */
  ADDITIVE;

  public String label() {
    return name().toLowerCase();
  }
}
