package org.examlab.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RNN;
import java.util.List;

/**
 * The experiments' networks rebuilt layer for layer in DJL, for the PyTorch engine. Each mirrors
 * the DL4J builder named in {@link BenchmarkModel#builtBy()}: same layers, sizes and activations;
 * the softmax sits in the loss on both sides.
 */
final class PyTorchNetworks {
  private PyTorchNetworks() {}

  static Block block(BenchmarkModel model) {
    if (model == BenchmarkModel.LENET) {
      return new SequentialBlock()
          .add(conv(20, 5, 0)).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
          .add(conv(50, 5, 0)).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
          .add(Blocks.batchFlattenBlock())
          .add(Linear.builder().setUnits(500).build()).add(Activation.reluBlock())
          .add(Linear.builder().setUnits(10).build());
    }
    if (model == BenchmarkModel.UNET_QUICK) {
      return unet(new int[] {16, 32, 64, 32, 16}, 3); // ExamUNet(0.125, ...).filters()
    }
    if (model == BenchmarkModel.UNET_EXAM) {
      return unet(new int[] {128, 256, 512, 256, 128}, 3);
    }
    if (model == BenchmarkModel.LSTM) {
      return new SequentialBlock()
          .add(LSTM.builder().setStateSize(32).setNumLayers(1).optBatchFirst(true).optReturnState(false).build())
          .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().get(":, -1, :")))) // last time step
          .add(Linear.builder().setUnits(4).build());
    }
    if (model == BenchmarkModel.RNN) {
      return new SequentialBlock()
          .add(RNN.builder().setStateSize(32).setNumLayers(1).setActivation(RNN.Activation.TANH).optBatchFirst(true).optReturnState(false).build())
          .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().get(":, -1, :"))))
          .add(Linear.builder().setUnits(4).build());
    }
    if (model == BenchmarkModel.MLP) {
      return new SequentialBlock()
          .add(Linear.builder().setUnits(256).build()).add(Activation.reluBlock())
          .add(Linear.builder().setUnits(256).build()).add(Activation.reluBlock())
          .add(Linear.builder().setUnits(2).build());
    }
    throw new IllegalArgumentException("no PyTorch network for " + model.name());
  }

  /** DL4J's recurrent layout is [batch, channels, time]; PyTorch's batch-first LSTM takes [batch, time, channels]. */
  static NDArray layout(BenchmarkModel model, NDArray features) {
    return model == BenchmarkModel.LSTM || model == BenchmarkModel.RNN ? features.transpose(0, 2, 1).duplicate() : features;
  }

  /**
   * ExamUNet's graph: conv_d1, pool, conv_d2, pool, conv_d3, up, concat with conv_d2, conv_u1, up,
   * concat with conv_d1, conv_u2, the class-score convolution. Each skip connection is a
   * ParallelBlock whose first branch goes down and back up and whose second is the identity,
   * concatenated on the channel axis in ExamUNet's order (up-sampled first).
   */
  static Block unet(int[] f, int classes) {
    Block bottom = new SequentialBlock()
        .add(maxPool()).add(conv(f[2], 3, 1)).add(Activation.reluBlock()).add(upsample());
    Block middle = new SequentialBlock()
        .add(maxPool()).add(conv(f[1], 3, 1)).add(Activation.reluBlock())
        .add(skip(bottom))
        .add(conv(f[3], 3, 1)).add(Activation.reluBlock()).add(upsample());
    return new SequentialBlock()
        .add(conv(f[0], 3, 1)).add(Activation.reluBlock())
        .add(skip(middle))
        .add(conv(f[4], 3, 1)).add(Activation.reluBlock())
        .add(conv(classes, 3, 1));
  }

  private static Block skip(Block inner) {
    return new ParallelBlock(
        branches -> new NDList(NDArrays.concat(new NDList(branches.get(0).singletonOrThrow(), branches.get(1).singletonOrThrow()), 1)),
        List.of(inner, Blocks.identityBlock()));
  }

  private static Block conv(int filters, int kernel, int padding) {
    return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).setFilters(filters)
        .optPadding(new Shape(padding, padding)).build();
  }

  private static Block maxPool() {
    return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
  }

  /** Nearest-neighbour 2x up-sampling, as DL4J's Upsampling2D(2): each pixel repeated along rows and columns. */
  private static Block upsample() {
    return new LambdaBlock(x -> new NDList(x.singletonOrThrow().repeat(2, 2).repeat(3, 2)));
  }
}
