package org.examlab.datasets.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.datavec.image.loader.NativeImageLoader;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads image files through DataVec (the same path a user's own folder of images takes) and writes
 * generated images as PNG. Pixel values stay in [0, 255]; normalizing is the caller's choice.
 * Arrays are NCHW with one example: [1, channels, height, width].
 */
public final class ImageFiles {
  private ImageFiles() {}

  /** Reads {@code file} at its own size as {@code channels} channels (1 = grayscale, 3 = RGB). */
  public static INDArray read(Path file, int channels) throws ImageFileException {
    if (!Files.isRegularFile(file)) {
      throw new ImageFileException(file, "no such image file");
    }
    if (!Files.isReadable(file)) {
      throw new ImageFileException(file, "the image file is not readable");
    }
    // Without a target size NativeImageLoader keeps the file's own size, so a wrong-sized file
    // is reported instead of being silently resized.
    NativeImageLoader loader = new NativeImageLoader(-1, -1, channels);
    INDArray image;
    try {
      image = loader.asMatrix(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw new ImageFileException(file, "not a readable image (" + e.getMessage() + ")");
    }
    if (image == null || image.rank() != 4 || image.length() == 0) {
      throw new ImageFileException(file, "not a readable image (corrupt or empty)");
    }
    return image;
  }

  /** Reads {@code file} and checks that it is exactly {@code height} x {@code width} pixels. */
  public static INDArray read(Path file, int channels, int height, int width)
      throws ImageFileException {
    INDArray image = read(file, channels);
    long h = image.size(2);
    long w = image.size(3);
    if (h != height || w != width) {
      throw new ImageFileException(
          file,
          "the image is "
              + w
              + "x"
              + h
              + " pixels (width x height), expected "
              + width
              + "x"
              + height);
    }
    return image;
  }

  /** Writes {@code image} as PNG through a temporary file, so a reader never sees half a file. */
  public static void writePng(BufferedImage image, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
    try {
      if (!ImageIO.write(image, "png", tmp.toFile())) {
        throw new IOException("no PNG writer available");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
