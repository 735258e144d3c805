package org.examlab.harness.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.harness.backend.BackendSetup;
import org.examlab.harness.diagnostics.UpdateNormListener;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.settings.Backend;
import org.examlab.harness.settings.ConvergenceSettings;
import org.examlab.harness.settings.DiagnosticsSettings;
import org.examlab.harness.settings.TrainingSettings;
import org.examlab.harness.settings.UpdaterKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class TrainerTest {
  @BeforeAll
  static void startBackendLikeARun() throws Exception {
    // Loads the native build a run would: ND4J started by a bare Nd4j call picks another one,
    // and the first start wins for the whole test JVM.
    BackendSetup.start(Backend.CPU);
  }

  private final MetricsRecorder metrics = MetricsRecorder.inMemory("test");

  /** Two classes split by the sign of the first feature: learned within a few epochs. */
  private static DataSet data(int n, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.rand(DataType.FLOAT, n, 2).subi(0.5);
    INDArray cls = x.getColumn(0).gt(0).castTo(DataType.FLOAT).reshape(-1, 1);
    return new DataSet(x, Nd4j.hstack(cls.rsub(1.0), cls));
  }

  static MultiLayerNetwork network(long seed, double learningRate) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(UpdaterKind.ADAM.create(learningRate))
                .list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(8).activation(Activation.TANH).build())
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(2)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
    net.init();
    return net;
  }

  private Trainer trainer(int epochs, double targetLoss) {
    return new Trainer(
        metrics,
        new TrainingSettings(epochs, 16, 0.05, UpdaterKind.ADAM, null, null, targetLoss, null),
        DiagnosticsSettings.OFF,
        ProgressReporter.silent());
  }

  @Test
  void anInMemoryDataSetTrainsExactlyAsTheLoopBeforeTheListenersDid() {
    DataSet data = data(100, 3);
    MultiLayerNetwork viaTrainer = network(7, 0.05);
    TrainingResult result = trainer(4, 0).fit("toy", 7, viaTrainer, data, List.of());

    // The loop as it was written before the refactor: one copy, reshuffled every epoch with seed *
    // 1_000_003 + epoch.
    MultiLayerNetwork byHand = network(7, 0.05);
    DataSet shuffled = data.copy();
    for (int epoch = 0; epoch < 4; epoch++) {
      shuffled.shuffle(7 * 1_000_003L + epoch);
      for (DataSet batch : shuffled.batchBy(16)) {
        byHand.fit(batch);
      }
      byHand.incrementEpochCount();
    }
    assertEquals(byHand.params(), viaTrainer.params());
    assertEquals(4, result.epochs());
    assertEquals(4 * 7, result.iterations());
    assertEquals(400, result.samples());
    assertEquals(4, metrics.curve("toy", TrainingMetrics.EPOCH_LOSS, 7).length);
    assertEquals(28, metrics.curve("toy", TrainingMetrics.LOSS, 7).length);
  }

  @Test
  void aSavedModelLoadsBackWithModelSerializerAndGivesTheSameOutput(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    MultiLayerNetwork trained = network(5, 0.05);
    trainer(3, 0).savingModelsTo(tmp).fit("toy/arm", 5, trained, data(64, 5), List.of());
    java.nio.file.Path file = tmp.resolve(ModelArtifacts.fileName("toy/arm", 5));
    assertEquals("toy_arm-seed5.zip", file.getFileName().toString());

    MultiLayerNetwork loaded =
        org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(file.toFile());
    INDArray input = data(8, 99).getFeatures();
    assertEquals(trained.output(input), loaded.output(input));
    // The saved network is the trained one, not its initialisation.
    assertFalse(network(5, 0.05).output(input).equals(loaded.output(input)));
  }

  @Test
  void theTargetLossStopsTrainingAndCountsAsConverged() {
    TrainingResult result =
        trainer(200, 0.2).fit("toy", 1, network(1, 0.05), data(200, 1), List.of());
    assertTrue(result.epochs() < 200, "stopped after " + result.epochs() + " epochs");
    assertTrue(TrainingMetrics.lastEpochLoss(metrics, "toy", 1) < 0.2);
    assertTrue(result.converged());
    assertTrue(result.convergence().startsWith("converged: epoch loss"), result.convergence());
  }

  @Test
  void tooFewEpochsToJudgeAreNotConverged() {
    TrainingResult result = trainer(3, 0).fit("toy", 1, network(1, 0.05), data(64, 1), List.of());
    assertFalse(result.converged());
    assertTrue(result.convergence().contains("too few to judge"), result.convergence());
  }

  @Test
  void aDivergenceDeclaredAsMeasuredStopsButIsNotUnexpected() {
    DataSet data = data(64, 2);
    data.getFeatures()
        .putScalar(0, 0, Double.NaN); // a non-finite loss at the first batch that holds it
    Trainer trainer = trainer(5, 0);
    TrainingResult measured =
        trainer.fit(
            "exploding",
            2,
            network(2, 0.05),
            data,
            List.of(TrainingListener.divergenceIsMeasured()));
    assertTrue(measured.diverged());
    assertFalse(measured.divergedUnexpectedly());
    assertFalse(measured.converged());
    assertTrue(measured.iterations() <= 4, "stopped in the first epoch");
    TrainingResult unexpected = trainer.fit("plain", 2, network(2, 0.05), data, List.of());
    assertTrue(unexpected.divergedUnexpectedly());
    assertEquals(2, trainer.results().size());
  }

  @Test
  void networkListenersAreAttachedForOneTrainingOnly() {
    MultiLayerNetwork net = network(4, 0.05);
    UpdateNormListener updates = new UpdateNormListener();
    trainer(2, 0).fit("updates", 4, net, data(32, 4), List.of(updates));
    assertTrue(updates.maxUpdateNorm() > 0);
    assertEquals(4, metrics.curve("updates", TrainingMetrics.UPDATE_NORM, 4).length);
    assertTrue(
        net.getListeners() == null || net.getListeners().isEmpty(), "detached after the training");
  }

  @Test
  void aDerivedTrainerHasItsOwnBudgetAndSharesTheResults() {
    Trainer run = trainer(10, 0);
    Trainer few = run.with(run.settings().withEpochs(2).withBatchSize(64));
    TrainingResult result = few.fit("few", 1, network(1, 0.05), data(64, 1), List.of());
    assertEquals(2, result.epochs());
    assertEquals(2, result.iterations());
    assertEquals(List.of(result), run.results());
  }

  @Test
  void theConvergenceRuleComesFromTheSettings() {
    Trainer lenient =
        new Trainer(
            metrics,
            new TrainingSettings(
                6,
                16,
                0.05,
                UpdaterKind.ADAM,
                null,
                null,
                null,
                new ConvergenceSettings(2, 1.0, null)),
            DiagnosticsSettings.OFF,
            ProgressReporter.silent());
    TrainingResult result = lenient.fit("toy", 1, network(1, 0.05), data(64, 1), List.of());
    assertTrue(
        result.converged(),
        result.convergence()); // a falling loss: the last window adds less than 100% of the fall
  }

  @Test
  void aConvergenceStopEndsTheTrainingAtTheFirstConvergedEpoch() {
    ConvergenceSettings lenient =
        new ConvergenceSettings(
            2, 1.0, true); // converged as soon as two windows exist and the loss still falls
    Trainer stopping =
        new Trainer(
            metrics,
            new TrainingSettings(50, 16, 0.05, UpdaterKind.ADAM, null, null, null, lenient),
            DiagnosticsSettings.OFF,
            ProgressReporter.silent());
    TrainingResult stopped = stopping.fit("toy", 1, network(1, 0.05), data(64, 1), List.of());
    assertEquals(4, stopped.epochs(), "the rule can first judge after 2 windows of 2 epochs");
    assertTrue(stopped.converged(), stopped.convergence());
    assertTrue(stopped.convergence().contains("stopped after epoch 4"), stopped.convergence());

    Trainer whole =
        new Trainer(
            metrics,
            new TrainingSettings(
                8,
                16,
                0.05,
                UpdaterKind.ADAM,
                null,
                null,
                null,
                new ConvergenceSettings(2, 1.0, null)),
            DiagnosticsSettings.OFF,
            ProgressReporter.silent());
    assertEquals(
        8,
        whole.fit("toy", 1, network(1, 0.05), data(64, 1), List.of()).epochs(),
        "without stop: the whole budget");
  }
}
