package org.examlab.harness.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trained networks saved into a run's {@code models/} ({@code artifacts.models: true}): one zip per
 * training, DL4J's own format (ModelSerializer: configuration JSON plus parameters), so a user can
 * load a network back and use it without Exam Lab.
 */
public final class ModelArtifacts {
  private static final Logger LOG = LoggerFactory.getLogger(ModelArtifacts.class);

  private final Path dir;

  public ModelArtifacts(Path dir) {
    this.dir = dir;
  }

  /**
   * {@code <task>-seed<k>.zip}, the task's slashes and other unsafe characters as '_'
   * ("rnn_len20-seed1.zip").
   */
  public static String fileName(String task, long seed) {
    return task.replaceAll("[^A-Za-z0-9.+-]", "_") + "-seed" + seed + ".zip";
  }

  /**
   * Saves {@code network} as {@link #fileName}, through a temporary file. A network the serializer
   * cannot write is logged and skipped: the run's measurements do not depend on it.
   */
  public Path save(String task, long seed, Model network) {
    Path file = dir.resolve(fileName(task, seed));
    try {
      Files.createDirectories(dir);
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      ModelSerializer.writeModel(network, tmp.toFile(), false);
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not save the model of {} seed {} to {}: {}", task, seed, file, e.toString());
      return null;
    }
  }
}
