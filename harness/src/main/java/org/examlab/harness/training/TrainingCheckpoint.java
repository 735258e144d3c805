package org.examlab.harness.training;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.run.RunDirectory;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where one training stood, saved so that a killed run can go on from there and end with the
 * numbers an uninterrupted run gets: the network (weights, updater state, DL4J's iteration and
 * epoch counters, which Adam's bias correction and epoch schedules read), the trainer's position
 * (the next epoch, iterations, samples, seconds, the epoch losses, a stop already requested), the
 * ND4J random generator (dropout draws from it), each listener's {@link
 * TrainingListener#checkpointState state}, and the rows the training recorded so far. The data
 * order needs no saving: a batch source's shuffle and augmentation generators (its own {@code
 * java.util.Random}s) are a function of its seed and the epochs drawn before, so the trainer draws
 * the finished epochs again without fitting them (see {@link Trainer}).
 *
 * <p>A checkpoint with a {@link #result} is a finished training: on resume the trainer does not
 * train it again but puts its final network, listeners and rows back and returns its result, so the
 * experiment's code after {@code fit} measures exactly what it measured the first time.
 *
 * <p>Saved with Java serialization through a temporary file and an atomic move ({@link
 * RunDirectory#writeAtomically}): a kill mid-write leaves the previous checkpoint.
 *
 * @param ordinal the training's place in the run: the run's n-th call to {@code fit}, from 0
 * @param nextEpoch the first epoch not yet trained
 * @param result the finished training's result, null while it is in progress
 */
public record TrainingCheckpoint(
    String task,
    long seed,
    int ordinal,
    int nextEpoch,
    long iterations,
    long samples,
    double lastLoss,
    double seconds,
    List<Double> epochLosses,
    Training.Stop stop,
    Network network,
    long randomRoot,
    long randomNode,
    List<MetricsRecorder.Row> rows,
    List<Serializable> listeners,
    TrainingResult result)
    implements Serializable {

  public boolean finished() {
    return result != null;
  }

  /** A network's weights, updater state and DL4J's own iteration and epoch counters. */
  public record Network(byte[] params, byte[] updaterState, int iterations, int epochs)
      implements Serializable {

    static Network of(Model model) {
      try {
        INDArray state = updaterState(model);
        return new Network(
            Nd4j.toByteArray(model.params().dup()),
            state == null ? null : Nd4j.toByteArray(state.dup()),
            model instanceof MultiLayerNetwork net
                ? net.getIterationCount()
                : ((ComputationGraph) model).getIterationCount(),
            model instanceof MultiLayerNetwork net
                ? net.getEpochCount()
                : ((ComputationGraph) model).getEpochCount());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Puts this state into {@code model}, the network object the experiment holds. */
    void applyTo(Model model) {
      model.setParams(Nd4j.fromByteArray(params));
      INDArray state = updaterState(model);
      if (state != null && updaterState != null) {
        state.assign(Nd4j.fromByteArray(updaterState));
      }
      if (model instanceof MultiLayerNetwork net) {
        net.setIterationCount(iterations);
        net.setEpochCount(epochs);
      } else if (model instanceof ComputationGraph graph) {
        graph.getConfiguration().setIterationCount(iterations);
        graph.getConfiguration().setEpochCount(epochs);
      }
    }

    /**
     * The updater's state (Adam's moments), made if the network has not trained yet; null for a
     * stateless updater.
     */
    private static INDArray updaterState(Model model) {
      if (model instanceof MultiLayerNetwork net) {
        return net.getUpdater(true).getStateViewArray();
      }
      if (model instanceof ComputationGraph graph) {
        return graph.getUpdater().getStateViewArray();
      }
      throw new IllegalArgumentException("cannot checkpoint a " + model.getClass().getSimpleName());
    }
  }

  /** Sets ND4J's random generator (this thread's) to where it was when this was saved. */
  void restoreRandom() {
    Nd4j.getRandom().setStates(randomRoot, randomNode);
  }

  /**
   * The checkpoints of one run, {@code checkpoints/training-NNNNN.bin}, numbered by the order in
   * which the run starts its trainings. A resumed run runs the experiment's code again from the
   * start, which starts the same trainings in the same order (same config, same seeds, same code),
   * so the n-th training finds the n-th file; the task and seed in it are checked.
   */
  public static final class Store {
    public static final String FOLDER = "checkpoints";
    // Only this code's own records and the JDK's collections and numbers are read back.
    private static final ObjectInputFilter ONLY_OURS =
        ObjectInputFilter.Config.createFilter("org.examlab.**;java.lang.*;java.util.*;!*");

    private final Path dir;
    private final AtomicInteger next = new AtomicInteger();

    /** The checkpoints in {@code runDir}'s {@value #FOLDER} folder. */
    public Store(Path runDir) {
      this.dir = runDir.resolve(FOLDER);
    }

    /** The next training's ordinal. */
    int nextOrdinal() {
      return next.getAndIncrement();
    }

    private Path file(int ordinal) {
      return dir.resolve(String.format(Locale.ROOT, "training-%05d.bin", ordinal));
    }

    /**
     * The checkpoint of training {@code ordinal}, if one was saved; it must be of {@code task} and
     * {@code seed}.
     */
    Optional<TrainingCheckpoint> read(int ordinal, String task, long seed) {
      Path file = file(ordinal);
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      TrainingCheckpoint saved = readFile(file);
      if (!saved.task().equals(task) || saved.seed() != seed) {
        throw new IllegalStateException(
            "checkpoint "
                + file
                + " is of training '"
                + saved.task()
                + "' seed "
                + saved.seed()
                + ", but the resumed run's training "
                + ordinal
                + " is '"
                + task
                + "' seed "
                + seed
                + ": the run did not start its trainings in the same order (another config or code?)");
      }
      return Optional.of(saved);
    }

    /**
     * The newest checkpoint in {@code runDir} (of its latest training), if it has any: where a
     * killed run stood.
     */
    public static Optional<TrainingCheckpoint> latest(Path runDir) throws IOException {
      Path dir = runDir.resolve(FOLDER);
      if (!Files.isDirectory(dir)) {
        return Optional.empty();
      }
      try (java.util.stream.Stream<Path> files = Files.list(dir)) {
        Optional<Path> last =
            files
                .filter(f -> f.getFileName().toString().matches("training-\\d+\\.bin"))
                .max(Path::compareTo);
        return last.map(Store::readFile);
      }
    }

    private static TrainingCheckpoint readFile(Path file) {
      try (ObjectInputStream in =
          new ObjectInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
        in.setObjectInputFilter(ONLY_OURS);
        return (TrainingCheckpoint) in.readObject();
      } catch (IOException | ClassNotFoundException | ClassCastException e) {
        throw new IllegalStateException(
            "cannot read the checkpoint "
                + file
                + " ("
                + e
                + "); remove the run's "
                + FOLDER
                + " folder to train from the start",
            e);
      }
    }

    void write(TrainingCheckpoint checkpoint) {
      try {
        Files.createDirectories(dir);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
          out.writeObject(checkpoint);
        }
        RunDirectory.writeAtomically(file(checkpoint.ordinal()), bytes.toByteArray());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
