package org.examlab.experiments.handcalculations;

import org.examlab.harness.metrics.Measurements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.examlab.harness.config.RunSettings;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exams' hand calculations and small exact computations (003-6a, 003-6c, 003-6d, 003-2a, 002-1,
 * 003-1g, 003-1f, 003-6b, 003-6e, 003-8d, 004-FF/gd, 004-RNN/bptt, 004-FF/zero-init,
 * 004-FF/universal, 003-3b, 003-3c, 004-BN/formula, 001-8, 000-11/colourisation), computed by the
 * framework. The claim rules in the config hold what each exam wrote, so a verdict says whether the
 * exam's statement is right; a refuted one is an exam error the evidence shows.
 *
 * <p>Measurements that do not depend on the seed: {@code rnn_cell.parameters}; {@code
 * relu_rnn_forward.h<t>}; {@code relu_rnn_backward.h<t>}, {@code relu_rnn_backward.dh<T>_dv},
 * {@code .dh<T>_dw}, {@code .dh<T>_dx1}; {@code forward_sums.small}, {@code forward_sums.large};
 * {@code bias.*} ({@link BiasThreshold}). Per seed (random weights, inputs and examples): {@code
 * sigmoid_layer.*}, {@code prelu_layer.params}, {@code tanh_layer.hit_fraction}, {@code
 * relu_layer.kink} ({@link SigmoidLayer}); {@code logistic.*} ({@link LogisticRegression}); {@code
 * zero_input.*} ({@link ZeroInputStep}); {@code accuracy_loss.*} ({@link AccuracyGradient}); {@code
 * perceptron_gd.*} ({@link PerceptronStep}); {@code bptt.*} ({@link SharedWeightGradient}); {@code
 * lstm_gates.*} ({@link LstmGates}); {@code zero_init.*} ({@link ZeroInit}); {@code bn.*} ({@link
 * BatchNormChecks}); {@code attention.*} ({@link AttentionChecks}); {@code colour.*} ({@link
 * ColourHead}); {@code universal.*} ({@link UniversalApproximation}).
 */
public final class HandCalculationsExperiment implements Experiment<HandCalculationsSettings> {
  private static final Logger LOG = LoggerFactory.getLogger(HandCalculationsExperiment.class);

  static final List<String> PER_SEED =
      List.of(
          "sigmoid_layer.params",
          "prelu_layer.params",
          "sigmoid_layer.hit_fraction",
          "tanh_layer.hit_fraction",
          "sigmoid_layer.kink",
          "relu_layer.kink",
          "sigmoid_layer.derivative_error",
          "sigmoid_layer.formula_error",
          "sigmoid_layer.backprop_error",
          "sigmoid_layer.backprop_gradient",
          "logistic.output_max_step",
          "logistic.output_span",
          "logistic.class_max_step",
          "logistic.nll_xent_error",
          "logistic.nll_mse_error",
          "zero_input.max_change",
          "zero_input.formula_error",
          "zero_input.fixed_point_change",
          "accuracy_loss.accuracy_nonzero",
          "accuracy_loss.cross_entropy_nonzero",
          "accuracy_loss.accuracy",
          "perceptron_gd.single_step_error",
          "perceptron_gd.batch_step_error",
          "perceptron_gd.step_size",
          "perceptron_gd.misclassified",
          "bptt.sum_error",
          "bptt.average_error",
          "bptt.last_step_error",
          "bptt.fd_error",
          "lstm_gates.forget",
          "lstm_gates.update",
          "lstm_gates.output",
          "lstm_gates.reference_distinct",
          "lstm_gates.memory_kept",
          "lstm_gates.hidden_moves",
          "zero_init.tanh_explained",
          "zero_init.relu_explained",
          "zero_init.sigmoid_explained",
          "zero_init.sigmoid_unit_spread",
          "zero_init.random_explained",
          "zero_init.tanh_output_spread",
          "bn.train_formula_error",
          "bn.identity_error",
          "bn.plain_identity_error",
          "bn.running_mean_error",
          "bn.running_var_error",
          "bn.test_formula_error",
          "bn.mode_difference",
          "bn.notes_variance_error",
          "bn.sqrt_variance_error",
          "bn.layer_variance_error",
          "attention.formula_error",
          "attention.unscaled_difference",
          "attention.batched_error",
          "attention.ops_growth",
          "attention.rnn_ops_growth",
          "colour.sum_error",
          "colour.softmax_worst_distance",
          "colour.softmax_white_distance",
          "colour.sigmoid_worst_distance");

  @Override
  public String name() {
    return "hand-calculations";
  }

  @Override
  public String summary() {
    return "The exams' hand calculations: RNN parameter count, ReLU-RNN forward values and autodiff derivatives, forward sums";
  }

  @Override
  public Class<HandCalculationsSettings> settingsType() {
    return HandCalculationsSettings.class;
  }

  @Override
  public List<String> claimIds() {
    return List.of(
        "003-6a",
        "003-6c",
        "003-6d",
        "003-2a",
        "002-1",
        "003-1g",
        "003-1f",
        "003-6b",
        "003-6e",
        "003-8d",
        "004-FF/gd",
        "004-RNN/bptt",
        "004-FF/zero-init",
        "004-FF/universal",
        "003-3b",
        "003-3c",
        "004-BN/formula",
        "001-8",
        "000-11/colourisation");
  }

  @Override
  public boolean trains() {
    return false;
  }

  @Override
  public Measurements measurements(HandCalculationsSettings settings, RunSettings run) {
    return Measurements.named(legacyNames(settings, run));
  }

  private Set<String> legacyNames(HandCalculationsSettings settings, RunSettings run) {
    // Named from the settings alone: config validation runs before the ND4J backend starts.
    Set<String> names = new java.util.LinkedHashSet<>(List.of("rnn_cell.parameters"));
    for (int t = 1; t <= settings.reluRnnForward().steps(); t++) {
      names.add("relu_rnn_forward.h" + t);
    }
    int steps = settings.reluRnnBackward().steps();
    for (int t = 1; t <= steps; t++) {
      names.add("relu_rnn_backward.h" + t);
    }
    for (String wrt : List.of("v", "w", "x1")) {
      names.add("relu_rnn_backward.dh" + steps + "_d" + wrt);
    }
    names.addAll(List.of("forward_sums.small", "forward_sums.large"));
    names.addAll(List.of("bias.accuracy_without", "bias.accuracy_with", "bias.threshold_with"));
    names.addAll(PER_SEED);
    names.addAll(UniversalApproximation.names());
    return names;
  }

  @Override
  public void run(HandCalculationsSettings settings, RunContext context) {
    Map<String, Double> values = compute(settings);
    values.forEach((name, value) -> LOG.info("{} = {}", name, value));
    for (long seed : context.seeds()) {
      values.forEach((name, value) -> context.metrics().measure(seed, name, value));
      Map<String, Double> random = computeForSeed(settings, seed);
      random.forEach((name, value) -> LOG.info("seed {}: {} = {}", seed, name, value));
      random.forEach((name, value) -> context.metrics().measure(seed, name, value));
    }
  }

  /**
   * Every quantity that does not depend on the seed, by measurement name, in the order the exam
   * asks for them.
   */
  static Map<String, Double> compute(HandCalculationsSettings s) {
    Map<String, Double> v = new LinkedHashMap<>();
    v.put("rnn_cell.parameters", (double) HandCalculations.rnnCellParameters(s.rnnCell()));

    HandCalculations.ReluRnnResult forward = HandCalculations.reluRnn(s.reluRnnForward());
    for (int t = 0; t < forward.hidden().length; t++) {
      v.put("relu_rnn_forward.h" + (t + 1), forward.hidden()[t]);
    }
    HandCalculations.ReluRnnResult backward = HandCalculations.reluRnn(s.reluRnnBackward());
    for (int t = 0; t < backward.hidden().length; t++) {
      v.put("relu_rnn_backward.h" + (t + 1), backward.hidden()[t]);
    }
    String last = "relu_rnn_backward.dh" + backward.hidden().length;
    v.put(last + "_dv", backward.dLastDv());
    v.put(last + "_dw", backward.dLastDw());
    v.put(last + "_dx1", backward.dLastDx1());

    v.put(
        "forward_sums.small",
        HandCalculations.forwardSum(s.forwardSums().inputs(), s.forwardSums().smallWeights()));
    v.put(
        "forward_sums.large",
        HandCalculations.forwardSum(s.forwardSums().inputs(), s.forwardSums().largeWeights()));

    BiasThreshold bias = BiasThreshold.measure(s.biasThreshold());
    v.put("bias.accuracy_without", bias.accuracyWithoutBias());
    v.put("bias.accuracy_with", bias.accuracyWithBias());
    v.put("bias.threshold_with", bias.thresholdWithBias());
    return v;
  }

  /**
   * The computations on random weights, inputs and examples drawn from {@code seed}, by measurement
   * name ({@link #PER_SEED}).
   */
  static Map<String, Double> computeForSeed(HandCalculationsSettings s, long seed) {
    Map<String, Double> v = new LinkedHashMap<>();
    SigmoidLayer sigmoid = SigmoidLayer.measure(s.activationGrid(), seed);
    v.put("sigmoid_layer.params", sigmoid.params());
    v.put("prelu_layer.params", sigmoid.preluParams());
    v.put("sigmoid_layer.hit_fraction", sigmoid.hitFraction());
    v.put("tanh_layer.hit_fraction", sigmoid.tanhHitFraction());
    v.put("sigmoid_layer.kink", sigmoid.kink());
    v.put("relu_layer.kink", sigmoid.reluKink());
    v.put("sigmoid_layer.derivative_error", sigmoid.derivativeError());
    v.put("sigmoid_layer.formula_error", sigmoid.formulaError());
    v.put("sigmoid_layer.backprop_error", sigmoid.backpropError());
    v.put("sigmoid_layer.backprop_gradient", sigmoid.backpropGradientNorm());

    LogisticRegression logistic = LogisticRegression.measure(s.logistic(), seed);
    v.put("logistic.output_max_step", logistic.outputMaxStep());
    v.put("logistic.output_span", logistic.outputSpan());
    v.put("logistic.class_max_step", logistic.classMaxStep());
    v.put("logistic.nll_xent_error", logistic.nllXentError());
    v.put("logistic.nll_mse_error", logistic.nllMseError());

    ZeroInputStep zero = ZeroInputStep.measure(s.rnnCell(), s.zeroInput(), seed);
    v.put("zero_input.max_change", zero.maxChange());
    v.put("zero_input.formula_error", zero.formulaError());
    v.put("zero_input.fixed_point_change", zero.fixedPointChange());

    AccuracyGradient accuracy = AccuracyGradient.measure(s.accuracyLoss(), seed);
    v.put("accuracy_loss.accuracy_nonzero", accuracy.accuracyNonZero());
    v.put("accuracy_loss.cross_entropy_nonzero", accuracy.crossEntropyNonZero());
    v.put("accuracy_loss.accuracy", accuracy.accuracyAtDraws());

    PerceptronStep perceptron = PerceptronStep.measure(s.perceptron(), seed);
    v.put("perceptron_gd.single_step_error", perceptron.singleStepError());
    v.put("perceptron_gd.batch_step_error", perceptron.batchStepError());
    v.put("perceptron_gd.step_size", perceptron.stepSize());
    v.put("perceptron_gd.misclassified", perceptron.misclassified());

    SharedWeightGradient bptt = SharedWeightGradient.measure(s.bptt(), seed);
    v.put("bptt.sum_error", bptt.sumError());
    v.put("bptt.average_error", bptt.averageError());
    v.put("bptt.last_step_error", bptt.lastStepError());
    v.put("bptt.fd_error", bptt.finiteDifferenceError());

    LstmGates lstm = LstmGates.measure(s.lstmCell(), seed);
    v.put("lstm_gates.forget", lstm.forget());
    v.put("lstm_gates.update", lstm.update());
    v.put("lstm_gates.output", lstm.output());
    v.put("lstm_gates.reference_distinct", lstm.referenceDistinct());
    v.put("lstm_gates.memory_kept", lstm.memoryKept());
    v.put("lstm_gates.hidden_moves", lstm.hiddenMoves());

    ZeroInit zeroInit = ZeroInit.measure(s.zeroInit(), seed);
    v.put("zero_init.tanh_explained", zeroInit.tanhExplained());
    v.put("zero_init.relu_explained", zeroInit.reluExplained());
    v.put("zero_init.sigmoid_explained", zeroInit.sigmoidExplained());
    v.put("zero_init.sigmoid_unit_spread", zeroInit.sigmoidUnitSpread());
    v.put("zero_init.random_explained", zeroInit.randomExplained());
    v.put("zero_init.tanh_output_spread", zeroInit.tanhOutputSpread());

    BatchNormChecks bn = BatchNormChecks.measure(s.batchNorm(), seed);
    v.put("bn.train_formula_error", bn.trainFormulaError());
    v.put("bn.identity_error", bn.identityError());
    v.put("bn.plain_identity_error", bn.plainIdentityError());
    v.put("bn.running_mean_error", bn.runningMeanError());
    v.put("bn.running_var_error", bn.runningVarError());
    v.put("bn.test_formula_error", bn.testFormulaError());
    v.put("bn.mode_difference", bn.modeDifference());
    v.put("bn.notes_variance_error", bn.notesVarianceError());
    v.put("bn.sqrt_variance_error", bn.sqrtVarianceError());
    v.put("bn.layer_variance_error", bn.layerVarianceError());

    AttentionChecks attention = AttentionChecks.measure(s.attention(), seed);
    v.put("attention.formula_error", attention.formulaError());
    v.put("attention.unscaled_difference", attention.unscaledDifference());
    v.put("attention.batched_error", attention.batchedError());
    v.put("attention.ops_growth", attention.opsGrowth());
    v.put("attention.rnn_ops_growth", attention.rnnOpsGrowth());

    ColourHead colour = ColourHead.measure(s.colourisation(), seed);
    v.put("colour.sum_error", colour.sumError());
    v.put("colour.softmax_worst_distance", colour.softmaxWorstDistance());
    v.put("colour.softmax_white_distance", colour.softmaxWhiteDistance());
    v.put("colour.sigmoid_worst_distance", colour.sigmoidWorstDistance());

    v.putAll(UniversalApproximation.measure(s.universal(), seed));
    return v;
  }
}
