package org.examlab.benchmarks;

import java.util.Arrays;

/**
 * The experiments' networks timed side by side, each at the size its experiment trains it
 * (batch, input, width) with that experiment's learning rate, Adam and loss. The inputs are
 * random: only the speed is measured, and both engines get the same numbers.
 *
 * @param name the row's name on the command line and in docs/benchmarks.md
 * @param builtBy where the Exam Lab side's network comes from
 * @param inputShape one batch's feature shape in DL4J's layout
 * @param classes classes of the one-hot labels
 * @param perPixel labels per pixel (a segmenter) rather than per example
 * @param learningRate Adam's step, as in the experiment's quick config
 */
public record BenchmarkModel(String name, String description, String builtBy, long[] inputShape, int classes,
    boolean perPixel, double learningRate) {
  public static final BenchmarkModel LENET = new BenchmarkModel("lenet5", "LeNet-5, 1x28x28, batch 64",
      "harness CnnBenchmark.lenet", new long[] {64, 1, 28, 28}, 10, false, 1e-3);
  public static final BenchmarkModel UNET_QUICK = new BenchmarkModel("unet-quick",
      "U-Net quick config: width 1/8, 3x32x64, batch 16", "unet ExamUNet(0.125, 32, 64, 3)",
      new long[] {16, 3, 32, 64}, 3, true, 0.003);
  public static final BenchmarkModel UNET_EXAM = new BenchmarkModel("unet-exam",
      "exam U-Net: width 1, 3x128x256, batch 2 (the quick config's exam-size step)", "unet ExamUNet.EXAM",
      new long[] {2, 3, 128, 256}, 3, true, 1e-3);
  public static final BenchmarkModel LSTM = new BenchmarkModel("lstm",
      "LSTM 32 units, 40 steps of 8 one-hot channels, last step to 4 classes, batch 64 (rnn-gradients)",
      "rnn-gradients RecurrentClassifier.lstm", new long[] {64, 8, 40}, 4, false, 0.01);
  public static final BenchmarkModel RNN = new BenchmarkModel("rnn",
      "vanilla RNN (tanh) 32 units, 40 steps of 8 one-hot channels, last step to 4 classes, batch 64 (rnn-gradients)",
      "rnn-gradients RecurrentClassifier.rnn", new long[] {64, 8, 40}, 4, false, 0.01);
  public static final BenchmarkModel MLP = new BenchmarkModel("mlp",
      "MLP 20-256-256-2, batch 32 (regularization)", "regularization MlpClassifier.build",
      new long[] {32, 20}, 2, false, 0.003);

  public static final BenchmarkModel[] ALL = {LENET, UNET_QUICK, UNET_EXAM, LSTM, RNN, MLP};

  public int batch() {
    return (int) inputShape[0];
  }

  /** DL4J's label shape: [batch, classes] or [batch, classes, height, width]. */
  public long[] labelShape() {
    return perPixel
        ? new long[] {inputShape[0], classes, inputShape[2], inputShape[3]}
        : new long[] {inputShape[0], classes};
  }

  public static BenchmarkModel named(String name) {
    return Arrays.stream(ALL).filter(m -> m.name.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown model '" + name + "'; choose from "
            + Arrays.stream(ALL).map(BenchmarkModel::name).toList()));
  }
}
