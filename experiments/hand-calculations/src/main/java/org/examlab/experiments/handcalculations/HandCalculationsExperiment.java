package org.examlab.experiments.handcalculations;

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
 * The exams' hand calculations (003-6a, 003-6c, 003-6d, 003-2a), computed by the
 * framework. The claim rules in the config hold what each exam wrote, so a verdict says whether
 * the exam's number is right; a refuted one is an exam error the evidence shows.
 *
 * <p>Measurements: {@code rnn_cell.parameters}; {@code relu_rnn_forward.h<t>};
 * {@code relu_rnn_backward.h<t>}, {@code relu_rnn_backward.dh<T>_dv}, {@code .dh<T>_dw},
 * {@code .dh<T>_dx1}; {@code forward_sums.small}, {@code forward_sums.large};
 * {@code convolution.output_channels}, {@code .output_height}, {@code .output_width},
 * {@code .exam_formula}; {@code filters.weight_tensor_rank}, {@code filters.weights};
 * {@code stacked.receptive_field}. They do not depend on the seed.
 */
public final class HandCalculationsExperiment implements Experiment<HandCalculationsSettings> {
  private static final Logger LOG = LoggerFactory.getLogger(HandCalculationsExperiment.class);

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
    return List.of("003-6a", "003-6c", "003-6d", "003-2a");
  }

  @Override
  public boolean trains() {
    return false;
  }

  @Override
  public Set<String> measurementNames(HandCalculationsSettings settings, RunSettings run) {
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
    return names;
  }

  @Override
  public void run(HandCalculationsSettings settings, RunContext context) {
    Map<String, Double> values = compute(settings);
    values.forEach((name, value) -> LOG.info("{} = {}", name, value));
    for (long seed : context.seeds()) {
      values.forEach((name, value) -> context.metrics().measure(seed, name, value));
    }
  }

  /** Every quantity, by measurement name, in the order the exam asks for them. */
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

    v.put("forward_sums.small", HandCalculations.forwardSum(s.forwardSums().inputs(), s.forwardSums().smallWeights()));
    v.put("forward_sums.large", HandCalculations.forwardSum(s.forwardSums().inputs(), s.forwardSums().largeWeights()));

    return v;
  }
}
