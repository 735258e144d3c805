package org.examlab.experiments.handcalculations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Measurement;
import org.examlab.harness.metrics.Measurements;
import org.examlab.harness.settings.RunSettings;
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

  static final Measurement RNN_CELL_PARAMETERS = Measurement.of("rnn_cell", "parameters");
  static final Measurement FORWARD_SUM_SMALL = Measurement.of("forward_sums", "small");
  static final Measurement FORWARD_SUM_LARGE = Measurement.of("forward_sums", "large");

  /** h_t of the ReLU-RNN of the forward question. */
  static Measurement forwardHidden(int t) {
    return Measurement.of("relu_rnn_forward", "h" + t);
  }

  /** h_t of the ReLU-RNN of the backward question. */
  static Measurement backwardHidden(int t) {
    return Measurement.of("relu_rnn_backward", "h" + t);
  }

  /** dh_T/dv, dh_T/dw and dh_T/dx1 of the backward question's ReLU-RNN of T = {@code steps}. */
  static List<Measurement> backwardDerivatives(int steps) {
    return List.of("v", "w", "x1").stream()
        .map(wrt -> Measurement.of("relu_rnn_backward", "dh" + steps + "_d" + wrt))
        .toList();
  }

  /** The per-seed measurements ({@link #computeForSeed}), check by check. */
  static List<List<Measurement>> perSeed() {
    return List.of(
        SigmoidLayer.FIELDS.measurements(),
        LogisticRegression.FIELDS.measurements(),
        ZeroInputStep.FIELDS.measurements(),
        AccuracyGradient.FIELDS.measurements(),
        PerceptronStep.FIELDS.measurements(),
        SharedWeightGradient.FIELDS.measurements(),
        LstmGates.FIELDS.measurements(),
        ZeroInit.FIELDS.measurements(),
        BatchNormChecks.FIELDS.measurements(),
        AttentionChecks.FIELDS.measurements(),
        ColourHead.FIELDS.measurements(),
        UniversalApproximation.measurements());
  }

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
    // Named from the settings alone: config validation runs before the ND4J backend starts.
    Measurements declared = new Measurements();
    declared.add(RNN_CELL_PARAMETERS);
    for (int t = 1; t <= settings.reluRnnForward().steps(); t++) {
      declared.add(forwardHidden(t));
    }
    int steps = settings.reluRnnBackward().steps();
    for (int t = 1; t <= steps; t++) {
      declared.add(backwardHidden(t));
    }
    declared.addAll(backwardDerivatives(steps));
    declared.add(FORWARD_SUM_SMALL);
    declared.add(FORWARD_SUM_LARGE);
    declared.addAll(BiasThreshold.FIELDS.measurements());
    perSeed().forEach(declared::addAll);
    return declared;
  }

  @Override
  public void run(HandCalculationsSettings settings, RunContext context) {
    Map<Measurement, Double> values = compute(settings);
    values.forEach((name, value) -> LOG.info("{} = {}", name, value));
    for (long seed : context.seeds()) {
      values.forEach((name, value) -> context.metrics().measure(seed, name, value));
      Map<Measurement, Double> random = computeForSeed(settings, seed);
      random.forEach((name, value) -> LOG.info("seed {}: {} = {}", seed, name, value));
      random.forEach((name, value) -> context.metrics().measure(seed, name, value));
    }
  }

  /**
   * Every quantity that does not depend on the seed, by measurement name, in the order the exam
   * asks for them.
   */
  static Map<Measurement, Double> compute(HandCalculationsSettings s) {
    Map<Measurement, Double> v = new LinkedHashMap<>();
    v.put(RNN_CELL_PARAMETERS, (double) HandCalculations.rnnCellParameters(s.rnnCell()));

    HandCalculations.ReluRnnResult forward = HandCalculations.reluRnn(s.reluRnnForward());
    for (int t = 0; t < forward.hidden().length; t++) {
      v.put(forwardHidden(t + 1), forward.hidden()[t]);
    }
    HandCalculations.ReluRnnResult backward = HandCalculations.reluRnn(s.reluRnnBackward());
    for (int t = 0; t < backward.hidden().length; t++) {
      v.put(backwardHidden(t + 1), backward.hidden()[t]);
    }
    List<Measurement> derivatives = backwardDerivatives(backward.hidden().length);
    double[] dLast = {backward.dLastDv(), backward.dLastDw(), backward.dLastDx1()};
    for (int i = 0; i < dLast.length; i++) {
      v.put(derivatives.get(i), dLast[i]);
    }

    v.put(
        FORWARD_SUM_SMALL,
        HandCalculations.forwardSum(s.forwardSums().inputs(), s.forwardSums().smallWeights()));
    v.put(
        FORWARD_SUM_LARGE,
        HandCalculations.forwardSum(s.forwardSums().inputs(), s.forwardSums().largeWeights()));

    v.putAll(BiasThreshold.FIELDS.values(BiasThreshold.measure(s.biasThreshold())));
    return v;
  }

  /**
   * The computations on random weights, inputs and examples drawn from {@code seed}, by measurement
   * ({@link #perSeed}).
   */
  static Map<Measurement, Double> computeForSeed(HandCalculationsSettings s, long seed) {
    Map<Measurement, Double> v = new LinkedHashMap<>();
    v.putAll(SigmoidLayer.FIELDS.values(SigmoidLayer.measure(s.activationGrid(), seed)));
    v.putAll(LogisticRegression.FIELDS.values(LogisticRegression.measure(s.logistic(), seed)));
    v.putAll(ZeroInputStep.FIELDS.values(ZeroInputStep.measure(s.rnnCell(), s.zeroInput(), seed)));
    v.putAll(AccuracyGradient.FIELDS.values(AccuracyGradient.measure(s.accuracyLoss(), seed)));
    v.putAll(PerceptronStep.FIELDS.values(PerceptronStep.measure(s.perceptron(), seed)));
    v.putAll(SharedWeightGradient.FIELDS.values(SharedWeightGradient.measure(s.bptt(), seed)));
    v.putAll(LstmGates.FIELDS.values(LstmGates.measure(s.lstmCell(), seed)));
    v.putAll(ZeroInit.FIELDS.values(ZeroInit.measure(s.zeroInit(), seed)));
    v.putAll(BatchNormChecks.FIELDS.values(BatchNormChecks.measure(s.batchNorm(), seed)));
    v.putAll(AttentionChecks.FIELDS.values(AttentionChecks.measure(s.attention(), seed)));
    v.putAll(ColourHead.FIELDS.values(ColourHead.measure(s.colourisation(), seed)));
    v.putAll(UniversalApproximation.measure(s.universal(), seed));
    return v;
  }
}
