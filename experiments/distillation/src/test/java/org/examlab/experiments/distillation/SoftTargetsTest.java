package org.examlab.experiments.distillation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.examlab.architecture.ReluMlp;
import org.examlab.datasets.tabular.TeacherTask;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

class SoftTargetsTest {
  @Test
  void softenedTargetsAreTheSoftmaxOfTheLogitsOverTMixedWithTheHardLabels() {
    MultiLayerNetwork teacher =
        ReluMlp.build(
            new NeuralNetConfiguration.Builder()
                .seed(5)
                .updater(new Sgd(0.1))
                .weightInit(WeightInit.RELU),
            4,
            1,
            8,
            1.0);
    DataSet data = new TeacherTask(4, 4, 1L).generate(10, 3L);
    double t = 3.0;
    double alpha = 0.25;
    INDArray targets =
        DistillationExperiment.targets(
                data, teacher, true, Map.of("temperature", t, "alpha", alpha))
            .getLabels();
    // Independently: the output layer's pre-activations (logits) from DL4J, softmax(z / T) in plain
    // Java.
    INDArray hidden = teacher.feedForwardToLayer(0, data.getFeatures(), false).get(1);
    INDArray logits =
        teacher
            .getLayer(1)
            .getParam("W")
            .transpose()
            .mmul(hidden.transpose())
            .transpose()
            .addRowVector(teacher.getLayer(1).getParam("b"));
    for (int i = 0; i < 10; i++) {
      double z0 = logits.getDouble(i, 0) / t;
      double z1 = logits.getDouble(i, 1) / t;
      double p1 = Math.exp(z1) / (Math.exp(z0) + Math.exp(z1));
      double expected = alpha * data.getLabels().getDouble(i, 1) + (1 - alpha) * p1;
      assertEquals(expected, targets.getDouble(i, 1), 1e-5, "example " + i);
      assertEquals(1.0, targets.getDouble(i, 0) + targets.getDouble(i, 1), 1e-6);
    }
    assertEquals(
        data.getLabels(),
        DistillationExperiment.targets(data, teacher, false, Map.of()).getLabels());
  }
}
