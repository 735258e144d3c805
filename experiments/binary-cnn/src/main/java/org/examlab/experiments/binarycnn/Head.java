package org.examlab.experiments.binarycnn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * What the network outputs for a number of {@code bits} digits, how its targets are encoded and how
 * its output is read back as a value (claim 000-9c compares them).
 */
public enum Head {
  /** One linear output, the value scaled to [0, 1], mean squared error; read by rounding. */
  REGRESSION("regression"),
  /**
   * One sigmoid per digit (most significant first), binary cross-entropy; read by thresholding at
   * 0.5.
   */
  BITS("bits"),
  /**
   * A softmax over all 2^bits values, categorical cross-entropy; read by the most probable class.
   */
  SOFTMAX("softmax");

  /**
   * The exam's size, 16 bits = 65,536 classes (claim 000-9c at the exam's setting); beyond it a
   * softmax over values is refused.
   */
  public static final int MAX_SOFTMAX_BITS = 16;

  private final String yamlName;

  Head(String yamlName) {
    this.yamlName = yamlName;
  }

  @JsonValue
  public String yamlName() {
    return yamlName;
  }

  @JsonCreator
  public static Head parse(String text) {
    return Arrays.stream(values())
        .filter(h -> h.yamlName.equalsIgnoreCase(text))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "head must be one of "
                        + Arrays.stream(values()).map(Head::yamlName).toList()
                        + ", got '"
                        + text
                        + "'"));
  }

  public int outputs(int bits) {
    return switch (this) {
      case REGRESSION -> 1;
      case BITS -> bits;
      case SOFTMAX -> 1 << bits;
    };
  }

  public OutputLayer outputLayer(int nIn, int bits) {
    OutputLayer.Builder layer =
        switch (this) {
          case REGRESSION ->
              new OutputLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY);
          case BITS -> new OutputLayer.Builder(LossFunction.XENT).activation(Activation.SIGMOID);
          // Sparse labels (the class index): one-hot targets for 16 bits would be 65,536 floats per
          // image.
          case SOFTMAX ->
              new OutputLayer.Builder(new LossSparseMCXENT()).activation(Activation.SOFTMAX);
        };
    return layer.nIn(nIn).nOut(outputs(bits)).build();
  }

  /** How many target columns per example: the outputs, except the softmax's single class index. */
  int targetColumns(int bits) {
    return this == SOFTMAX ? 1 : outputs(bits);
  }

  /**
   * The training targets for {@code values}: [n, targetColumns(bits)] (the softmax's as class
   * indices).
   */
  public INDArray targets(long[] values, int bits) {
    float[][] targets = new float[values.length][targetColumns(bits)];
    double max = (1L << bits) - 1;
    for (int i = 0; i < values.length; i++) {
      switch (this) {
        case REGRESSION -> targets[i][0] = (float) (values[i] / max);
        case BITS -> {
          for (int b = 0; b < bits; b++) {
            targets[i][b] = (values[i] >> (bits - 1 - b)) & 1;
          }
        }
        case SOFTMAX -> targets[i][0] = values[i]; // exact in float: values < 2^24
      }
    }
    return Nd4j.create(targets).castTo(DataType.FLOAT);
  }

  /** The values the network's {@code output} [n, outputs(bits)] stands for. */
  public long[] decode(INDArray output, int bits) {
    long max = (1L << bits) - 1;
    int n = (int) output.size(0);
    long[] values = new long[n];
    switch (this) {
      case REGRESSION -> {
        for (int i = 0; i < n; i++) {
          values[i] = Math.max(0, Math.min(max, Math.round(output.getDouble(i, 0) * max)));
        }
      }
      case BITS -> {
        for (int i = 0; i < n; i++) {
          long v = 0;
          for (int b = 0; b < bits; b++) {
            v = v << 1 | (output.getDouble(i, b) > 0.5 ? 1 : 0);
          }
          values[i] = v;
        }
      }
      case SOFTMAX -> {
        INDArray argMax = output.argMax(1);
        for (int i = 0; i < n; i++) {
          values[i] = argMax.getLong(i);
        }
      }
    }
    return values;
  }
}
