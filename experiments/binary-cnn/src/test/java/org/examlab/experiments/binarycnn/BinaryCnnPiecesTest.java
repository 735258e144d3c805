package org.examlab.experiments.binarycnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.datavec.image.loader.NativeImageLoader;
import org.examlab.datasets.binarynumbers.BinaryNumberImages;
import org.examlab.datasets.binarynumbers.BinaryNumberRenderer;
import org.examlab.datasets.binarynumbers.LabelledImageFolder;
import org.examlab.harness.config.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class BinaryCnnPiecesTest {
  @TempDir Path dir;

  @Test
  void everyHeadDecodesItsOwnTargets() {
    long[] values = {0, 1, 90, 128, 255};
    for (Head head : Head.values()) {
      INDArray targets = head.targets(values, 8);
      assertEquals(head.outputs(8), targets.size(1), head.yamlName());
      assertArrayEquals(values, head.decode(targets, 8), head.yamlName());
    }
    assertEquals(65_536, Head.SOFTMAX.outputs(16));
  }

  @Test
  void scoresCountWholeNumbersDigitsAndDistance() {
    NumberScores s = NumberScores.of(new long[] {5, 4, 0}, new long[] {5, 5, 3}, 4);
    assertEquals(1.0 / 3, s.exactAccuracy(), 1e-12);
    assertEquals((4 + 3 + 2) / 12.0, s.bitAccuracy(), 1e-12); // 4 vs 5 differ in one digit, 0 vs 3 in two
    assertEquals((0 + 1 + 3) / 3.0, s.meanAbsoluteError(), 1e-12);
  }

  @Test
  void softmaxBeyondTheExamsSixteenBitsIsRefused() {
    InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> settings(17, List.of(new BinaryCnnSettings.Variant("s", Head.SOFTMAX, null, null))));
    assertTrue(e.getMessage().contains("131,072"), e.getMessage());
    settings(16, List.of(new BinaryCnnSettings.Variant("s", Head.SOFTMAX, null, null)));
    settings(17, List.of(new BinaryCnnSettings.Variant("s", Head.BITS, null, null)));
    assertThrows(InvalidSettingException.class, () -> new BinaryCnnSettings.Augment(null, null, null, null, 1.5, null, null));
  }

  @Test
  void augmentationsKeepTheSizeAndAHorizontalFlipMirrorsExactly() throws Exception {
    BinaryNumberRenderer renderer = new BinaryNumberRenderer(8, 4, 16, 64, List.of("SansSerif"), 12, 13, 0, 2, 5, 0);
    Path folder = new BinaryNumberImages(renderer, 4, 3).writeTo(dir);
    List<Path> files = LabelledImageFolder.examples(folder, 255).stream().map(LabelledImageFolder.Example::file).toList();
    INDArray clean = LabelledImageFolder.read(files, new NativeImageLoader(16, 64, 1));

    INDArray flipped = read(files, new BinaryCnnSettings.Augment(null, null, null, BinaryCnnSettings.Flip.HORIZONTAL, 1.0, null, null), 1);
    for (int i = 0; i < 4; i++) {
      for (int y = 0; y < 16; y++) {
        for (int x = 0; x < 64; x++) {
          assertEquals(clean.getDouble(i, 0, y, 63 - x), flipped.getDouble(i, 0, y, x), 1e-6);
        }
      }
    }

    BinaryCnnSettings.Augment everything = new BinaryCnnSettings.Augment(0.1, 3, 2.0, BinaryCnnSettings.Flip.ANY, null, 0.8, 10.0);
    INDArray augmented = read(files, everything, 5);
    assertArrayEquals(clean.shape(), augmented.shape());
    assertNotEquals(clean, augmented);
    assertEquals(augmented, read(files, everything, 5), "same seed, same augmentation");
    assertNotEquals(augmented, read(files, everything, 6));
    assertTrue(augmented.maxNumber().doubleValue() <= 255 && augmented.minNumber().doubleValue() >= 0);
    assertEquals(null, Augmentations.pipeline(BinaryCnnSettings.Augment.NONE, 1));
  }

  private static INDArray read(List<Path> files, BinaryCnnSettings.Augment augment, long seed) throws Exception {
    return LabelledImageFolder.read(files, new NativeImageLoader(16, 64, 1, Augmentations.pipeline(augment, seed)));
  }

  static BinaryCnnSettings settings(int bits, List<BinaryCnnSettings.Variant> variants) {
    return new BinaryCnnSettings(
        new BinaryCnnSettings.Data(bits, 4, 16, 64, List.of("SansSerif"), 11, 14, 0.5, 2, 5, 100, 1, null, null, null),
        new BinaryCnnSettings.Split(0.2, 0.2), new BinaryCnnSettings.Network(2, 4, 8, null), new BinaryCnnSettings.Stopping(2, null),
        variants.get(0).name(), variants);
  }
}
