package org.examlab.experiments.regularization;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.datasets.Seeds;
import org.examlab.harness.metrics.Classification;
import org.examlab.harness.metrics.Measurement;
import org.examlab.harness.metrics.MetricsRecorder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Claim 002-3a/ensemble: dropout "promotes ensemble learning". A trained dropout network defines an
 * ensemble of sub-networks, one per dropout mask; the usual test-time prediction scales the weights
 * instead (DL4J's inverted dropout: no mask at test time). On the test set: the sub-networks of
 * {@code masks} sampled masks (a forward pass in training mode each), their averaged probabilities
 * (the Monte-Carlo ensemble) and the weight-scaled prediction.
 *
 * <p>Per seed: {@code mc_accuracy} (the ensemble's test accuracy), {@code single_mask_accuracy}
 * (the mean test accuracy of one sub-network), {@code scaled_minus_mc_accuracy} (the usual
 * prediction's accuracy minus the ensemble's) and {@code scaled_mc_agreement} (the share of test
 * examples both predict the same class for).
 */
final class DropoutEnsemble {
  static final Measurement MC_ACCURACY = Measurement.of("mc_accuracy");
  static final Measurement SINGLE_MASK_ACCURACY = Measurement.of("single_mask_accuracy");
  static final Measurement SCALED_MINUS_MC_ACCURACY = Measurement.of("scaled_minus_mc_accuracy");
  static final Measurement SCALED_MC_AGREEMENT = Measurement.of("scaled_mc_agreement");
  static final List<Measurement> ALL =
      List.of(MC_ACCURACY, SINGLE_MASK_ACCURACY, SCALED_MINUS_MC_ACCURACY, SCALED_MC_AGREEMENT);

  private DropoutEnsemble() {}

  static void measure(
      MultiLayerNetwork net, DataSet test, int masks, long seed, MetricsRecorder m) {
    INDArray x = test.getFeatures();
    INDArray labels = test.getLabels();
    Nd4j.getRandom().setSeed(Seeds.derive(seed, "dropout-ensemble"));
    INDArray sum = null;
    double single = 0;
    for (int k = 0; k < masks; k++) {
      INDArray p = net.output(x, true); // training mode: a fresh dropout mask per pass
      single += Classification.accuracy(p, labels) / masks;
      sum = sum == null ? p.dup() : sum.addi(p);
    }
    INDArray ensemble = sum.divi(masks);
    INDArray scaled = net.output(x, false);
    m.measure(seed, MC_ACCURACY, Classification.accuracy(ensemble, labels));
    m.measure(seed, SINGLE_MASK_ACCURACY, single);
    m.measure(
        seed,
        SCALED_MINUS_MC_ACCURACY,
        Classification.accuracy(scaled, labels) - Classification.accuracy(ensemble, labels));
    INDArray same = scaled.argMax(1).eq(ensemble.argMax(1));
    m.measure(
        seed,
        SCALED_MC_AGREEMENT,
        same.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).meanNumber().doubleValue());
  }
}
