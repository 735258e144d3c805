package org.examlab.datasets.binarynumbers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.datavec.image.loader.NativeImageLoader;
import org.examlab.datasets.images.ImageFileException;
import org.examlab.datasets.images.ImageFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.SpecifiedIndex;

/**
 * A folder of grayscale images labelled with integers: the images, and {@code labels.csv} with a
 * header line {@code file,value} and one line per image. The generated {@code binary-numbers}
 * dataset has this layout and a user's own folder is read exactly the same way, through DataVec's
 * {@link NativeImageLoader}. Every problem is an {@link ImageFileException} naming the file: an
 * image without a label, a label without an image, an unreadable or corrupt image, one of the wrong
 * size, a label that is not a whole number in range.
 */
public final class LabelledImageFolder {
  private static final Set<String> IMAGE_EXTENSIONS =
      Set.of("png", "jpg", "jpeg", "bmp", "gif", "pgm", "tif", "tiff");

  private LabelledImageFolder() {}

  /** One labelled image. */
  public record Example(Path file, long value) {}

  /**
   * The images (NCHW [n, 1, height, width], gray levels 0..255) with their files and labels, in
   * labels.csv order.
   */
  public record Images(List<Path> files, long[] values, INDArray pixels) {
    public int size() {
      return files.size();
    }

    /** The examples at {@code indices}, in that order. */
    public Images subset(int[] indices) {
      List<Path> someFiles = new ArrayList<>(indices.length);
      long[] someValues = new long[indices.length];
      long[] rows = new long[indices.length];
      for (int i = 0; i < indices.length; i++) {
        someFiles.add(files.get(indices[i]));
        someValues[i] = values[indices[i]];
        rows[i] = indices[i];
      }
      return new Images(
          List.copyOf(someFiles), someValues, pixels.get(new SpecifiedIndex(rows)).dup());
    }
  }

  /** The examples labels.csv lists, checked against the folder's image files; reads no pixels. */
  public static List<Example> examples(Path folder, long maxValue) throws ImageFileException {
    if (!Files.isDirectory(folder)) {
      throw new ImageFileException(folder, "no such image folder");
    }
    Path labelFile = folder.resolve(BinaryNumberImages.LABELS);
    if (!Files.isRegularFile(labelFile)) {
      throw new ImageFileException(
          labelFile, "missing: the folder needs labels.csv with lines 'file,value'");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(labelFile);
    } catch (IOException e) {
      throw new ImageFileException(labelFile, "cannot be read (" + e.getMessage() + ")");
    }
    if (lines.isEmpty() || !lines.get(0).strip().equals("file,value")) {
      throw new ImageFileException(labelFile, "line 1: the header must be 'file,value'");
    }
    List<Example> examples = new ArrayList<>();
    Set<String> labelled = new HashSet<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split(",", -1);
      String where = "line " + (i + 1) + ": ";
      if (parts.length != 2 || parts[0].isBlank()) {
        throw new ImageFileException(
            labelFile, where + "expected 'file,value', got '" + line + "'");
      }
      String name = parts[0].strip();
      long value;
      try {
        value = Long.parseLong(parts[1].strip());
      } catch (NumberFormatException e) {
        throw new ImageFileException(
            labelFile,
            where
                + "the label of "
                + name
                + " is missing or not a whole number: '"
                + parts[1].strip()
                + "'");
      }
      if (value < 0 || value > maxValue) {
        throw new ImageFileException(
            labelFile,
            where
                + "the label of "
                + name
                + " must be between 0 and "
                + maxValue
                + ", got "
                + value);
      }
      if (!labelled.add(name)) {
        throw new ImageFileException(labelFile, where + name + " is labelled twice");
      }
      Path file = folder.resolve(name);
      if (!Files.isRegularFile(file)) {
        throw new ImageFileException(
            file, "listed in labels.csv (" + where.strip() + ") but no such image file");
      }
      examples.add(new Example(file, value));
    }
    if (examples.isEmpty()) {
      throw new ImageFileException(labelFile, "lists no images");
    }
    for (Path image : imageFiles(folder)) {
      if (!labelled.contains(image.getFileName().toString())) {
        throw new ImageFileException(image, "has no label: no line for it in " + labelFile);
      }
    }
    return examples;
  }

  /** Reads and checks every labelled image: each must be exactly {@code height x width}. */
  public static Images read(Path folder, int height, int width, long maxValue)
      throws ImageFileException {
    List<Example> examples = examples(folder, maxValue);
    List<INDArray> pixels = new ArrayList<>(examples.size());
    for (Example e : examples) {
      pixels.add(ImageFiles.read(e.file(), 1, height, width));
    }
    return new Images(
        examples.stream().map(Example::file).toList(),
        examples.stream().mapToLong(Example::value).toArray(),
        Nd4j.concat(0, pixels.toArray(INDArray[]::new)));
  }

  /**
   * Reads {@code files} through {@code loader} (which may carry a DataVec image transform: a fresh
   * random augmentation per call) as one NCHW array, in order.
   */
  public static INDArray read(List<Path> files, NativeImageLoader loader)
      throws ImageFileException {
    INDArray[] pixels = new INDArray[files.size()];
    for (int i = 0; i < pixels.length; i++) {
      Path file = files.get(i);
      try {
        pixels[i] = loader.asMatrix(file.toFile());
      } catch (IOException | RuntimeException e) {
        throw new ImageFileException(file, "not a readable image (" + e.getMessage() + ")");
      }
    }
    return Nd4j.concat(0, pixels);
  }

  private static List<Path> imageFiles(Path folder) throws ImageFileException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> IMAGE_EXTENSIONS.contains(extension(f)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new ImageFileException(folder, "cannot list the folder (" + e.getMessage() + ")");
    }
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
