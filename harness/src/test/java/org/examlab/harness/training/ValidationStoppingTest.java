package org.examlab.harness.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.harness.backend.BackendSetup;
import org.examlab.harness.metrics.Classification;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.settings.Backend;
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

class ValidationStoppingTest {
  @BeforeAll
  static void startBackendLikeARun() throws Exception {
    // Loads the native build a run would: ND4J started by a bare Nd4j call picks another one,
    // and the first start wins for the whole test JVM.
    BackendSetup.start(Backend.CPU);
  }

  private final MetricsRecorder metrics = MetricsRecorder.inMemory("test");

  private static DataSet data(int n, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.rand(DataType.FLOAT, n, 6).subi(0.5);
    INDArray cls = x.getColumn(0).gt(0).castTo(DataType.FLOAT).reshape(-1, 1);
    return new DataSet(x, Nd4j.hstack(cls.rsub(1.0), cls));
  }

  private static MultiLayerNetwork network() {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(1)
                .updater(UpdaterKind.ADAM.create(0.01))
                .list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(16).activation(Activation.RELU).build())
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(2)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
    net.init();
    return net;
  }

  /** The epoch hooks as the trainer calls them, with the weights as the test sets them. */
  private static void epoch(Training training, ValidationStopping stopping, int epoch) {
    training.startEpoch(epoch);
    training.finishEpoch(0.5);
    stopping.onEpoch(training);
  }

  @Test
  void stopsAfterPatienceAndRestoresTheBestWeights() {
    MultiLayerNetwork net = network();
    DataSet holdOut = data(50, 9);
    ValidationStopping stopping =
        new ValidationStopping(model -> Classification.crossEntropy(model, holdOut), 2);
    Training training = new Training("early", 1, net, null, metrics);
    stopping.onTrainingBegin(training);
    epoch(training, stopping, 0);
    assertNull(training.stopRequested());
    var best = net.params().dup();
    double bestLoss = Classification.crossEntropy(net, holdOut);
    net.setParams(net.params().mul(50)); // a much worse model
    epoch(training, stopping, 1);
    assertNull(training.stopRequested(), "one epoch without improvement is within patience 2");
    epoch(training, stopping, 2);
    assertNotNull(training.stopRequested(), "two epochs without improvement stop");
    assertTrue(training.stopRequested().converged());
    stopping.onTrainingEnd(training);
    assertEquals(best, net.params());
    assertEquals(bestLoss, Classification.crossEntropy(net, holdOut), 1e-6);
    assertEquals(0, stopping.bestEpoch());
    assertEquals(3, metrics.curve("early", TrainingMetrics.VALIDATION_LOSS, 1).length);
  }

  @Test
  void inTheTrainerItEndsTheTrainingConvergedWithTheBestEpochsWeights() {
    DataSet train = data(40, 3);
    DataSet holdOut = data(200, 4); // a different sample: the small training set is soon overfitted
    MultiLayerNetwork net = network();
    ValidationStopping stopping =
        new ValidationStopping(model -> Classification.crossEntropy(model, holdOut), 3);
    Trainer trainer =
        new Trainer(
            metrics,
            new TrainingSettings(300, 8, 0.01, UpdaterKind.ADAM, null, null, null, null),
            DiagnosticsSettings.OFF,
            ProgressReporter.silent());
    TrainingResult result = trainer.fit("early", 2, net, train, List.of(stopping));
    assertEquals(Classification.crossEntropy(net, holdOut), stopping.bestLoss(), 1e-6);
    if (result.epochs() < 300) {
      assertEquals(stopping.bestEpoch() + 3 + 1, result.epochs());
      assertTrue(result.converged());
      assertTrue(
          result.convergence().startsWith("converged: validation loss has not improved"),
          result.convergence());
    }
  }
}
