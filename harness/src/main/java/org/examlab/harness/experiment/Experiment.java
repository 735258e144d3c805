package org.examlab.harness.experiment;

import java.nio.file.Path;
import java.util.List;
import org.examlab.harness.metrics.Measurement;
import org.examlab.harness.metrics.Measurements;
import org.examlab.harness.settings.RunSettings;
import org.examlab.harness.validation.ConfigException;

/**
 * An experiment: its settings record, what it measures, and how. The harness binds and validates
 * the config, creates the run directory, trains through {@link RunContext#trainer()}, records
 * metrics, decides the claims and writes the summary; the experiment only builds its models, runs
 * its measurement and draws its own figures.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: list the class in {@code
 * META-INF/services/org.examlab.harness.experiment.Experiment}.
 *
 * @param <C> the experiment's settings record: every top-level config key the harness does not read
 *     itself ({@link RunSettings#KEYS}); validated in its compact constructor
 */
public interface Experiment<C> {

  /** The name configs use in {@code experiment:} and the results folder takes. */
  String name();

  /** One line for {@code examlab list}. */
  String summary();

  Class<C> settingsType();

  /** The claim IDs (from the exam claim list) this experiment can decide. */
  List<String> claimIds();

  /** Whether it trains networks, so its config needs a {@code training:} section. */
  default boolean trains() {
    return true;
  }

  /**
   * The per-seed scalars {@link #run} will measure: verdict rules may read only these, the run's
   * recorder accepts only these, and the run fails if one was not recorded. Build each {@link
   * Measurement} in one place and record with the same handle.
   */
  Measurements measurements(C settings, RunSettings run);

  /**
   * Reads and checks the experiment's input files (a folder of images, a label file) before any run
   * directory exists. A bad file is a {@link ConfigException} naming it: the CLI exits with status
   * 2 and results/ is untouched. Generated data needs no check. A relative path in the settings is
   * read against {@code home}, the project folder, as {@link RunContext#resolve} reads it in the
   * run.
   */
  default void checkInputs(C settings, Path home) throws ConfigException {}

  /** Runs the measurement for every seed in {@code context.seeds()}. */
  void run(C settings, RunContext context) throws Exception;
}
