package org.examlab.experiments.optimization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.examlab.architecture.ReluMlp;
import org.examlab.datasets.tabular.TeacherTask;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.validation.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

class GradientNoiseTest {
  private final OptimizationSettings settings = OptimizationSettingsTest.SMALL;

  @Test
  void aMinibatchGradientIsTheMeanOfItsExamplesGradients() {
    MultiLayerNetwork net =
        ReluMlp.build(
            new NeuralNetConfiguration.Builder()
                .seed(3)
                .updater(new Sgd(0.0))
                .weightInit(WeightInit.RELU),
            6,
            2,
            16,
            1.0);
    DataSet data = new TeacherTask(6, 8, 1L).generate(20, 5L);
    INDArray batch = GradientNoise.meanGradient(net, data.getFeatures(), data.getLabels());
    double[] sum = new double[(int) batch.length()];
    for (int i = 0; i < 20; i++) { // plain Java arithmetic over one-example backward passes
      double[] g =
          GradientNoise.meanGradient(
                  net, data.getFeatures().getRows(i), data.getLabels().getRows(i))
              .toDoubleVector();
      for (int k = 0; k < g.length; k++) {
        sum[k] += g[k] / 20;
      }
    }
    double[] b = batch.toDoubleVector();
    for (int k = 0; k < b.length; k++) {
      assertEquals(sum[k], b[k], 1e-5 + 1e-4 * Math.abs(sum[k]), "parameter " + k);
    }
  }

  @Test
  void distinctExamplesFallAsOneOverBAndRepeatedOnesDoNot() {
    MetricsRecorder m = MetricsRecorder.inMemory("test");
    GradientNoise.measure(
        new GradientNoiseSettings(256, List.of(1, 4, 16), 60),
        settings,
        new TeacherTask(6, 8, 1L),
        1L,
        m);
    assertEquals(-1.0, m.measurements().get(GradientNoise.SLOPE.name()).get(1L), 0.15);
    assertEquals(0.0, m.measurements().get(GradientNoise.DUPLICATED_SLOPE.name()).get(1L), 0.15);
  }

  @Test
  void batchesTooLargeForThePoolAreRefusedNamingTheField() {
    var e =
        assertThrows(
            InvalidSettingException.class,
            () -> new GradientNoiseSettings(256, List.of(1, 8, 32), 50));
    assertEquals("gradientNoise.batchSizes", e.field());
  }
}
