package org.examlab.ui;

import java.nio.file.Path;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.examlab.harness.training.NetworkListener;
import org.examlab.harness.training.Training;
import org.examlab.harness.training.UiStatsStorage;

/**
 * {@code artifacts.uiStats: true}: one DL4J {@link FileStatsStorage} per run, and a {@link
 * StatsListener} on each training's network for the length of that training (a session per
 * training, named {@code <task>-seed<k>}), so DL4J's training UI shows every training of the run:
 * score, update:parameter ratios, activations, memory.
 */
public final class FileUiStatsStorage implements UiStatsStorage {
  /**
   * Stats every this many iterations: each report walks every parameter array, which at every step
   * would slow a small net several-fold.
   */
  static final int FREQUENCY = 10;

  @Override
  public Recorder open(Path file) {
    FileStatsStorage storage = new FileStatsStorage(file.toFile());
    return new Recorder() {
      private StatsListener current;

      @Override
      public void onTrainingBegin(Training training) {
        current =
            new StatsListener(storage, FREQUENCY, sessionId(training.task(), training.seed()));
        training.network().addListeners(current);
      }

      @Override
      public void onTrainingEnd(Training training) {
        NetworkListener.detach(training.network(), current);
        current = null;
      }

      @Override
      public void close() {
        storage.close();
      }
    };
  }

  /** The session of one training in the UI: its task and seed ("rnn/len20-seed1"). */
  static String sessionId(String task, long seed) {
    return task + "-seed" + seed;
  }
}
