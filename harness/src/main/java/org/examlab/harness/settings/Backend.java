package org.examlab.harness.settings;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where ND4J computes. CPU is the default and all CI needs. */
public enum Backend {
  CPU,
  CUDA;

  @JsonValue
  public String yamlName() {
    return name().toLowerCase();
  }
}
