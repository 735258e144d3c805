package org.examlab.architecture;

import java.util.List;

/**
 * One row of a summary: what the layer outputs, how many parameters it has and why (the formula),
 * how much compute it costs, and how much of the input one of its outputs sees.
 *
 * @param formula how the parameter count comes about, e.g. "3*3*3*128 + 128"; empty if none
 * @param nonTrainable parameters not learnt by gradient descent (batch norm's moving mean and
 *     variance)
 * @param multiplyAdds multiply-accumulate operations per example (convolutions and dense layers)
 */
public record LayerSummary(
    LayerSpec layer,
    List<String> inputs,
    Activations output,
    String formula,
    long trainable,
    long nonTrainable,
    long multiplyAdds,
    ReceptiveField field) {

  public long parameters() {
    return trainable + nonTrainable;
  }
}
