package org.examlab.benchmarks;

/** One engine's network, optimizer and batch, ready to take training steps. */
interface TrainingStep extends AutoCloseable {
  /** One forward pass, backward pass and Adam update on the batch. */
  void run();

  /** Threads the engine computes with. */
  int threads();

  /** The engine and its version, "PyTorch 2.7.1". */
  String engine();

  /** The native build that ran: "onednn-avx512", "libtorch cpu". */
  String nativeBuild();

  @Override
  default void close() {}
}
