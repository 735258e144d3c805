package org.examlab.experiments.binarycnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.datavec.image.loader.NativeImageLoader;
import org.examlab.datasets.binarynumbers.BinaryNumberImages;
import org.examlab.datasets.binarynumbers.BinaryNumberRenderer;
import org.examlab.datasets.binarynumbers.LabelledImageFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class AugmentationsTest {
  @TempDir Path dir;

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
}
