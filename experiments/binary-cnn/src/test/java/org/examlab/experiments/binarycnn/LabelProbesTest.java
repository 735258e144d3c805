package org.examlab.experiments.binarycnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.datavec.image.loader.NativeImageLoader;
import org.examlab.datasets.binarynumbers.BinaryNumberImages;
import org.examlab.datasets.binarynumbers.BinaryNumberRenderer;
import org.examlab.datasets.binarynumbers.LabelledImageFolder;
import org.examlab.datasets.binarynumbers.LabelledImageFolder.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The flipped test pictures claim 000-9e's reader sees are the rendered PNGs mirrored (known
 * answer: pixel (y, x) moves to (y, w-1-x) or (h-1-y, x)).
 */
class LabelProbesTest {
  @TempDir Path dir;

  @Test
  void flippedTestPicturesAreTheRendersMirroredOnTheRightAxis() throws Exception {
    BinaryNumberRenderer renderer =
        new BinaryNumberRenderer(8, 4, 16, 64, List.of("SansSerif"), 11, 13, 0.5, 2, 5, 0.1);
    Path folder = new BinaryNumberImages(renderer, 5, 11).writeTo(dir);
    List<Path> files =
        LabelledImageFolder.examples(folder, 255).stream()
            .map(LabelledImageFolder.Example::file)
            .toList();
    INDArray clean = LabelledImageFolder.read(files, new NativeImageLoader(16, 64, 1));
    Images test = new Images(files, new long[files.size()], clean);
    LabelProbes probes = new LabelProbes(test, Standardization.of(clean), 16, 64, 8);
    INDArray horizontal = probes.transformed(LabelProbes.flip(LabelProbes.FlipKind.HORIZONTAL));
    INDArray vertical = probes.transformed(LabelProbes.flip(LabelProbes.FlipKind.VERTICAL));
    for (int i = 0; i < files.size(); i++) {
      for (int y = 0; y < 16; y++) {
        for (int x = 0; x < 64; x++) {
          assertEquals(clean.getDouble(i, 0, y, 63 - x), horizontal.getDouble(i, 0, y, x), 1e-6);
          assertEquals(clean.getDouble(i, 0, 15 - y, x), vertical.getDouble(i, 0, y, x), 1e-6);
        }
      }
    }
  }
}
