package org.examlab.harness.toy;

import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.harness.config.RunSettings;
import org.examlab.harness.config.Require;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A tiny experiment for the harness's own tests: an MLP learns which half of the plane a point
 * is in; it measures the final training loss and accuracy. Exercises the whole run path
 * without depending on any real experiment module.
 */
public final class ToyExperiment implements Experiment<ToyExperiment.Settings> {

  /** @param toy the toy's own settings group */
  public record Settings(Toy toy) {
    public Settings {
      Require.present("toy", toy);
    }
  }

  /**
   * @param examples training points
   * @param hidden units in the hidden layer
   * @param failAfterTraining throw after the first training, to test the failure path
   * @param declareUnmeasured declare a measurement the run never records, to test that the run fails
   */
  public record Toy(int examples, int hidden, Boolean failAfterTraining, Boolean declareUnmeasured) {
    public Toy {
      failAfterTraining = failAfterTraining != null && failAfterTraining;
      declareUnmeasured = declareUnmeasured != null && declareUnmeasured;
      Require.inRange("examples", examples, 4, 100_000);
      Require.inRange("hidden", hidden, 1, 1000);
    }
  }

  @Override
  public String name() {
    return "toy";
  }

  @Override
  public String summary() {
    return "an MLP on a two-class toy problem (for the harness's tests)";
  }

  @Override
  public Class<Settings> settingsType() {
    return Settings.class;
  }

  @Override
  public List<String> claimIds() {
    return List.of("toy-1");
  }

  @Override
  public Set<String> measurementNames(Settings settings, RunSettings run) {
    return settings.toy().declareUnmeasured() ? Set.of("toy.accuracy", "toy.final_loss", "toy.chance", "toy.never_recorded")
        : Set.of("toy.accuracy", "toy.final_loss", "toy.chance");
  }

  @Override
  public void run(Settings settings, RunContext context) {
    for (long seed : context.seeds()) {
      Nd4j.getRandom().setSeed(seed);
      INDArray x = Nd4j.rand(DataType.FLOAT, settings.toy().examples(), 2).subi(0.5);
      INDArray cls = x.getColumn(0).gt(0).castTo(DataType.FLOAT).reshape(-1, 1);
      DataSet data = new DataSet(x, Nd4j.hstack(cls.rsub(1.0), cls));
      MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
          .seed(seed)
          .updater(context.training().newUpdater())
          .list()
          .layer(new DenseLayer.Builder().nIn(2).nOut(settings.toy().hidden()).activation(Activation.TANH).build())
          .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
          .build());
      net.init();
      var result = context.trainer().fit("toy", seed, net, data, List.of());
      double accuracy = net.output(x).argMax(1).eq(cls.reshape(-1).castTo(DataType.LONG)).castTo(DataType.DOUBLE).meanNumber().doubleValue();
      context.metrics().measure(seed, "toy.accuracy", accuracy);
      context.metrics().measure(seed, "toy.final_loss", result.finalLoss());
      context.metrics().measure(seed, "toy.chance", 0.5);
      if (settings.toy().failAfterTraining()) {
        throw new IllegalStateException("toy failure requested by the config");
      }
    }
  }
}
