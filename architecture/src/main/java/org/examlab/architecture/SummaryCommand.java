package org.examlab.architecture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.examlab.harness.cli.ExamLab;
import org.examlab.harness.cli.PluggedCommand;
import org.examlab.harness.validation.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code examlab summary NETWORK.yaml [key=value ...]}: a network description's layer table
 * (shapes, parameter formulas and counts, receptive fields), checked against DL4J's own.
 */
@Command(
    name = "summary",
    description =
        "Print a network description's summary: output shapes, parameter formulas and counts, receptive fields, "
            + "multiply-adds; checked against the DL4J ComputationGraph built from it.")
public final class SummaryCommand implements PluggedCommand {
  @Parameters(
      index = "0",
      paramLabel = "NETWORK",
      description = "a network description, e.g. configs/architectures/exam-unet.yaml")
  Path file;

  @Parameters(
      index = "1..*",
      paramLabel = "KEY=VALUE",
      description = "overrides, e.g. input.height=64")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() throws ConfigException {
    NetworkDescription network = NetworkDescription.load(file, overrides);
    System.out.print(network.summary().format());
    FrameworkCheck check = FrameworkCheck.of(network);
    if (check.agrees()) {
      System.out.printf(
          Locale.ROOT,
          "DL4J check: the ComputationGraph built from it has %,d parameters and the same output shapes: agrees.%n",
          check.dl4jParameters());
      return ExamLab.EXIT_OK;
    }
    System.out.println("DL4J check: DISAGREES");
    check.disagreements().forEach(d -> System.out.println("  " + d));
    return ExamLab.EXIT_RUN_FAILED;
  }
}
