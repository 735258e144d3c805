package org.examlab.harness.training;

import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;
import org.examlab.harness.validation.ConfigException;

/**
 * DL4J's training-UI storage for a run ({@code artifacts.uiStats: true}): DL4J's {@code
 * StatsListener} on every training, writing into one {@code FileStatsStorage} file in the run
 * folder that DL4J's UI server opens. Provided by the optional {@code dl4j-ui} module (through
 * {@link ServiceLoader}), so the default class path carries none of DL4J's UI dependencies; {@code
 * scripts/examlab} adds the module when a config or override asks for it.
 */
public interface UiStatsStorage {
  /** The storage file in the run folder. */
  String FILE = "ui-stats.dl4j";

  /**
   * Opens (creates) the storage {@code file}; every training the returned recorder listens to is
   * one session there, named after its task and seed.
   */
  Recorder open(Path file);

  /** A listener recording into the storage file; closing it closes the file. */
  interface Recorder extends TrainingListener, AutoCloseable {
    @Override
    void close();
  }

  /**
   * The storage on the class path; {@code where} is the config that asked for it.
   *
   * @throws ConfigException naming {@code artifacts.uiStats} when the DL4J UI module is not on it
   */
  static UiStatsStorage require(String where) throws ConfigException {
    Optional<UiStatsStorage> found = ServiceLoader.load(UiStatsStorage.class).findFirst();
    if (found.isEmpty()) {
      throw new ConfigException(
          "artifacts.uiStats",
          where,
          "DL4J's UI storage is an optional module that is not on the class path:"
              + " run with EXAMLAB_UI=on scripts/examlab ... (it builds and adds dl4j-ui), or set artifacts.uiStats: false");
    }
    return found.get();
  }
}
