package org.examlab.experiments.autoencoder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Measurement;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.metrics.SeedStatistics;
import org.examlab.harness.plots.Charts;
import org.examlab.harness.training.EpochBatches;
import org.examlab.harness.training.ShuffledBatches;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossL1;

/**
 * Claim 004-AE/sparse, the notes' E = ||g(x) - x||^2 + lambda sum_j |h_j|: an overcomplete
 * one-layer autoencoder (J ReLU code units, J > the I input pixels, so exact zeros can occur)
 * trained for every lambda of {@code sparse.lambdas}, the penalty a parameter-free L1 loss on the
 * code (DL4J's {@code LossLayer} with {@code LossL1} weighted lambda per unit, beside the MSE
 * reconstruction output: E here is the mean squared pixel error plus lambda times the code's L1
 * norm). The last {@code validationFraction} of the unlabelled images is held back: the lambda read
 * is the largest whose validation error stays within {@code tolerance} times lambda = 0's (chosen
 * on validation images, never on the held-out ones the claim reads).
 *
 * <p>Per seed, on the held-out images: {@code sparse.zero_fraction} (share of code units exactly 0,
 * mean over images) at the chosen lambda and {@code sparse.unpenalised_zero_fraction} at lambda =
 * 0; {@code sparse.mse_ratio} (held-out error at the chosen lambda over lambda = 0's) and {@code
 * sparse.chosen_lambda}. Per lambda, series {@code sparse} rows {@code zero_fraction} and {@code
 * heldout_mse} at step = index of lambda (the plot).
 */
final class SparseCode {
  static final String SERIES = "sparse";
  static final Measurement ZERO_FRACTION = Measurement.of("sparse", "zero_fraction");
  static final Measurement UNPENALISED_ZERO_FRACTION =
      Measurement.of("sparse", "unpenalised_zero_fraction");
  static final Measurement MSE_RATIO = Measurement.of("sparse", "mse_ratio");
  static final Measurement CHOSEN_LAMBDA = Measurement.of("sparse", "chosen_lambda");
  static final List<Measurement> MEASUREMENTS =
      List.of(ZERO_FRACTION, UNPENALISED_ZERO_FRACTION, MSE_RATIO, CHOSEN_LAMBDA);

  private SparseCode() {}

  static String task(double lambda) {
    return "sparse-l"
        + java.math.BigDecimal.valueOf(lambda)
            .stripTrailingZeros()
            .toPlainString(); // sparse-l0, sparse-l0.0001
  }

  static void measure(AutoencoderSettings.Sparse s, CoinData data, long seed, RunContext context) {
    INDArray all = CoinData.rows(data.unlabelled().images());
    int validation = (int) Math.round(all.rows() * s.validationFraction());
    INDArray train = all.get(NDArrayIndex.interval(0, all.rows() - validation), NDArrayIndex.all());
    INDArray valid =
        all.get(NDArrayIndex.interval(all.rows() - validation, all.rows()), NDArrayIndex.all());
    INDArray heldOut = CoinData.rows(data.heldOut().images());
    MetricsRecorder m = context.metrics();
    List<Double> validMse = new ArrayList<>();
    List<double[]> heldOutScores = new ArrayList<>(); // {zero fraction, mse}
    for (int k = 0; k < s.lambdas().size(); k++) {
      double lambda = s.lambdas().get(k);
      ComputationGraph net =
          network((int) train.columns(), s.code(), lambda, seed, context.training().newUpdater());
      context
          .trainer()
          .with(context.training().withEpochs(s.epochs()).withBatchSize(s.batchSize()))
          .fit(
              task(lambda),
              seed,
              net,
              new PenaltyBatches(new DataSet(train, train), s.batchSize(), seed, s.code()),
              List.of());
      validMse.add(ImageDistances.mse(reconstruct(net, valid), valid));
      double[] scores = {
        zeroFraction(net, heldOut), ImageDistances.mse(reconstruct(net, heldOut), heldOut)
      };
      heldOutScores.add(scores);
      m.record(seed, SERIES, k, "zero_fraction", scores[0]);
      m.record(seed, SERIES, k, "heldout_mse", scores[1]);
    }
    int chosen = 0;
    for (int k = 1; k < validMse.size(); k++) {
      if (validMse.get(k) <= s.tolerance() * validMse.get(0)) {
        chosen = k; // lambdas increase: the last within tolerance is the largest
      }
    }
    m.measure(seed, ZERO_FRACTION, heldOutScores.get(chosen)[0]);
    m.measure(seed, UNPENALISED_ZERO_FRACTION, heldOutScores.get(0)[0]);
    m.measure(seed, MSE_RATIO, heldOutScores.get(chosen)[1] / heldOutScores.get(0)[1]);
    m.measure(seed, CHOSEN_LAMBDA, s.lambdas().get(chosen));
  }

  /**
   * Pixels, J ReLU code units, pixels (sigmoid, MSE); the code also feeds a parameter-free L1 loss
   * weighted lambda.
   */
  static ComputationGraph network(
      int pixels, int code, double lambda, long seed, IUpdater updater) {
    ComputationGraphConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .updater(updater)
            .weightInit(WeightInit.RELU)
            .graphBuilder()
            .addInputs("pixels")
            .addLayer(
                "code",
                new DenseLayer.Builder().nIn(pixels).nOut(code).activation(Activation.RELU).build(),
                "pixels")
            .addLayer(
                "reconstruction",
                new OutputLayer.Builder(LossFunction.MSE)
                    .nIn(code)
                    .nOut(pixels)
                    .activation(Activation.SIGMOID)
                    .build(),
                "code")
            .addLayer(
                "penalty",
                new LossLayer.Builder(
                        new LossL1(Nd4j.valueArrayOf(new long[] {1, code}, (float) lambda)))
                    .activation(Activation.IDENTITY)
                    .build(),
                "code")
            .setOutputs("reconstruction", "penalty")
            .build();
    ComputationGraph net = new ComputationGraph(conf);
    net.init();
    return net;
  }

  /**
   * The reconstruction output (the graph's first; its second is the penalty's identity of the
   * code).
   */
  static INDArray reconstruct(ComputationGraph net, INDArray images) {
    return net.output(false, images)[0];
  }

  /** Mean over the images of the share of code units that are exactly 0. */
  static double zeroFraction(ComputationGraph net, INDArray images) {
    INDArray code = net.feedForward(images, false).get("code");
    return code.eq(0.0)
        .castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
        .meanNumber()
        .doubleValue();
  }

  /**
   * Share of zero code units and held-out error against lambda, mean over seeds (lambda = 0 drawn
   * at the left edge).
   */
  static void plot(
      AutoencoderSettings.Sparse s, List<Long> seeds, MetricsRecorder m, java.nio.file.Path file)
      throws IOException {
    double smallest = s.lambdas().stream().filter(l -> l > 0).min(Double::compare).orElse(1.0);
    double[] x = s.lambdas().stream().mapToDouble(l -> l > 0 ? l : smallest / 10).toArray();
    List<XYChart> charts = new ArrayList<>();
    for (String[] panel :
        new String[][] {
          {"zero_fraction", "share of code units exactly 0"},
          {"heldout_mse", "held-out MSE per pixel (log)"}
        }) {
      XYChart chart =
          Charts.lines(
              "Sparse autoencoder ("
                  + s.code()
                  + " ReLU code units): "
                  + panel[1]
                  + " against lambda (lambda = 0 at "
                  + smallest / 10
                  + ")",
              "lambda (L1 weight on the code, log)",
              panel[1],
              panel[0].equals("heldout_mse"));
      chart.getStyler().setXAxisLogarithmic(true);
      chart.getStyler().setXAxisDecimalPattern("0E0");
      double[] mean = new double[x.length];
      double[] spread = new double[x.length];
      for (int k = 0; k < x.length; k++) {
        final int index = k;
        SeedStatistics st =
            SeedStatistics.of(
                seeds.stream()
                    .map(
                        seed -> {
                          double[] c = m.curve(SERIES, panel[0], seed);
                          return index < c.length ? c[index] : Double.NaN;
                        })
                    .toList());
        mean[k] = st.mean();
        spread[k] = Double.isFinite(st.std()) ? st.std() : 0.0;
      }
      Charts.addSeries(chart, "mean over " + seeds.size() + " seeds (bars: std)", x, mean, spread);
      charts.add(chart);
    }
    Charts.saveGrid(charts, 2, file);
  }

  /**
   * The trainer's shuffled batches of (image, image), each with a second label: zeros for the
   * code's L1 loss.
   */
  private static final class PenaltyBatches implements MultiDataSetIterator, EpochBatches {
    private final ShuffledBatches batches;
    private final int code;

    PenaltyBatches(DataSet data, int batchSize, long seed, int code) {
      this.batches = new ShuffledBatches(data, batchSize, seed);
      this.code = code;
    }

    @Override
    public long batchesPerEpoch() {
      return batches.batchesPerEpoch();
    }

    @Override
    public boolean hasNext() {
      return batches.hasNext();
    }

    @Override
    public MultiDataSet next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      DataSet d = batches.next();
      INDArray zeros = Nd4j.zeros(d.getFeatures().dataType(), d.numExamples(), code);
      return new org.nd4j.linalg.dataset.MultiDataSet(
          new INDArray[] {d.getFeatures()}, new INDArray[] {d.getLabels(), zeros});
    }

    @Override
    public MultiDataSet next(int num) {
      throw new UnsupportedOperationException("batches have the trainer's size");
    }

    @Override
    public void reset() {
      batches.reset();
    }

    @Override
    public boolean resetSupported() {
      return true;
    }

    @Override
    public boolean asyncSupported() {
      return false;
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
      throw new UnsupportedOperationException("no preprocessing");
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
      return null;
    }
  }
}
