package org.examlab.experiments.seq2seq;

/** How the decoder reads the encoder: the three variants of the experiment. */
public enum Attention {
  /** A fixed context vector: the encoder's last state, shown to the decoder at every step. */
  NONE,
  /** Luong's (scaled) dot-product score between the decoder state and each encoder state. */
  DOT,
  /** Bahdanau's additive score v . tanh(Wq q + Wk k). */
  ADDITIVE;

  /** The config's and the measurements' name: none, dot, additive. */
  public String label() {
    return name().toLowerCase();
  }

  /** For legends and titles. */
  public String displayName() {
    return this == NONE ? "no attention" : label() + " attention";
  }
}
