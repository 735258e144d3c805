package org.examlab.benchmarks;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * The PyTorch side, through DJL: the same layers ({@link PyTorchNetworks}), batch, loss (softmax
 * cross-entropy, per pixel for the segmenters) and optimizer (Adam at the experiment's rate).
 * A step is DJL's own training step (as in {@code EasyTrain.trainBatch}): forward and loss under
 * a gradient collector, backward, {@code trainer.step()}.
 */
final class PyTorchStep implements TrainingStep {
  private final Model model;
  private final Trainer trainer;
  private final Loss loss;
  private final NDArray features;
  private final NDArray labels;

  PyTorchStep(BenchmarkModel benchmark, long seed) {
    Engine.getEngine("PyTorch").setRandomSeed((int) seed);
    model = Model.newInstance(benchmark.name(), "PyTorch");
    model.setBlock(PyTorchNetworks.block(benchmark));
    loss = new SoftmaxCrossEntropyLoss("loss", 1, 1, false, true); // one-hot labels, class axis 1, logits in
    trainer = model.newTrainer(new DefaultTrainingConfig(loss)
        .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) benchmark.learningRate())).build()));
    NDManager manager = model.getNDManager();
    RandomBatch data = RandomBatch.of(benchmark, seed);
    features = PyTorchNetworks.layout(benchmark, manager.create(data.features(), new Shape(benchmark.inputShape())));
    labels = manager.create(data.labels(), new Shape(benchmark.labelShape()));
    trainer.initialize(features.getShape());
  }

  @Override
  public void run() {
    // Everything a step creates goes to a sub-manager closed at its end; the batch returns to
    // the model's manager (tempAttach), as DJL's Batch does for a dataset's arrays.
    try (NDManager step = trainer.getManager().newSubManager()) {
      features.tempAttach(step);
      labels.tempAttach(step);
      try (GradientCollector collector = trainer.newGradientCollector()) {
        NDList predictions = trainer.forward(new NDList(features));
        collector.backward(loss.evaluate(new NDList(labels), predictions));
      }
      trainer.step();
    }
  }

  @Override
  public int threads() {
    return JniUtils.getNumThreads();
  }

  @Override
  public String engine() {
    return "PyTorch " + Engine.getEngine("PyTorch").getVersion() + " (DJL " + Engine.getDjlVersion() + ")";
  }

  @Override
  public String nativeBuild() {
    return "libtorch cpu (ai.djl.pytorch:pytorch-native-cpu linux-x86_64)";
  }

  @Override
  public void close() {
    trainer.close();
    model.close();
  }
}
