package org.examlab.harness.cli;

import java.nio.file.Path;
import org.examlab.harness.experiment.ExperimentRegistry;
import org.examlab.harness.run.WriteFault;
import org.examlab.harness.validation.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code examlab}: the one entry point. Exit status 0 on success, 1 when a run fails, 2 on a bad
 * config, override or input (reported before anything is trained or written).
 */
@Command(
    name = "examlab",
    mixinStandardHelpOptions = true,
    version = "Exam Lab 0.1.0 (Deeplearning4j 1.0.0-M2.1)",
    description =
        "Runs deep-learning experiments that test what exams claim, and decides each claim from the measurements.",
    subcommands = {
      RunCommand.class,
      ResumeCommand.class,
      SweepCommand.class,
      ClaimsCommand.class,
      RunsCommand.class,
      CompareCommand.class,
      ValidateCommand.class,
      ListCommand.class,
      BenchmarkCommand.class,
      DoctorCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ExamLab {
  public static final int EXIT_OK = 0;
  public static final int EXIT_RUN_FAILED = 1;
  public static final int EXIT_BAD_INPUT = 2;

  /** The system property naming the project folder (set by scripts/examlab). */
  public static final String HOME_PROPERTY = "examlab.home";

  final ExperimentRegistry experiments;
  final Path home;

  public ExamLab(ExperimentRegistry experiments, Path home) {
    this.experiments = experiments;
    this.home = home;
  }

  /** The project folder: results/ and configs/ live here unless told otherwise. */
  static Path projectHome() {
    return Path.of(System.getProperty(HOME_PROPERTY, ".")).toAbsolutePath().normalize();
  }

  public static CommandLine commandLine(ExperimentRegistry experiments, Path home) {
    // Experiments that read project files (the convolution experiment's architecture YAMLs) and
    // the worker processes of a launcher find the project through this property; the command's
    // home is the one they must see.
    if (System.getProperty(HOME_PROPERTY) == null) {
      System.setProperty(HOME_PROPERTY, home.toAbsolutePath().normalize().toString());
    }
    CommandLine cli = new CommandLine(new ExamLab(experiments, home));
    java.util.ServiceLoader.load(PluggedCommand.class).forEach(cli::addSubcommand);
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          ex.getCommandLine().getErr().println("error: " + ex.getMessage());
          ex.getCommandLine().usage(ex.getCommandLine().getErr());
          return EXIT_BAD_INPUT;
        });
    // A bad config, override or input file, found by any command before anything ran: one
    // message naming the key or file, exit 2, no stack trace.
    cli.setExecutionExceptionHandler(
        (ex, command, parsed) -> {
          if (ex instanceof ConfigException bad) {
            command.getErr().println("error: " + bad.getMessage());
            return EXIT_BAD_INPUT;
          }
          if (ex instanceof org.examlab.harness.run.ExperimentRunner.ResumeRefused refused) {
            command.getErr().println("error: " + refused.getMessage());
            return EXIT_BAD_INPUT;
          }
          // A disk that filled up, a folder removed or made read-only: say which path and what to
          // do
          // (the stack trace is in the run's run.log).
          if (ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
            command.getErr().println("error: " + WriteFault.in(ex).orElseThrow().message());
            return EXIT_RUN_FAILED;
          }
          throw ex;
        });
    return cli;
  }

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    int status = commandLine(ExperimentRegistry.fromClasspath(), projectHome()).execute(args);
    System.exit(status);
  }
}
