package org.examlab.experiments.handcalculations;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.examlab.harness.metrics.MeasuredFields;
import org.examlab.harness.metrics.Measurement;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalization by DL4J's own layer against the hand formula y = gamma (x - mu) / sqrt(var +
 * eps) + beta, on features drawn with the configured means and scales (claims 003-3b, 003-3c and
 * 004-BN/formula). The layer comes first in a small net (BN, then a linear MSE output), so its
 * running statistics depend only on the data it is fitted on. Variances are the biased batch ones,
 * (1/N) sum (x - mu)^2, as in the notes.
 *
 * @param trainFormulaError max |training-mode output - formula with the minibatch's mu, var|
 *     (random gamma, beta)
 * @param identityError max |training-mode output - input| with gamma = sqrt(var + eps), beta = mu
 *     (003-3b)
 * @param plainIdentityError the same with gamma = 1, beta = 0: without gamma, beta BN cannot return
 *     its input (control)
 * @param runningMeanError max |running mean - the data's mean| after {@code fits} full-batch fits
 *     (003-3c)
 * @param runningVarError max |running variance - the data's variance| after them
 * @param testFormulaError max |inference output - formula with the running mu, var| on the
 *     minibatch
 * @param modeDifference max |inference output - training output| on the minibatch (control: the two
 *     modes differ)
 * @param notesVarianceError max over features |Var((x - mu) / var) - 1|: the notes' formula,
 *     dividing by the variance (004-BN/formula)
 * @param sqrtVarianceError max |Var((x - mu) / sqrt(var + eps)) - 1| (control: dividing by the
 *     standard deviation)
 * @param layerVarianceError max |Var(DL4J's training output) - 1| with gamma = 1, beta = 0
 *     (control, the framework's route)
 */
record BatchNormChecks(
    double trainFormulaError,
    double identityError,
    double plainIdentityError,
    double runningMeanError,
    double runningVarError,
    double testFormulaError,
    double modeDifference,
    double notesVarianceError,
    double sqrtVarianceError,
    double layerVarianceError) {
  static final MeasuredFields<BatchNormChecks> FIELDS =
      new MeasuredFields<BatchNormChecks>()
          .add(Measurement.of("bn", "train_formula_error"), BatchNormChecks::trainFormulaError)
          .add(Measurement.of("bn", "identity_error"), BatchNormChecks::identityError)
          .add(Measurement.of("bn", "plain_identity_error"), BatchNormChecks::plainIdentityError)
          .add(Measurement.of("bn", "running_mean_error"), BatchNormChecks::runningMeanError)
          .add(Measurement.of("bn", "running_var_error"), BatchNormChecks::runningVarError)
          .add(Measurement.of("bn", "test_formula_error"), BatchNormChecks::testFormulaError)
          .add(Measurement.of("bn", "mode_difference"), BatchNormChecks::modeDifference)
          .add(Measurement.of("bn", "notes_variance_error"), BatchNormChecks::notesVarianceError)
          .add(Measurement.of("bn", "sqrt_variance_error"), BatchNormChecks::sqrtVarianceError)
          .add(Measurement.of("bn", "layer_variance_error"), BatchNormChecks::layerVarianceError);

  static BatchNormChecks measure(HandCalculationsSettings.BatchNorm s, long seed) {
    INDArray data = features(s, seed);
    INDArray batch = data.get(NDArrayIndex.interval(0, s.minibatch()), NDArrayIndex.all()).dup();
    int n = s.means().size();
    MultiLayerNetwork net = network(n, s.eps(), s.decay(), seed);
    Layer bn = net.getLayer(0);

    INDArray mu = batch.mean(0).reshape(1, n);
    INDArray var = batch.var(false, 0).reshape(1, n);
    Nd4j.getRandom().setSeed(seed + 1);
    INDArray gamma = Nd4j.rand(DataType.DOUBLE, 1, n).addi(0.5);
    INDArray beta = Nd4j.randn(DataType.DOUBLE, 1, n);
    bn.setParam(BatchNormalizationParamInitializer.GAMMA, gamma);
    bn.setParam(BatchNormalizationParamInitializer.BETA, beta);
    double trainFormula =
        maxAbs(trainOutput(net, batch), formula(batch, mu, var, s.eps(), gamma, beta));

    bn.setParam(BatchNormalizationParamInitializer.GAMMA, Transforms.sqrt(var.add(s.eps()), true));
    bn.setParam(BatchNormalizationParamInitializer.BETA, mu);
    double identity = maxAbs(trainOutput(net, batch), batch);

    bn.setParam(BatchNormalizationParamInitializer.GAMMA, Nd4j.ones(DataType.DOUBLE, 1, n));
    bn.setParam(BatchNormalizationParamInitializer.BETA, Nd4j.zeros(DataType.DOUBLE, 1, n));
    double plainIdentity = maxAbs(trainOutput(net, batch), batch);
    double layerVariance =
        maxAbs(trainOutput(net, data).var(false, 0), Nd4j.ones(DataType.DOUBLE, n));

    // Running statistics: fit the whole data set (one batch holding all of it) again and again.
    DataSet all = new DataSet(data, Nd4j.zeros(DataType.DOUBLE, data.rows(), 1));
    for (int i = 0; i < s.fits(); i++) {
      net.fit(all);
    }
    INDArray runningMean =
        bn.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).reshape(1, n);
    INDArray runningVar = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).reshape(1, n);
    double meanError = maxAbs(runningMean, data.mean(0).reshape(1, n));
    double varError = maxAbs(runningVar, data.var(false, 0).reshape(1, n));
    INDArray g = bn.getParam(BatchNormalizationParamInitializer.GAMMA).reshape(1, n);
    INDArray b = bn.getParam(BatchNormalizationParamInitializer.BETA).reshape(1, n);
    INDArray test = net.feedForward(batch, false).get(1);
    double testFormula = maxAbs(test, formula(batch, runningMean, runningVar, s.eps(), g, b));
    double modes = maxAbs(test, trainOutput(net, batch));

    INDArray dataMu = data.mean(0).reshape(1, n);
    INDArray dataVar = data.var(false, 0).reshape(1, n);
    INDArray notes = data.subRowVector(dataMu).divRowVector(dataVar);
    INDArray sqrt =
        data.subRowVector(dataMu).divRowVector(Transforms.sqrt(dataVar.add(s.eps()), true));
    INDArray ones = Nd4j.ones(DataType.DOUBLE, n);
    return new BatchNormChecks(
        trainFormula,
        identity,
        plainIdentity,
        meanError,
        varError,
        testFormula,
        modes,
        maxAbs(notes.var(false, 0), ones),
        maxAbs(sqrt.var(false, 0), ones),
        layerVariance);
  }

  /** {@code examples} rows, feature j drawn from N(means_j, scales_j^2). */
  static INDArray features(HandCalculationsSettings.BatchNorm s, long seed) {
    Nd4j.getRandom().setSeed(seed);
    int n = s.means().size();
    INDArray scales =
        Nd4j.createFromArray(s.scales().stream().mapToDouble(Double::doubleValue).toArray())
            .reshape(1, n);
    INDArray means =
        Nd4j.createFromArray(s.means().stream().mapToDouble(Double::doubleValue).toArray())
            .reshape(1, n);
    return Nd4j.randn(DataType.DOUBLE, s.examples(), n).mulRowVector(scales).addRowVector(means);
  }

  /** gamma (x - mu) / sqrt(var + eps) + beta, row-wise in ND4J. */
  static INDArray formula(
      INDArray x, INDArray mu, INDArray var, double eps, INDArray gamma, INDArray beta) {
    return x.subRowVector(mu)
        .divRowVector(Transforms.sqrt(var.add(eps), true))
        .mulRowVector(gamma)
        .addRowVector(beta);
  }

  private static MultiLayerNetwork network(int n, double eps, double decay, long seed) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .updater(new Sgd(0.01))
                .list()
                // useLogStd(false): DL4J then keeps the running variance itself (the default keeps
                // log10 of the std)
                .layer(
                    new BatchNormalization.Builder()
                        .nIn(n)
                        .nOut(n)
                        .eps(eps)
                        .decay(decay)
                        .useLogStd(false)
                        .build())
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .nIn(n)
                        .nOut(1)
                        .activation(Activation.IDENTITY)
                        .build())
                .build());
    net.init();
    return net;
  }

  private static INDArray trainOutput(MultiLayerNetwork net, INDArray x) {
    return net.feedForward(x, true).get(1);
  }

  private static double maxAbs(INDArray a, INDArray b) {
    return a.reshape(b.shape()).sub(b).amaxNumber().doubleValue();
  }
}
