package org.examlab.experiments.seq2seq;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How the decoder reads the encoder: the variants of the experiment, named by where the attention
 * sits (Luong: after the decoder's recurrence; Bahdanau: inside it).
 */
public enum Attention {
  /** A fixed context vector: the encoder's last state, shown to the decoder at every step. */
  NONE,
  /**
   * Luong's placement, after the decoder LSTM: each decoder state h_t queries the encoder states
   * with the (scaled) "general" score (Wq h_t) . (Wk h_j), and the output layer reads [h_t; c_t].
   * The context never enters the recurrence.
   */
  LUONG_DOT,
  /**
   * Bahdanau's decoder: the previous decoder state s_{t-1} queries the encoder states with the
   * additive score v . tanh(Wq s_{t-1} + Wk h_j), and the context c_t enters the LSTM step with the
   * previous token; the output layer reads [s_t; c_t].
   */
  BAHDANAU;

  /** The config's and the measurements' name: none, luong-dot, bahdanau. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** For legends and titles (short: a heat map's title also holds its input and output). */
  public String displayName() {
    return switch (this) {
      case NONE -> "no attention";
      case LUONG_DOT -> "Luong (dot)";
      case BAHDANAU -> "Bahdanau";
    };
  }
}
