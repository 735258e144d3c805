package org.examlab.experiments.gradientflow;

import com.fasterxml.jackson.annotation.JsonValue;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;

/**
 * The weight initializations compared (all layers the same width n, so one fan-in): {@code small}
 * N(0, 0.02^2), {@code large} N(0, 1), {@code xavier} (Glorot, variance 2/(n_in+n_out)), {@code he}
 * (variance 2/n_in), and {@code uniform}: U(-a, a) with the bound a = sqrt(3/n) that keeps
 * Var(output) = Var(input) through a linear layer (claim 003-8f, {@link UniformBound}).
 */
public enum InitKind {
  SMALL,
  LARGE,
  XAVIER,
  HE,
  UNIFORM;

  IWeightInit create(int fanIn) {
    return switch (this) {
      case SMALL -> new WeightInitDistribution(new NormalDistribution(0, 0.02));
      case LARGE -> new WeightInitDistribution(new NormalDistribution(0, 1));
      case XAVIER -> WeightInit.XAVIER.getWeightInitFunction();
      case HE -> WeightInit.RELU.getWeightInitFunction();
      case UNIFORM -> {
        double a = UniformBound.varianceKeepingBound(fanIn);
        yield new WeightInitDistribution(new UniformDistribution(-a, a));
      }
    };
  }

  @JsonValue
  public String yamlName() {
    return name().toLowerCase();
  }
}
