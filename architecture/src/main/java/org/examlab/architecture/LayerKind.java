package org.examlab.architecture;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Set;

/**
 * The layer types a network description may use, each with the keys it accepts besides {@code
 * name}, {@code type} and {@code inputs}, and the Keras class name the summary prints.
 */
public enum LayerKind {
  CONV("Conv2D", Set.of("filters", "kernel", "stride", "padding", "mode", "activation", "bias")),
  DECONV(
      "Conv2DTranspose",
      Set.of("filters", "kernel", "stride", "padding", "mode", "activation", "bias")),
  MAXPOOL("MaxPooling2D", Set.of("kernel", "stride", "padding", "mode")),
  AVGPOOL("AveragePooling2D", Set.of("kernel", "stride", "padding", "mode")),
  GLOBALAVGPOOL("GlobalAveragePooling2D", Set.of()),
  UPSAMPLE("UpSampling2D", Set.of("size")),
  CONCAT("Concatenate", Set.of()),
  ADD("Add", Set.of()),
  DENSE("Dense", Set.of("units", "activation", "bias")),
  BATCHNORM("BatchNormalization", Set.of()),
  DROPOUT("Dropout", Set.of("rate")),
  ACTIVATION("Activation", Set.of("activation"));

  private final String kerasName;
  private final Set<String> keys;

  LayerKind(String kerasName, Set<String> keys) {
    this.kerasName = kerasName;
    this.keys = keys;
  }

  @JsonValue
  public String yamlName() {
    return name().toLowerCase();
  }

  public String kerasName() {
    return kerasName;
  }

  /** The optional keys this kind accepts (besides name, type, inputs). */
  public Set<String> keys() {
    return keys;
  }

  /** Merges several inputs (and needs at least two); every other kind reads exactly one. */
  public boolean merges() {
    return this == CONCAT || this == ADD;
  }

  /** Slides a kernel over the map: the kinds whose output size follows the convolution formula. */
  public boolean windowed() {
    return this == CONV || this == MAXPOOL || this == AVGPOOL;
  }
}
