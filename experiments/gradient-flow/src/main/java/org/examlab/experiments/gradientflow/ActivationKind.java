package org.examlab.experiments.gradientflow;

import com.fasterxml.jackson.annotation.JsonValue;
import org.nd4j.linalg.activations.Activation;

/** The activations compared, as configs name them. */
public enum ActivationKind {
  SIGMOID(Activation.SIGMOID),
  TANH(Activation.TANH),
  RELU(Activation.RELU),
  LEAKYRELU(Activation.LEAKYRELU),
  IDENTITY(Activation.IDENTITY);

  private final Activation dl4j;

  ActivationKind(Activation dl4j) {
    this.dl4j = dl4j;
  }

  Activation dl4j() {
    return dl4j;
  }

  @JsonValue
  public String yamlName() {
    return name().toLowerCase();
  }
}
