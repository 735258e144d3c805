package org.examlab.experiments.languagemodel;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.examlab.datasets.Seeds;
import org.examlab.harness.backend.FusedLstm;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Measurement;
import org.examlab.harness.metrics.Measurements;
import org.examlab.harness.metrics.SeedStatistics;
import org.examlab.harness.plots.Charts;
import org.examlab.harness.settings.RunSettings;
import org.knowm.xchart.CategoryChart;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Claim 002-5b: sequence models are optimized without annotations, by predicting the next symbol of
 * raw sequences, L = -sum_t log p(x_t | x_<t). An LSTM trains on sequences of a known generator
 * ({@link LagCopySequences}) with no label but the sequence itself, the targets being the inputs
 * shifted by one. Scored on held-out sequences of the same generator as the mean NLL per predicted
 * step, against count-based unigram and bigram baselines ({@link NgramBaseline}) and the
 * generator's own optimum.
 *
 * <p>Per seed: {@code lstm.test_nll}, {@code lstm.train_nll}, {@code unigram.test_nll}, {@code
 * bigram.test_nll}, {@code optimum.nll} (the entropy-rate bound, the same for every seed) and
 * {@code lstm.gap_closed} (the share of the bigram-to-optimum gap the LSTM closed).
 */
public final class LanguageModelExperiment implements Experiment<LanguageModelSettings> {
  static final String TASK = "lstm";
  static final Measurement LSTM_TEST_NLL = Measurement.of("lstm", "test_nll");
  static final Measurement LSTM_TRAIN_NLL = Measurement.of("lstm", "train_nll");
  static final Measurement UNIGRAM_TEST_NLL = Measurement.of("unigram", "test_nll");
  static final Measurement BIGRAM_TEST_NLL = Measurement.of("bigram", "test_nll");
  static final Measurement OPTIMUM_NLL = Measurement.of("optimum", "nll");
  static final Measurement LSTM_GAP_CLOSED = Measurement.of("lstm", "gap_closed");

  @Override
  public String name() {
    return "language-model";
  }

  @Override
  public String summary() {
    return "claim 002-5b: an LSTM trained by next-step prediction alone, against unigram / bigram baselines and the entropy rate";
  }

  @Override
  public Class<LanguageModelSettings> settingsType() {
    return LanguageModelSettings.class;
  }

  @Override
  public List<String> claimIds() {
    return List.of("002-5b");
  }

  @Override
  public Measurements measurements(LanguageModelSettings settings, RunSettings run) {
    return new Measurements()
        .addAll(
            List.of(
                LSTM_TEST_NLL,
                LSTM_TRAIN_NLL,
                UNIGRAM_TEST_NLL,
                BIGRAM_TEST_NLL,
                OPTIMUM_NLL,
                LSTM_GAP_CLOSED));
  }

  @Override
  public void run(LanguageModelSettings settings, RunContext context) throws IOException {
    LanguageModelSettings.Data d = settings.data();
    LagCopySequences generator = d.generator();
    for (long seed : context.seeds()) {
      int[][] train =
          generator.generate(d.trainSequences(), Seeds.derive(seed, "language-model", "train"));
      int[][] test =
          generator.generate(d.testSequences(), Seeds.derive(seed, "language-model", "test"));
      MultiLayerNetwork net =
          network(d.vocabulary(), settings.model().hidden(), seed, context.training().newUpdater());
      context.trainer().fit(TASK, seed, net, nextStep(train, d.vocabulary()), List.of());
      double unigram = NgramBaseline.unigramNll(train, test, d.vocabulary());
      double bigram = NgramBaseline.bigramNll(train, test, d.vocabulary());
      double optimum = generator.optimalNll();
      double testNll = meanNll(net, nextStep(test, d.vocabulary()));
      var m = context.metrics();
      m.measure(seed, LSTM_TEST_NLL, testNll);
      m.measure(seed, LSTM_TRAIN_NLL, meanNll(net, nextStep(train, d.vocabulary())));
      m.measure(seed, UNIGRAM_TEST_NLL, unigram);
      m.measure(seed, BIGRAM_TEST_NLL, bigram);
      m.measure(seed, OPTIMUM_NLL, optimum);
      m.measure(seed, LSTM_GAP_CLOSED, (bigram - testNll) / (bigram - optimum));
    }
    plot(context);
  }

  /**
   * One LSTM layer and a softmax over the vocabulary at every step (MCXENT: the next symbol's NLL).
   */
  static MultiLayerNetwork network(int vocabulary, int hidden, long seed, IUpdater updater) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(
                    new LSTM.Builder()
                        .nIn(vocabulary)
                        .nOut(hidden)
                        .activation(Activation.TANH)
                        .build())
                .layer(
                    new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(hidden)
                        .nOut(vocabulary)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
    net.init();
    FusedLstm.install(net);
    return net;
  }

  /**
   * Inputs x_1..x_{T-1} and targets x_2..x_T, one-hot, [sequences, vocabulary, T - 1]: the sequence
   * labels itself.
   */
  static DataSet nextStep(int[][] sequences, int vocabulary) {
    int n = sequences.length;
    int steps = sequences[0].length - 1;
    INDArray x = Nd4j.zeros(DataType.FLOAT, n, vocabulary, steps);
    INDArray y = Nd4j.zeros(DataType.FLOAT, n, vocabulary, steps);
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < steps; t++) {
        x.putScalar(new long[] {i, sequences[i][t], t}, 1.0);
        y.putScalar(new long[] {i, sequences[i][t + 1], t}, 1.0);
      }
    }
    return new DataSet(x, y);
  }

  /**
   * -mean over sequences and steps of log p(target): the probability the network gives the symbol
   * that came next.
   */
  static double meanNll(MultiLayerNetwork net, DataSet data) {
    INDArray p = net.output(data.getFeatures(), false);
    INDArray chosen =
        p.mul(data.getLabels()).sum(1); // [sequences, steps]: the target's probability
    return -org.nd4j.linalg.ops.transforms.Transforms.log(chosen, false).meanNumber().doubleValue();
  }

  private static void plot(RunContext context) throws IOException {
    CategoryChart chart =
        Charts.bars(
            "Held-out NLL per predicted symbol, mean over "
                + context.seeds().size()
                + " seeds (bars: 95% CI)",
            "model",
            "NLL (nats per symbol)");
    Map<String, Map<Long, Double>> measured = context.metrics().measurements();
    List<Measurement> models =
        List.of(UNIGRAM_TEST_NLL, BIGRAM_TEST_NLL, LSTM_TEST_NLL, OPTIMUM_NLL);
    List<Double> means = new java.util.ArrayList<>();
    List<Double> half = new java.util.ArrayList<>();
    for (Measurement model : models) {
      SeedStatistics s = SeedStatistics.of(measured.getOrDefault(model.name(), Map.of()).values());
      means.add(s.mean());
      half.add(Double.isFinite(s.ciHigh()) ? s.ciHigh() - s.mean() : 0.0);
    }
    chart.addSeries(
        "held-out NLL",
        List.of("unigram", "bigram", "LSTM (next-step trained)", "generator's optimum"),
        means,
        half);
    Charts.save(chart, context.plotsDir().resolve("nll_by_model.png"));
  }
}
