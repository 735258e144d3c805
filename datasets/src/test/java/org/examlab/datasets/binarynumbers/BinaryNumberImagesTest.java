package org.examlab.datasets.binarynumbers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.examlab.datasets.images.ImageFileException;
import org.examlab.datasets.images.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryNumberImagesTest {
  static final BinaryNumberRenderer RENDERER =
      new BinaryNumberRenderer(
          8, 4, 16, 64, List.of("SansSerif", "Monospaced"), 11, 14, 0.5, 3, 8, 0);
  @TempDir Path dir;

  @Test
  void digitsAreGroupedMostSignificantFirst() {
    assertEquals("0101 0110", RENDERER.text(0b01010110));
    assertEquals("1111 0000", RENDERER.text(240));
    assertEquals(255, RENDERER.maxValue());
  }

  @Test
  void generatedPngsReadBackThroughDataVecWithTheirLabels() throws Exception {
    BinaryNumberImages images = new BinaryNumberImages(RENDERER, 12, 7);
    Path folder = images.writeTo(dir.resolve("cache"));
    LabelledImageFolder.Images read = LabelledImageFolder.read(folder, 16, 64, 255);

    assertEquals(12, read.size());
    assertArrayEquals(new long[] {12, 1, 16, 64}, read.pixels().shape());
    List<String> lines = Files.readAllLines(folder.resolve("labels.csv"));
    for (int i = 0; i < 12; i++) {
      assertEquals(read.files().get(i).getFileName() + "," + read.values()[i], lines.get(i + 1));
      double darkest = read.pixels().slice(i).minNumber().doubleValue();
      double lightest = read.pixels().slice(i).maxNumber().doubleValue();
      assertTrue(
          darkest < 100 && lightest > 180,
          "dark digits on light paper, got " + darkest + ".." + lightest);
    }
    // Same settings, same seed: the same folder, reused as it is; the pixels are the same on a
    // fresh write.
    assertEquals(folder, images.writeTo(dir.resolve("cache")));
    Path again = images.writeTo(dir.resolve("other"));
    assertEquals(lines, Files.readAllLines(again.resolve("labels.csv")));
    assertEquals(read.pixels(), LabelledImageFolder.read(again, 16, 64, 255).pixels());
    assertTrue(
        !folder.equals(new BinaryNumberImages(RENDERER, 12, 8).folderUnder(dir.resolve("cache"))),
        "another seed, another folder");
  }

  @Test
  void everyBadInputNamesTheFile() throws Exception {
    Path folder = new BinaryNumberImages(RENDERER, 3, 1).writeTo(dir);
    Path labels = folder.resolve("labels.csv");
    List<String> good = Files.readAllLines(labels);

    Files.write(folder.resolve("0.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
    assertProblem(folder, "0.png", "not a readable image");
    ImageFiles.writePng(
        new BufferedImage(20, 16, BufferedImage.TYPE_BYTE_GRAY), folder.resolve("0.png"));
    assertProblem(folder, "0.png", "20x16");
    ImageFiles.writePng(
        new BufferedImage(64, 16, BufferedImage.TYPE_BYTE_GRAY), folder.resolve("0.png"));
    LabelledImageFolder.read(folder, 16, 64, 255); // repaired

    ImageFiles.writePng(
        new BufferedImage(64, 16, BufferedImage.TYPE_BYTE_GRAY), folder.resolve("extra.png"));
    assertProblem(folder, "extra.png", "has no label");
    Files.delete(folder.resolve("extra.png"));

    Files.write(labels, List.of(good.get(0), good.get(1), good.get(2), "gone.png,3"));
    assertProblem(folder, "gone.png", "no such image file");
    Files.write(labels, List.of(good.get(0), good.get(1), good.get(2), "2.png,"));
    assertProblem(folder, "labels.csv", "line 4: the label of 2.png is missing");
    Files.write(labels, List.of(good.get(0), good.get(1), good.get(2), "2.png,256"));
    assertProblem(folder, "labels.csv", "between 0 and 255");
    Files.delete(labels);
    assertProblem(folder, "labels.csv", "missing");
  }

  private static void assertProblem(Path folder, String file, String problem) {
    ImageFileException e =
        assertThrows(ImageFileException.class, () -> LabelledImageFolder.read(folder, 16, 64, 255));
    assertTrue(e.getMessage().contains(file) && e.getMessage().contains(problem), e.getMessage());
  }
}
