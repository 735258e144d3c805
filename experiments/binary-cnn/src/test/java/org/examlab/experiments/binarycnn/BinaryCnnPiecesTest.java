package org.examlab.experiments.binarycnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.datavec.image.loader.NativeImageLoader;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.datasets.binarynumbers.BinaryNumberImages;
import org.examlab.datasets.binarynumbers.BinaryNumberRenderer;
import org.examlab.datasets.binarynumbers.LabelledImageFolder;
import org.examlab.harness.config.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

class BinaryCnnPiecesTest {
  @TempDir Path dir;

  @Test
  void everyHeadDecodesItsOwnTargets() {
    long[] values = {0, 1, 90, 128, 255};
    for (Head head : Head.values()) {
      INDArray targets = head.targets(values, 8);
      assertEquals(head.targetColumns(8), targets.size(1), head.yamlName());
      INDArray perfectOutput = head == Head.SOFTMAX ? oneHot(targets, head.outputs(8)) : targets;
      assertArrayEquals(values, head.decode(perfectOutput, 8), head.yamlName());
    }
    assertEquals(65_536, Head.SOFTMAX.outputs(16));
    assertEquals(
        1,
        Head.SOFTMAX.targetColumns(16),
        "the softmax's targets are class indices, not 65,536 columns");
  }

  @Test
  void theSparseSoftmaxLossIsTheOneHotCrossEntropy() {
    long[] values = {0, 3, 200, 255, 17, 17};
    INDArray sparse = Head.SOFTMAX.targets(values, 8);
    INDArray preOutput = Nd4j.rand(DataType.DOUBLE, values.length, 256).muli(6).subi(3);
    ILossFunction sparseLoss = Head.SOFTMAX.outputLayer(4, 8).getLossFn();
    LossMCXENT dense = new LossMCXENT();
    INDArray oneHot = oneHot(sparse, 256).castTo(DataType.DOUBLE);
    IActivation softmax = new ActivationSoftmax();
    assertEquals(
        dense.computeScore(oneHot, preOutput.dup(), softmax, null, true),
        sparseLoss.computeScore(
            sparse.castTo(DataType.DOUBLE), preOutput.dup(), softmax, null, true),
        1e-12);
    INDArray denseGradient = dense.computeGradient(oneHot, preOutput.dup(), softmax, null);
    INDArray sparseGradient =
        sparseLoss.computeGradient(sparse.castTo(DataType.DOUBLE), preOutput.dup(), softmax, null);
    assertTrue(
        denseGradient.equalsWithEps(sparseGradient, 1e-12),
        "gradients differ: " + denseGradient.sub(sparseGradient).amaxNumber());
  }

  @Test
  void evaluationInChunksEqualsEvaluationAtOnce() {
    int n = 2 * BinaryCnnExperiment.EVALUATION_CHUNK + 37;
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(3)
                .list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(8).activation(Activation.TANH).build())
                .layer(Head.SOFTMAX.outputLayer(8, 2))
                .build());
    net.init();
    INDArray inputs = Nd4j.rand(DataType.FLOAT, n, 5).subi(0.5).muli(8);
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      values[i] = i % 4;
    }
    DataSet data = new DataSet(inputs, Head.SOFTMAX.targets(values, 2));
    assertEquals(net.score(data), BinaryCnnExperiment.score(net, data), 1e-5);
    NumberScores atOnce =
        NumberScores.of(Head.SOFTMAX.decode(net.output(inputs, false), 2), values, 2);
    NumberScores chunked = BinaryCnnExperiment.scores(net, inputs, values, Head.SOFTMAX, 2);
    assertEquals(atOnce, chunked);
    assertTrue(
        atOnce.exactAccuracy() > 0 && atOnce.exactAccuracy() < 1,
        "a net that reads some values, not all: " + atOnce);
  }

  private static INDArray oneHot(INDArray classIndices, int classes) {
    INDArray out = Nd4j.zeros(DataType.FLOAT, classIndices.size(0), classes);
    for (int i = 0; i < classIndices.size(0); i++) {
      out.putScalar(i, classIndices.getInt(i, 0), 1);
    }
    return out;
  }

  @Test
  void scoresCountWholeNumbersDigitsAndDistance() {
    NumberScores s = NumberScores.of(new long[] {5, 4, 0}, new long[] {5, 5, 3}, 4);
    assertEquals(1.0 / 3, s.exactAccuracy(), 1e-12);
    assertEquals(
        (4 + 3 + 2) / 12.0, s.bitAccuracy(), 1e-12); // 4 vs 5 differ in one digit, 0 vs 3 in two
    assertEquals((0 + 1 + 3) / 3.0, s.meanAbsoluteError(), 1e-12);
  }

  @Test
  void softmaxBeyondTheExamsSixteenBitsIsRefused() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () ->
                settings(
                    17, List.of(new BinaryCnnSettings.Variant("s", Head.SOFTMAX, null, null))));
    assertTrue(e.getMessage().contains("131,072"), e.getMessage());
    settings(16, List.of(new BinaryCnnSettings.Variant("s", Head.SOFTMAX, null, null)));
    settings(17, List.of(new BinaryCnnSettings.Variant("s", Head.BITS, null, null)));
    assertThrows(
        InvalidSettingException.class,
        () -> new BinaryCnnSettings.Augment(null, null, null, null, 1.5, null, null));
  }

  @Test
  void augmentationsKeepTheSizeAndAHorizontalFlipMirrorsExactly() throws Exception {
    BinaryNumberRenderer renderer =
        new BinaryNumberRenderer(8, 4, 16, 64, List.of("SansSerif"), 12, 13, 0, 2, 5, 0);
    Path folder = new BinaryNumberImages(renderer, 4, 3).writeTo(dir);
    List<Path> files =
        LabelledImageFolder.examples(folder, 255).stream()
            .map(LabelledImageFolder.Example::file)
            .toList();
    INDArray clean = LabelledImageFolder.read(files, new NativeImageLoader(16, 64, 1));

    INDArray flipped =
        read(
            files,
            new BinaryCnnSettings.Augment(
                null, null, null, BinaryCnnSettings.Flip.HORIZONTAL, 1.0, null, null),
            1);
    for (int i = 0; i < 4; i++) {
      for (int y = 0; y < 16; y++) {
        for (int x = 0; x < 64; x++) {
          assertEquals(clean.getDouble(i, 0, y, 63 - x), flipped.getDouble(i, 0, y, x), 1e-6);
        }
      }
    }

    BinaryCnnSettings.Augment everything =
        new BinaryCnnSettings.Augment(0.1, 3, 2.0, BinaryCnnSettings.Flip.ANY, null, 0.8, 10.0);
    INDArray augmented = read(files, everything, 5);
    assertArrayEquals(clean.shape(), augmented.shape());
    assertNotEquals(clean, augmented);
    assertEquals(augmented, read(files, everything, 5), "same seed, same augmentation");
    assertNotEquals(augmented, read(files, everything, 6));
    assertTrue(
        augmented.maxNumber().doubleValue() <= 255 && augmented.minNumber().doubleValue() >= 0);
    assertEquals(null, Augmentations.pipeline(BinaryCnnSettings.Augment.NONE, 1));
  }

  private static INDArray read(List<Path> files, BinaryCnnSettings.Augment augment, long seed)
      throws Exception {
    return LabelledImageFolder.read(
        files, new NativeImageLoader(16, 64, 1, Augmentations.pipeline(augment, seed)));
  }

  static BinaryCnnSettings settings(int bits, List<BinaryCnnSettings.Variant> variants) {
    return new BinaryCnnSettings(
        new BinaryCnnSettings.Data(
            bits, 4, 16, 64, List.of("SansSerif"), 11, 14, 0.5, 2, 5, 100, 1, null, null, null),
        new BinaryCnnSettings.Split(0.2, 0.2),
        new BinaryCnnSettings.Network(2, 4, 8, null),
        new BinaryCnnSettings.Stopping(2, null),
        variants.get(0).name(),
        variants);
  }
}
