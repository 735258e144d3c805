package org.examlab.datasets.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class ImageFilesTest {
  @TempDir Path dir;

  @Test
  void grayscalePngRoundTripsThroughDataVec() throws Exception {
    BufferedImage image = new BufferedImage(5, 3, BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setSample(4, 2, 0, 200);
    image.getRaster().setSample(0, 0, 0, 17);
    Path file = dir.resolve("a.png");
    ImageFiles.writePng(image, file);

    INDArray read = ImageFiles.read(file, 1, 3, 5);
    assertArrayEquals(new long[] {1, 1, 3, 5}, read.shape());
    assertEquals(200.0, read.getDouble(0, 0, 2, 4), 1e-6);
    assertEquals(17.0, read.getDouble(0, 0, 0, 0), 1e-6);
    assertEquals(0.0, read.getDouble(0, 0, 1, 1), 1e-6);
  }

  @Test
  void badFilesAreReportedByName() throws Exception {
    Path missing = dir.resolve("missing.png");
    ImageFileException e =
        assertThrows(ImageFileException.class, () -> ImageFiles.read(missing, 1));
    assertTrue(e.getMessage().contains("missing.png"), e.getMessage());

    Path corrupt = dir.resolve("corrupt.png");
    Files.write(corrupt, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    e = assertThrows(ImageFileException.class, () -> ImageFiles.read(corrupt, 1));
    assertTrue(e.getMessage().contains("corrupt.png"), e.getMessage());

    Path small = dir.resolve("small.png");
    ImageFiles.writePng(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), small);
    e = assertThrows(ImageFileException.class, () -> ImageFiles.read(small, 1, 28, 28));
    assertTrue(
        e.getMessage().contains("small.png") && e.getMessage().contains("4x4"), e.getMessage());
  }
}
