package org.examlab.experiments.seq2seq;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.datasets.Seeds;
import org.examlab.datasets.sequences.SequencePair;
import org.examlab.datasets.sequences.SequencePairs;
import org.examlab.datasets.sequences.Vocabulary;
import org.examlab.datasets.sequences.WordClasses;
import org.examlab.experiments.seq2seq.PretrainingSettings.Init;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Measurement;
import org.examlab.harness.metrics.Measurements;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.metrics.SeedStatistics;
import org.examlab.harness.plots.Charts;
import org.examlab.harness.settings.RunSettings;
import org.examlab.harness.training.TrainingMetrics;
import org.examlab.harness.training.TrainingResult;
import org.examlab.harness.tuning.Tuner;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Word2vec pre-training of a seq2seq encoder (claim 000-8c). For every seed, word2vec learns word
 * vectors from an unlabelled corpus of the task's sentences; then, for every parallel-data size,
 * the same encoder-decoder (no attention) is trained on that many translation pairs with its
 * encoder's embedding started three ways: at random, from word2vec and kept frozen, from word2vec
 * and fine-tuned. Only the embedding's starting values differ (the word2vec vectors are scaled to
 * the random initialisation's spread); each arm's learning rate is tuned on a validation part of
 * its own pairs. Every network is scored on the same held-out pairs: exact match, token accuracy,
 * and token accuracy at the words its pairs never contained (where pre-training has the most to
 * give).
 */
public final class PretrainingExperiment implements Experiment<PretrainingSettings> {
  private static final String NAME = "seq2seq-pretraining";

  /** Word2vec's vectors: the share of words whose nearest word is of the same class. */
  static final Measurement WORD2VEC_PURITY = Measurement.of("word2vec", "class_purity");

  /** The same share for the random initialisation (the chance level the control compares with). */
  static final Measurement RANDOM_PURITY = Measurement.of("random_init", "class_purity");

  static final String EXACT = "exact";
  static final String TOKEN = "token";
  static final String UNSEEN_TOKEN = "unseen_token";
  static final String FINAL_LOSS = "final_loss";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "word-level seq2seq: encoder embedding from word2vec (frozen / fine-tuned) vs random, at several parallel-data sizes";
  }

  @Override
  public Class<PretrainingSettings> settingsType() {
    return PretrainingSettings.class;
  }

  @Override
  public List<String> claimIds() {
    return List.of("000-8c");
  }

  /** The training task (and tuning arm) of {@code init} on {@code pairs} translation pairs. */
  static String arm(Init init, int pairs) {
    return init.label() + ".n" + pairs;
  }

  /** {@code init}'s {@code quantity} (EXACT, TOKEN, UNSEEN_TOKEN, FINAL_LOSS) on {@code pairs}. */
  static Measurement measurement(Init init, int pairs, String quantity) {
    return Measurement.of(arm(init, pairs), quantity);
  }

  /** Fine-tuned minus random exact match on {@code pairs} pairs, per seed. */
  static Measurement gain(int pairs) {
    return Measurement.of("gain", "n" + pairs);
  }

  /** The share of held-out word positions whose word the {@code pairs} pairs never contained. */
  static Measurement unseenShare(int pairs) {
    return Measurement.of("unseen_share", "n" + pairs);
  }

  @Override
  public Measurements measurements(PretrainingSettings settings, RunSettings run) {
    Measurements declared = new Measurements();
    declared.add(WORD2VEC_PURITY);
    declared.add(RANDOM_PURITY);
    for (int n : settings.task().parallelSizes()) {
      declared.add(unseenShare(n));
      for (Init init : settings.arms()) {
        for (String q : List.of(EXACT, TOKEN, UNSEEN_TOKEN, FINAL_LOSS)) {
          declared.add(measurement(init, n, q));
        }
        declared.addAll(Tuner.tunedNames(run.tuning(), arm(init, n)));
      }
      if (settings.arms().contains(Init.FINE_TUNED)) {
        declared.add(gain(n));
      }
    }
    return declared;
  }

  @Override
  public void run(PretrainingSettings settings, RunContext context) throws Exception {
    PretrainingSettings.Task task = settings.task();
    WordClasses words = words(settings);
    MetricsRecorder metrics = context.metrics();
    for (long seed : context.seeds()) {
      List<String> corpus =
          words.corpus(
              settings.corpus().sentences(),
              settings.corpus().minLength(),
              settings.corpus().maxLength(),
              Seeds.derive(seed, NAME, "corpus"));
      INDArray vectors = WordVectors.word2vec(words, corpus, settings.word2vec(), seed);
      metrics.measure(seed, WORD2VEC_PURITY, WordVectors.classPurity(words, vectors));
      List<SequencePair> pool =
          SequencePairs.generate(
              words,
              task.largest(),
              task.minLength(),
              task.maxLength(),
              Seeds.derive(seed, NAME, "pairs"));
      List<SequencePair> test =
          SequencePairs.generate(
              words,
              task.testExamples(),
              task.minLength(),
              task.maxLength(),
              Seeds.derive(seed, NAME, "test"));
      // The untrained random embedding of this seed: the purity control's chance level.
      metrics.measure(
          seed,
          RANDOM_PURITY,
          WordVectors.classPurity(
              words,
              WordVectors.wordRows(
                  Seq2seqNetworks.embedding(
                      network(settings, Init.RANDOM, 0.01, vectors, seed, context)),
                  words)));
      for (int n : task.parallelSizes()) {
        List<SequencePair> pairs = pool.subList(0, n);
        Set<Character> seen = new HashSet<>();
        pairs.forEach(p -> p.source().chars().forEach(c -> seen.add((char) c)));
        Scores[] scores = new Scores[Init.values().length];
        for (Init init : settings.arms()) {
          ComputationGraph net = trainTuned(settings, init, n, pairs, vectors, seed, context);
          Scores s = Scores.of(net, words, test, seen);
          scores[init.ordinal()] = s;
          metrics.measure(seed, measurement(init, n, EXACT), s.exact());
          metrics.measure(seed, measurement(init, n, TOKEN), s.token());
          metrics.measure(seed, measurement(init, n, UNSEEN_TOKEN), s.unseenToken());
          metrics.measure(seed, unseenShare(n), s.unseenShare());
        }
        if (scores[Init.FINE_TUNED.ordinal()] != null) {
          metrics.measure(
              seed,
              gain(n),
              scores[Init.FINE_TUNED.ordinal()].exact() - scores[Init.RANDOM.ordinal()].exact());
        }
      }
    }
    plot(settings, context);
  }

  /**
   * {@code init}'s network trained on {@code pairs} at the learning rate its grid chooses on a
   * validation part of those pairs (or the run's rate if the arm has no grid).
   */
  private static ComputationGraph trainTuned(
      PretrainingSettings settings,
      Init init,
      int n,
      List<SequencePair> pairs,
      INDArray vectors,
      long seed,
      RunContext context)
      throws Exception {
    String arm = arm(init, n);
    Vocabulary vocabulary = words(settings).vocabulary();
    Tuner tuner = context.tuner();
    int validation =
        Math.max(1, (int) Math.round(pairs.size() * tuner.settings().validationFraction()));
    List<SequencePair> fit = pairs.subList(0, pairs.size() - validation);
    List<SequencePair> held = pairs.subList(pairs.size() - validation, pairs.size());
    int[] candidate = {0};
    Tuner.Choice choice =
        tuner.choose(
            arm,
            seed,
            c -> {
              ComputationGraph net =
                  network(settings, init, rate(c, context), vectors, seed, context);
              train(
                  Tuner.TASK_PREFIX + arm + "/" + candidate[0]++,
                  net,
                  vocabulary,
                  fit,
                  seed,
                  context);
              return validationLoss(net, vocabulary, held);
            });
    ComputationGraph net =
        network(settings, init, rate(choice.chosen(), context), vectors, seed, context);
    TrainingResult result = train(arm, net, vocabulary, pairs, seed, context);
    context
        .metrics()
        .measure(
            seed,
            measurement(init, n, FINAL_LOSS),
            result.diverged()
                ? Double.POSITIVE_INFINITY
                : TrainingMetrics.lastEpochLoss(context.metrics(), arm, seed));
    return net;
  }

  /**
   * The teacher-forced cross-entropy per target token (end token included) of {@code pairs}, from
   * the network's output probabilities. (Not {@code ComputationGraph.score}: in M2.1 it reshapes
   * the embedding's output with the last training batch's size, and fails on any other.)
   */
  static double validationLoss(
      ComputationGraph net, Vocabulary vocabulary, List<SequencePair> pairs) {
    MultiDataSet batch = SequencePairs.teacherForcing(vocabulary, pairs);
    INDArray probabilities =
        net.output(false, batch.getFeatures(), batch.getFeaturesMaskArrays())[0];
    INDArray label = batch.getLabels(0);
    INDArray mask = batch.getLabelsMaskArray(0); // [examples, steps]
    INDArray picked = probabilities.mul(label).sum(1); // [examples, steps]: p(target token)
    double loss = 0;
    double tokens = 0;
    for (long i = 0; i < picked.size(0); i++) {
      for (long t = 0; t < picked.size(1); t++) {
        if (mask.getDouble(i, t) > 0) {
          loss -= Math.log(Math.max(picked.getDouble(i, t), 1e-30));
          tokens++;
        }
      }
    }
    return loss / tokens;
  }

  private static WordClasses words(PretrainingSettings settings) {
    return settings.task().generator(settings.corpus().maxLength());
  }

  private static double rate(Map<String, Double> candidate, RunContext context) {
    return candidate.getOrDefault(Tuner.LEARNING_RATE, context.training().learningRate());
  }

  /**
   * Teacher forcing on shuffled mini-batches of {@code pairs}, as the seq2seq experiment trains.
   */
  private static TrainingResult train(
      String task,
      ComputationGraph net,
      Vocabulary vocabulary,
      List<SequencePair> pairs,
      long seed,
      RunContext context) {
    return context
        .trainer()
        .fit(
            task,
            seed,
            net,
            new TeacherForcingBatches(vocabulary, pairs, context.training().batchSize(), seed, 0),
            List.of());
  }

  /**
   * The encoder-decoder without attention, its embedding started as {@code init} says: the same
   * seed gives every arm the same initial weights, so the arms differ only in the embedding's
   * values.
   */
  private static ComputationGraph network(
      PretrainingSettings settings,
      Init init,
      double rate,
      INDArray vectors,
      long seed,
      RunContext context) {
    WordClasses words = words(settings);
    ComputationGraph net =
        Seq2seqNetworks.build(
            Attention.NONE,
            words.vocabulary().size(),
            settings.model().seq2seq(),
            0,
            seed,
            context.training().withLearningRate(rate),
            DataType.FLOAT,
            new Seq2seqNetworks.Embedding(settings.word2vec().layerSize(), init == Init.FROZEN));
    if (init.pretrained()) {
      Seq2seqNetworks.setEmbedding(
          net, WordVectors.intoEmbedding(Seq2seqNetworks.embedding(net), words, vectors));
    }
    return net;
  }

  private static void plot(PretrainingSettings settings, RunContext context) throws IOException {
    List<Integer> sizes = settings.task().parallelSizes();
    double[] x = sizes.stream().mapToDouble(Integer::doubleValue).toArray();
    Map<String, Map<Long, Double>> measured = context.metrics().measurements();
    List<XYChart> charts = new ArrayList<>();
    for (String quantity : List.of(EXACT, UNSEEN_TOKEN)) {
      XYChart chart =
          Charts.lines(
              (quantity.equals(EXACT)
                      ? "Exact match"
                      : "Token accuracy at words unseen in the pairs")
                  + " on held-out sentences, mean ± std over "
                  + context.seeds().size()
                  + " seeds",
              "translation pairs trained on (log scale)",
              quantity.equals(EXACT)
                  ? "exact match (share of sentences)"
                  : "token accuracy (share)",
              false);
      chart.getStyler().setXAxisLogarithmic(true);
      for (Init init : settings.arms()) {
        double[] mean = new double[x.length];
        double[] std = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          SeedStatistics s =
              SeedStatistics.of(
                  measured
                      .getOrDefault(measurement(init, sizes.get(i), quantity).name(), Map.of())
                      .values());
          mean[i] = s.mean();
          std[i] = s.std();
        }
        Charts.addSeries(chart, init.label() + " embedding", x, mean, std);
      }
      charts.add(chart);
    }
    Charts.saveGrid(charts, 1, context.plotsDir().resolve("accuracy_by_parallel_size.png"));
  }
}
