package org.examlab.experiments.handcalculations;

import java.util.Map;
import org.examlab.harness.backend.SameDiffQuiet;
import org.examlab.harness.metrics.MeasuredFields;
import org.examlab.harness.metrics.Measurement;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient descent on the perceptron criterion of seed 004 (claim 004-FF/gd), E(w, w0) = -sum over
 * misclassified examples of t (w.x + w0), t in {-1, 1}: SameDiff writes it as sum(relu(-t (x w +
 * w0))) (a correctly classified example adds relu(negative) = 0) and differentiates it; one step w
 * - eta dE/dw is compared with the notes' rule w + eta t x (and w0 + eta t), which is computed in
 * plain arithmetic with the misclassified examples found by their sign.
 *
 * @param singleStepError max |autodiff step - rule| for one misclassified example (w and w0)
 * @param batchStepError the same for a batch of random examples, the rule summed over those
 *     misclassified
 * @param stepSize max |eta dE/dw| of the single example (control: the example is misclassified, the
 *     step is not 0)
 * @param misclassified how many of the batch are misclassified (neither none nor all, so the sum
 *     selects)
 */
record PerceptronStep(
    double singleStepError, double batchStepError, double stepSize, double misclassified) {
  static final MeasuredFields<PerceptronStep> FIELDS =
      new MeasuredFields<PerceptronStep>()
          .add(
              Measurement.of("perceptron_gd", "single_step_error"), PerceptronStep::singleStepError)
          .add(Measurement.of("perceptron_gd", "batch_step_error"), PerceptronStep::batchStepError)
          .add(Measurement.of("perceptron_gd", "step_size"), PerceptronStep::stepSize)
          .add(Measurement.of("perceptron_gd", "misclassified"), PerceptronStep::misclassified);

  static PerceptronStep measure(HandCalculationsSettings.Perceptron s, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray w = Nd4j.randn(DataType.DOUBLE, s.inputs(), 1);
    double w0 = Nd4j.randn(DataType.DOUBLE, 1).getDouble(0);

    INDArray x = Nd4j.randn(DataType.DOUBLE, 1, s.inputs());
    double score = x.mmul(w).getDouble(0) + w0;
    INDArray t =
        Nd4j.createFromArray(new double[] {score > 0 ? -1 : 1})
            .reshape(1, 1); // the wrong side: misclassified
    Step single = step(w, w0, x, t, s.learningRate());

    INDArray batch = Nd4j.randn(DataType.DOUBLE, s.batch(), s.inputs());
    INDArray labels =
        Nd4j.rand(DataType.DOUBLE, s.batch(), 1).gt(0.5).castTo(DataType.DOUBLE).muli(2).subi(1);
    Step many = step(w, w0, batch, labels, s.learningRate());
    return new PerceptronStep(single.error(), many.error(), single.size(), many.misclassified());
  }

  private record Step(double error, double size, int misclassified) {}

  private static Step step(INDArray w, double w0, INDArray x, INDArray t, double eta) {
    SameDiff sd = SameDiff.create();
    SDVariable weights = sd.var("w", w.dup());
    SDVariable bias = sd.var("w0", Nd4j.scalar(w0).reshape(1, 1));
    SDVariable margin = sd.constant("x", x).mmul(weights).add(bias).mul(sd.constant("t", t));
    sd.nn().relu(margin.neg(), 0.0).sum().markAsLoss();
    Map<String, INDArray> grads =
        SameDiffQuiet.call(() -> sd.calculateGradients(Map.of(), "w", "w0"));
    INDArray stepW = w.sub(grads.get("w").mul(eta));
    double stepW0 = w0 - eta * grads.get("w0").getDouble(0);

    INDArray ruleW = w.dup();
    double ruleW0 = w0;
    int misclassified = 0;
    for (int i = 0; i < x.rows(); i++) {
      double ti = t.getDouble(i, 0);
      INDArray xi = x.getRow(i).reshape(1, x.columns());
      if (ti * (xi.mmul(w).getDouble(0) + w0) < 0) {
        ruleW.addi(xi.reshape(w.shape()).mul(eta * ti));
        ruleW0 += eta * ti;
        misclassified++;
      }
    }
    double error = Math.max(stepW.sub(ruleW).amaxNumber().doubleValue(), Math.abs(stepW0 - ruleW0));
    return new Step(error, grads.get("w").mul(eta).amaxNumber().doubleValue(), misclassified);
  }
}
