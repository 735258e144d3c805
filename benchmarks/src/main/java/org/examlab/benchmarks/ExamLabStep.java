package org.examlab.benchmarks;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.experiments.regularization.MlpClassifier;
import org.examlab.experiments.rnngradients.RecurrentClassifier;
import org.examlab.experiments.unet.ExamUNet;
import org.examlab.harness.backend.BackendInfo;
import org.examlab.harness.backend.CnnBenchmark;
import org.examlab.harness.backend.ThreadPolicy;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The Exam Lab side: the experiment's own builder, trained the way {@code Trainer} trains it
 * ({@code fit(DataSet)} per batch) with the thread count {@link ThreadPolicy} gives it.
 */
final class ExamLabStep implements TrainingStep {
  private final Model network;
  private final DataSet batch;
  private final int threads;
  private final String nativeBuild;

  ExamLabStep(BenchmarkModel model, long seed, BackendInfo backend) {
    Adam adam = new Adam(model.learningRate());
    if (model == BenchmarkModel.LENET) {
      network = CnnBenchmark.lenet(seed); // its own Adam(1e-3)
    } else if (model == BenchmarkModel.UNET_QUICK) {
      network = new ExamUNet(0.125, 32, 64, 3).build(seed, adam);
    } else if (model == BenchmarkModel.UNET_EXAM) {
      network = ExamUNet.EXAM.build(seed, adam);
    } else if (model == BenchmarkModel.LSTM) {
      network = RecurrentClassifier.lstm(8, 32, 1.0, 4, seed, adam);
    } else if (model == BenchmarkModel.RNN) {
      network = RecurrentClassifier.rnn(8, 32, 4, seed, adam);
    } else if (model == BenchmarkModel.MLP) {
      network = MlpClassifier.build(20, 2, 256, seed, adam, 0, 1);
    } else {
      throw new IllegalArgumentException("no Exam Lab network for " + model.name());
    }
    RandomBatch data = RandomBatch.of(model, seed);
    batch = new DataSet(Nd4j.create(data.features(), model.inputShape()), Nd4j.create(data.labels(), model.labelShape()));
    threads = ThreadPolicy.applyTo(network);
    nativeBuild = backend.nativeBuild();
  }

  @Override
  public void run() {
    if (network instanceof ComputationGraph graph) {
      graph.fit(batch);
    } else {
      ((MultiLayerNetwork) network).fit(batch);
    }
  }

  @Override
  public int threads() {
    return threads;
  }

  @Override
  public String engine() {
    return "DL4J 1.0.0-M2.1";
  }

  @Override
  public String nativeBuild() {
    return nativeBuild;
  }
}
