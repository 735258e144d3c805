package org.examlab.harness.toy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Measurement;
import org.examlab.harness.metrics.Measurements;
import org.examlab.harness.plots.Charts;
import org.examlab.harness.settings.RunSettings;
import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A tiny experiment for the harness's own tests: an MLP learns which half of the plane a point is
 * in; it measures the final training loss and accuracy. Exercises the whole run path without
 * depending on any real experiment module.
 */
public final class ToyExperiment implements Experiment<ToyExperiment.Settings> {
  static final Measurement ACCURACY = Measurement.of("toy", "accuracy");
  static final Measurement FINAL_LOSS = Measurement.of("toy", "final_loss");
  static final Measurement CHANCE = Measurement.of("toy", "chance");

  /** Declared but never recorded (settings toy.declareUnmeasured): the run must fail. */
  static final Measurement NEVER_RECORDED = Measurement.of("toy", "never_recorded");

  /** The ways {@link Toy#breakFolder()} can break a run folder. */
  public static final List<String> FOLDER_FAULTS =
      List.of("disk-full", "removed", "read-only", "plots-file");

  /**
   * @param toy the toy's own settings group
   */
  public record Settings(Toy toy) {
    public Settings {
      Require.present("toy", toy);
    }
  }

  /**
   * @param examples training points
   * @param hidden units in the hidden layer
   * @param failAfterTraining throw after the first training, to test the failure path
   * @param declareUnmeasured declare a measurement the run never records, to test that the run
   *     fails
   * @param breakFolder break the run folder after the first training, to test the I/O fault path:
   *     "disk-full" (the seed's figure goes to /dev/full), "removed" (the folder is deleted),
   *     "read-only", or "plots-file" (a file where plots/ was)
   */
  public record Toy(
      int examples,
      int hidden,
      Boolean failAfterTraining,
      Boolean declareUnmeasured,
      String breakFolder) {
    public Toy {
      failAfterTraining = failAfterTraining != null && failAfterTraining;
      declareUnmeasured = declareUnmeasured != null && declareUnmeasured;
      if (breakFolder != null && !FOLDER_FAULTS.contains(breakFolder)) {
        throw new InvalidSettingException("breakFolder", "must be one of " + FOLDER_FAULTS);
      }
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
  public Measurements measurements(Settings settings, RunSettings run) {
    Measurements declared = new Measurements().addAll(List.of(ACCURACY, FINAL_LOSS, CHANCE));
    if (settings.toy().declareUnmeasured()) {
      declared.add(NEVER_RECORDED);
    }
    return declared;
  }

  @Override
  public void run(Settings settings, RunContext context) throws IOException {
    for (long seed : context.seeds()) {
      Nd4j.getRandom().setSeed(seed);
      INDArray x = Nd4j.rand(DataType.FLOAT, settings.toy().examples(), 2).subi(0.5);
      INDArray cls = x.getColumn(0).gt(0).castTo(DataType.FLOAT).reshape(-1, 1);
      DataSet data = new DataSet(x, Nd4j.hstack(cls.rsub(1.0), cls));
      MultiLayerNetwork net =
          new MultiLayerNetwork(
              new NeuralNetConfiguration.Builder()
                  .seed(seed)
                  .updater(context.training().newUpdater())
                  .list()
                  .layer(
                      new DenseLayer.Builder()
                          .nIn(2)
                          .nOut(settings.toy().hidden())
                          .activation(Activation.TANH)
                          .build())
                  .layer(
                      new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                          .nOut(2)
                          .activation(Activation.SOFTMAX)
                          .build())
                  .build());
      net.init();
      var result = context.trainer().fit("toy", seed, net, data, List.of());
      double accuracy =
          net.output(x)
              .argMax(1)
              .eq(cls.reshape(-1).castTo(DataType.LONG))
              .castTo(DataType.DOUBLE)
              .meanNumber()
              .doubleValue();
      context.metrics().measure(seed, ACCURACY, accuracy);
      context.metrics().measure(seed, FINAL_LOSS, result.finalLoss());
      context.metrics().measure(seed, CHANCE, 0.5);
      if (settings.toy().failAfterTraining()) {
        throw new IllegalStateException("toy failure requested by the config");
      }
      Path figure = context.plotsDir().resolve("toy_seed" + seed + ".png");
      if (settings.toy().breakFolder() != null && seed == context.seeds().get(0)) {
        breakFolder(settings.toy().breakFolder(), context.plotsDir().getParent(), figure);
      }
      Charts.saveImage(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), figure);
    }
  }

  /**
   * Breaks {@code folder} the way a user or a full disk could, before {@code figure} is written.
   */
  private static void breakFolder(String how, Path folder, Path figure) throws IOException {
    switch (how) {
      case "disk-full" ->
          Files.createSymbolicLink(
              figure.resolveSibling(figure.getFileName() + ".tmp"), Path.of("/dev/full"));
      case "removed" -> {
        try (Stream<Path> files = Files.walk(folder)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      case "read-only" -> {
        Files.setPosixFilePermissions(
            folder.resolve("plots"), PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (runsAsRoot()) { // root writes through permissions: the immutable attribute stops it too
          immutable(true, folder.resolve("plots"), folder);
        }
      }
      case "plots-file" -> {
        Files.delete(folder.resolve("plots"));
        Files.writeString(folder.resolve("plots"), "not a folder\n");
      }
      default -> throw new IllegalArgumentException(how);
    }
  }

  public static boolean runsAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /**
   * Sets ({@code on}) or clears the immutable attribute of {@code paths} with chattr (root only; a
   * container without CAP_LINUX_IMMUTABLE refuses it); true if chattr did it.
   */
  public static boolean immutable(boolean on, Path... paths) {
    List<String> command = new java.util.ArrayList<>(List.of("chattr", on ? "+i" : "-i"));
    for (Path p : paths) {
      command.add(p.toString());
    }
    try {
      return new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start()
              .waitFor()
          == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
