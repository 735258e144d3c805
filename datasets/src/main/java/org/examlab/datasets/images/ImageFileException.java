package org.examlab.datasets.images;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An image file that cannot be used: missing, unreadable, corrupt or of the wrong size. Names the
 * file.
 */
public final class ImageFileException extends IOException {
  private final Path file;

  public ImageFileException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
