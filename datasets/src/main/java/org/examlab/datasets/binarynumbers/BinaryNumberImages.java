package org.examlab.datasets.binarynumbers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.examlab.datasets.images.ImageFiles;

/**
 * The {@code binary-numbers} dataset on disk: {@code count} rendered pictures of uniformly drawn
 * numbers as PNG files plus {@code labels.csv} ({@code file,value}), deterministically from {@code
 * seed}; the layout {@link LabelledImageFolder} reads, the same as a user's own folder.
 *
 * <p>{@link #writeTo} caches: the folder is named by a hash of every generator setting, and {@code
 * labels.csv} is written last and atomically, so a folder with it is complete and is reused as is;
 * one without it (an interrupted generation) is written again.
 */
public record BinaryNumberImages(BinaryNumberRenderer renderer, int count, long seed) {
  public static final String LABELS = "labels.csv";

  public BinaryNumberImages {
    if (renderer == null) {
      throw new IllegalArgumentException("renderer must be given");
    }
    if (count < 1 || count > 10_000_000) {
      throw new IllegalArgumentException("count must be between 1 and 10,000,000, got " + count);
    }
  }

  /** The folder under {@code cacheRoot} for these settings: {@code binary-numbers-<hash>}. */
  public Path folderUnder(Path cacheRoot) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(toString().getBytes(StandardCharsets.UTF_8));
      return cacheRoot.resolve("binary-numbers-" + HexFormat.of().formatHex(digest, 0, 6));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Writes the dataset under {@code cacheRoot} unless it is there already; returns its folder. */
  public Path writeTo(Path cacheRoot) throws IOException {
    Path folder = folderUnder(cacheRoot);
    if (Files.isRegularFile(folder.resolve(LABELS))) {
      return folder;
    }
    Files.createDirectories(folder);
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder labels = new StringBuilder("file,value\n");
    int digits = String.valueOf(count - 1).length();
    for (int i = 0; i < count; i++) {
      long value = random.nextLong(renderer.maxValue() + 1);
      String file = String.format("%0" + digits + "d.png", i);
      ImageFiles.writePng(renderer.render(value, random.split()), folder.resolve(file));
      labels.append(file).append(',').append(value).append('\n');
    }
    Path tmp = Files.createTempFile(folder, LABELS, ".tmp");
    try {
      Files.writeString(tmp, labels);
      Files.move(
          tmp,
          folder.resolve(LABELS),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return folder;
  }
}
