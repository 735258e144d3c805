package org.examlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.stats.api.StatsReport;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.examlab.harness.config.ConfigLoader;
import org.examlab.harness.experiment.ExperimentRegistry;
import org.examlab.harness.run.ExperimentRunner;
import org.examlab.harness.toy.ToyConfigs;
import org.examlab.harness.toy.ToyExperiment;
import org.examlab.harness.training.ProgressReporter;
import org.examlab.harness.training.UiStatsStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * artifacts.uiStats: the run folder gets a storage file DL4J's own FileStatsStorage reads, one
 * session per training.
 */
class FileUiStatsStorageTest {
  @TempDir Path tmp;

  private Path run(String... overrides) throws Exception {
    ConfigLoader loader = new ConfigLoader(new ExperimentRegistry(List.of(new ToyExperiment())));
    var config =
        loader.load(ToyConfigs.write(tmp, "toy.yaml", ToyConfigs.VALID), List.of(overrides));
    return new ExperimentRunner(tmp.resolve("results"), tmp, ProgressReporter.silent())
        .run(config)
        .directory()
        .path();
  }

  @Test
  void everyTrainingIsASessionWithItsScores() throws Exception {
    Path plain = run();
    assertFalse(Files.exists(plain.resolve(UiStatsStorage.FILE)), "off by default");
    Path dir = run("artifacts.uiStats=true");
    Path file = dir.resolve(UiStatsStorage.FILE);
    assertTrue(Files.size(file) > 0, file.toString());

    FileStatsStorage storage = new FileStatsStorage(file.toFile());
    try {
      List<String> sessions = storage.listSessionIDs();
      assertEquals(
          List.of(FileUiStatsStorage.sessionId("toy", 1), FileUiStatsStorage.sessionId("toy", 2)),
          sessions.stream().sorted().toList());
      for (String session : sessions) {
        assertTrue(storage.sessionExists(session));
        List<String> workers = storage.listWorkerIDsForSession(session);
        assertEquals(1, workers.size(), session + ": " + workers);
        assertTrue(
            storage.getStaticInfo(session, StatsListener.TYPE_ID, workers.get(0)) != null,
            "model and hardware info");
        List<Persistable> updates =
            storage.getAllUpdatesAfter(session, StatsListener.TYPE_ID, workers.get(0), 0);
        assertFalse(updates.isEmpty(), session);
        for (Persistable u : updates) {
          double score = ((StatsReport) u).getScore();
          assertTrue(Double.isFinite(score) && score > 0, session + " score " + score);
        }
      }
    } finally {
      storage.close();
    }

    // The listener watches; it does not change the training.
    ObjectMapper json = new ObjectMapper();
    assertEquals(
        json.readTree(plain.resolve("summary.json").toFile()).get("measurements"),
        json.readTree(dir.resolve("summary.json").toFile()).get("measurements"));
  }
}
