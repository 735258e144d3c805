package org.examlab.harness.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.harness.backend.BackendSetup;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.settings.Backend;
import org.examlab.harness.settings.DiagnosticsSettings;
import org.examlab.harness.settings.TrainingSettings;
import org.examlab.harness.settings.UpdaterKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A training stopped after a checkpoint and taken up again by a new trainer (as a resumed process
 * would) ends with the weights, rows and result of the training that never stopped; with dropout
 * (ND4J's random generator), Adam (updater state and iteration count), reshuffled batches (the data
 * order) and validation stopping (a listener's state).
 */
class TrainingCheckpointTest {
  private static final int EPOCHS = 8;

  @BeforeAll
  static void startBackendLikeARun() throws Exception {
    BackendSetup.start(Backend.CPU);
  }

  @TempDir Path run;

  private static DataSet data(int n, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.rand(DataType.FLOAT, n, 2).subi(0.5);
    INDArray cls = x.getColumn(0).gt(0).castTo(DataType.FLOAT).reshape(-1, 1);
    return new DataSet(x, Nd4j.hstack(cls.rsub(1.0), cls));
  }

  private static MultiLayerNetwork network() {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(11)
                .updater(UpdaterKind.ADAM.create(0.02))
                .list()
                .layer(
                    new DenseLayer.Builder()
                        .nIn(2)
                        .nOut(16)
                        .activation(Activation.TANH)
                        .dropOut(0.7)
                        .build())
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(2)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
    net.init();
    return net;
  }

  /** Every epoch checkpointed; {@code minutes} 0: by epochs only. */
  private static Trainer trainer(MetricsRecorder metrics, Path runDir) {
    TrainingSettings settings =
        new TrainingSettings(EPOCHS, 16, 0.02, UpdaterKind.ADAM, null, null, null, null, 1, 0.0);
    Trainer trainer =
        new Trainer(metrics, settings, DiagnosticsSettings.OFF, ProgressReporter.silent());
    return runDir == null ? trainer : trainer.checkpointingTo(new TrainingCheckpoint.Store(runDir));
  }

  /**
   * A second training after the first, so the ordinals and the random state between trainings
   * matter.
   */
  private static List<TrainingResult> twoTrainings(
      Trainer trainer, List<MultiLayerNetwork> nets, DataSet data, TrainingListener extra) {
    ValidationStopping stopping =
        new ValidationStopping(net -> ((MultiLayerNetwork) net).score(data), 100);
    List<TrainingListener> first = extra == null ? List.of(stopping) : List.of(stopping, extra);
    TrainingResult a = trainer.fit("first", 3, nets.get(0), data, first);
    TrainingResult b =
        trainer.fit(
            "second",
            3,
            nets.get(1),
            data,
            List.of(new ValidationStopping(net -> ((MultiLayerNetwork) net).score(data), 100)));
    return List.of(a, b);
  }

  /**
   * A process killed after {@code epoch}: the exception ends the training before that epoch's
   * checkpoint.
   */
  private static TrainingListener killAfterEpoch(int epoch) {
    return TrainingListener.afterEachEpoch(
        t -> {
          if (t.epoch() == epoch) {
            throw new IllegalStateException("killed");
          }
        });
  }

  @Test
  void aTrainingResumedFromItsCheckpointEndsAsOneThatNeverStopped() throws Exception {
    DataSet data = data(120, 5);
    MetricsRecorder whole = MetricsRecorder.inMemory("r");
    List<MultiLayerNetwork> wholeNets = List.of(network(), network());
    List<TrainingResult> wholeResults = twoTrainings(trainer(whole, null), wholeNets, data, null);

    // The first run dies after epoch 4 of the first training: epochs 0-3 are checkpointed.
    MetricsRecorder killed = MetricsRecorder.inMemory("r");
    assertThrows(
        IllegalStateException.class,
        () ->
            twoTrainings(
                trainer(killed, run), List.of(network(), network()), data, killAfterEpoch(4)));
    assertTrue(Files.isRegularFile(run.resolve("checkpoints/training-00000.bin")));

    // A new process: new networks, a new trainer, the same folder.
    MetricsRecorder resumed = MetricsRecorder.inMemory("r");
    List<MultiLayerNetwork> resumedNets = List.of(network(), network());
    List<TrainingResult> resumedResults =
        twoTrainings(
            trainer(resumed, run), resumedNets, data, TrainingListener.afterEachEpoch(t -> {}));

    assertEquals(wholeNets.get(0).params(), resumedNets.get(0).params());
    assertEquals(wholeNets.get(1).params(), resumedNets.get(1).params());
    assertEquals(whole.rows(), resumed.rows());
    for (int i = 0; i < 2; i++) {
      assertEquals(wholeResults.get(i).iterations(), resumedResults.get(i).iterations());
      assertEquals(wholeResults.get(i).samples(), resumedResults.get(i).samples());
      assertEquals(wholeResults.get(i).finalLoss(), resumedResults.get(i).finalLoss());
      assertEquals(wholeResults.get(i).convergence(), resumedResults.get(i).convergence());
    }

    // Both finished now: a third process trains nothing and gets the same networks, rows and
    // results back.
    MetricsRecorder again = MetricsRecorder.inMemory("r");
    List<MultiLayerNetwork> againNets = List.of(network(), network());
    List<TrainingResult> againResults =
        twoTrainings(
            trainer(again, run),
            againNets,
            data,
            TrainingListener.afterEachEpoch(
                t -> {
                  throw new AssertionError("a finished training was trained again");
                }));
    assertEquals(wholeNets.get(1).params(), againNets.get(1).params());
    assertEquals(whole.rows(), again.rows());
    assertEquals(resumedResults, againResults);
  }

  @Test
  void aCheckpointOfAnotherTrainingIsRefused() {
    DataSet data = data(40, 5);
    trainer(MetricsRecorder.inMemory("r"), run).fit("first", 3, network(), data, List.of());
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () ->
                trainer(MetricsRecorder.inMemory("r"), run)
                    .fit("other", 3, network(), data, List.of()));
    assertTrue(refused.getMessage().contains("'first' seed 3"), refused.getMessage());
  }

  @Test
  void settingsValidateTheCheckpointChoices() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new TrainingSettings(1, 1, 0.1, null, null, null, null, null, -1, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new TrainingSettings(1, 1, 0.1, null, null, null, null, null, null, Double.NaN));
    TrainingSettings defaults = new TrainingSettings(1, 1, 0.1, null, null, null, null, null);
    assertEquals(TrainingSettings.DEFAULT_CHECKPOINT_MINUTES, defaults.checkpointMinutes());
    assertTrue(defaults.checkpointing());
    assertEquals(0, (int) defaults.withEpochs(3).withLearningRate(0.5).checkpoints());
  }
}
