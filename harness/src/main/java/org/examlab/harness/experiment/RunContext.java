package org.examlab.harness.experiment;

import java.nio.file.Path;
import java.util.List;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.settings.RunSettings;
import org.examlab.harness.settings.TrainingSettings;
import org.examlab.harness.training.Trainer;
import org.examlab.harness.tuning.Tuner;

/**
 * What an experiment gets from the harness for one run: its settings, the metrics recorder, the
 * run's trainer (made with the run's training settings, wired to progress, throughput and
 * diagnostics; every network trains through it), and the folder for its plots.
 */
public final class RunContext {
  private final RunSettings run;
  private final MetricsRecorder metrics;
  private final Trainer trainer;
  private final Tuner tuner;
  private final Path plotsDir;
  private final Path home;

  public RunContext(
      RunSettings run,
      MetricsRecorder metrics,
      Trainer trainer,
      Tuner tuner,
      Path plotsDir,
      Path home) {
    this.run = run;
    this.metrics = metrics;
    this.trainer = trainer;
    this.tuner = tuner;
    this.plotsDir = plotsDir;
    this.home = home;
  }

  /** The project folder: where configs, their network files and the default dataset cache are. */
  public Path home() {
    return home;
  }

  /**
   * A path from the settings: relative ones are read against the project folder, not the working
   * directory.
   */
  public Path resolve(String path) {
    return home.resolve(path);
  }

  /**
   * Chooses each compared arm's nuisance hyper-parameters on validation data ({@code tuning:} in
   * the config).
   */
  public Tuner tuner() {
    return tuner;
  }

  public List<Long> seeds() {
    return run.seeds();
  }

  public TrainingSettings training() {
    return run.training();
  }

  public RunSettings run() {
    return run;
  }

  public MetricsRecorder metrics() {
    return metrics;
  }

  public Trainer trainer() {
    return trainer;
  }

  /** Where the experiment writes its figures; the harness adds diagnostics figures itself. */
  public Path plotsDir() {
    return plotsDir;
  }
}
