package org.examlab.architecture;

import org.examlab.harness.validation.Require;

/** The network's input image, as Keras writes it: (height, width, channels). */
public record InputSize(int height, int width, int channels) {
  public InputSize {
    Require.inRange("height", height, 1, 100_000);
    Require.inRange("width", width, 1, 100_000);
    Require.inRange("channels", channels, 1, 100_000);
  }
}
