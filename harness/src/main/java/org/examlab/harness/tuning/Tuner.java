package org.examlab.harness.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.deeplearning4j.nn.api.Model;
import org.examlab.harness.metrics.Classification;
import org.examlab.harness.metrics.Measurement;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.settings.TuningSettings;
import org.examlab.harness.training.Trainer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;

/**
 * Chooses each arm's nuisance hyper-parameters on validation data (see {@link TuningSettings}). The
 * experiment supplies the validation loss of a candidate; the tuner tries every grid point in
 * order, keeps the lowest (the first on a tie, so the same seed gives the same choice), records
 * every candidate's score under the series {@code tuning/<arm>} and the chosen values as the
 * measurements {@code <arm>.tuned.<parameter>}, and keeps the choices for summary.json.
 */
public final class Tuner {
  /** The prefix of the series holding each candidate's validation loss. */
  public static final String SERIES_PREFIX = "tuning/";

  /**
   * The prefix of a candidate's training task, apart from the arm's own (a claim's {@code trained}
   * names the arm).
   */
  public static final String TASK_PREFIX = "tune/";

  /** The grid parameter {@link #chooseRateAndRetrain} tunes. */
  public static final String LEARNING_RATE = "learningRate";

  private final TuningSettings settings;
  private final MetricsRecorder metrics;
  private final List<Choice> choices = new ArrayList<>();

  public Tuner(TuningSettings settings, MetricsRecorder metrics) {
    this.settings = settings;
    this.metrics = metrics;
  }

  /**
   * The validation loss of one candidate point (lower is better; NaN or infinite: diverged, never
   * chosen).
   */
  @FunctionalInterface
  public interface Objective {
    double validationLoss(Map<String, Double> candidate) throws Exception;
  }

  /**
   * One arm's choice for one seed.
   *
   * @param chosen the parameters kept; empty if the arm is not tuned
   * @param tried every candidate with its validation loss, in grid order
   */
  public record Choice(
      String arm, long seed, Map<String, Double> chosen, double validationLoss, List<Tried> tried) {
    public String describe() {
      List<String> parts = new ArrayList<>();
      chosen.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s=%g", k, v)));
      return String.join(", ", parts);
    }
  }

  public record Tried(Map<String, Double> candidate, double validationLoss) {}

  /**
   * Builds and trains a network for one candidate point (an empty map: the arm's defaults) on
   * {@code data}, as task {@code task}.
   */
  @FunctionalInterface
  public interface Training<N> {
    N train(String task, Map<String, Double> candidate, DataSet data) throws Exception;
  }

  /** A trained network's validation loss. */
  @FunctionalInterface
  public interface Score<N> {
    double loss(N network, DataSet validation) throws Exception;
  }

  /** The choice and the network retrained with it. */
  public record Retrained<N>(Choice choice, N network) {}

  public TuningSettings settings() {
    return settings;
  }

  /**
   * The measurements {@link #choose} records for {@code arm} ({@code <arm>.tuned.<parameter>} for
   * each parameter of its grid), for an experiment's declaration; none if the run tunes nothing or
   * the arm has no grid.
   */
  public static List<Measurement> tunedNames(TuningSettings settings, String arm) {
    if (settings == null) {
      return List.of();
    }
    return settings.candidates(arm).stream()
        .findFirst()
        .map(c -> c.keySet().stream().map(p -> tunedName(arm, p)).toList())
        .orElse(List.of());
  }

  private static Measurement tunedName(String arm, String parameter) {
    return Measurement.of(arm, "tuned", parameter);
  }

  /** Whether {@code arm} has a grid. */
  public boolean tunes(String arm) {
    return !settings.candidates(arm).isEmpty();
  }

  /**
   * Tries every candidate of {@code arm}'s grid and returns the best; an arm without a grid gets an
   * empty choice.
   */
  public Choice choose(String arm, long seed, Objective objective) throws Exception {
    List<Map<String, Double>> candidates = settings.candidates(arm);
    List<Tried> tried = new ArrayList<>();
    Map<String, Double> best = Map.of();
    double bestLoss = Double.NaN;
    for (int i = 0; i < candidates.size(); i++) {
      Map<String, Double> c = candidates.get(i);
      double loss = objective.validationLoss(c);
      tried.add(new Tried(c, loss));
      metrics.record(seed, SERIES_PREFIX + arm, i, "validation_loss", loss);
      if (Double.isFinite(loss) && (Double.isNaN(bestLoss) || loss < bestLoss)) {
        best = c;
        bestLoss = loss;
      }
    }
    if (!candidates.isEmpty() && best.isEmpty()) {
      throw new IllegalStateException(
          "every candidate of arm "
              + arm
              + " diverged on seed "
              + seed
              + ": widen its tuning grid");
    }
    best.forEach((k, v) -> metrics.measure(seed, tunedName(arm, k), v));
    Choice choice = new Choice(arm, seed, new LinkedHashMap<>(best), bestLoss, List.copyOf(tried));
    synchronized (choices) {
      choices.add(choice);
    }
    return choice;
  }

  /**
   * The standard form of tuning: each candidate trained on the training part of {@link #split}
   * (tasks {@code tune/<arm>/<i>}) and scored on its validation part, then the chosen one trained
   * again on all of {@code data} (task {@code <arm>}).
   */
  public <N> Retrained<N> chooseAndRetrain(
      String arm, long seed, DataSet data, Training<N> training, Score<N> validationLoss)
      throws Exception {
    SplitTestAndTrain split = split(data, seed);
    int[] candidate = {0};
    Choice choice =
        choose(
            arm,
            seed,
            c ->
                validationLoss.loss(
                    training.train(TASK_PREFIX + arm + "/" + candidate[0]++, c, split.getTrain()),
                    split.getTest()));
    return new Retrained<>(choice, training.train(arm, choice.chosen(), data));
  }

  /**
   * {@link #chooseAndRetrain} for the common case: the grid tunes {@code learningRate} (an arm
   * without it in its grid trains at {@code defaultRate}), {@code network} builds a fresh network
   * for a rate, {@code trainer} trains it on shuffled batches, scored by its cross-entropy.
   */
  public <N extends Model> Retrained<N> chooseRateAndRetrain(
      String arm,
      long seed,
      DataSet data,
      double defaultRate,
      DoubleFunction<N> network,
      Trainer trainer)
      throws Exception {
    return chooseAndRetrain(
        arm,
        seed,
        data,
        (task, candidate, on) -> {
          N net = network.apply(candidate.getOrDefault(LEARNING_RATE, defaultRate));
          trainer.fit(task, seed, net, on, List.of());
          return net;
        },
        Classification::crossEntropy);
  }

  /** Every choice so far, for summary.json. */
  public List<Choice> choices() {
    synchronized (choices) {
      return List.copyOf(choices);
    }
  }

  /**
   * Carves the validation split out of {@code training}: a seeded shuffle, then the last {@code
   * validationFraction} of the examples. The test set is not an argument: it cannot leak.
   */
  public SplitTestAndTrain split(DataSet training, long seed) {
    DataSet copy = training.copy();
    copy.shuffle(seed * 31_337L + 17);
    int validation =
        (int) Math.max(1, Math.round(copy.numExamples() * settings.validationFraction()));
    return copy.splitTestAndTrain(copy.numExamples() - validation);
  }
}
