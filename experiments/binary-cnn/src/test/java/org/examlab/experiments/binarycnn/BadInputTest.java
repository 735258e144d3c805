package org.examlab.experiments.binarycnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.examlab.datasets.binarynumbers.BinaryNumberImages;
import org.examlab.datasets.binarynumbers.BinaryNumberRenderer;
import org.examlab.harness.cli.ExamLab;
import org.examlab.harness.experiment.ExperimentRegistry;
import org.examlab.harness.validation.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad folder of one's own stops the run before anything is written, naming the file. */
class BadInputTest {
  /** Tests run in experiments/binary-cnn; the project's configs are two levels up. */
  static final Path HOME = Path.of("../..").toAbsolutePath().normalize();

  @TempDir Path dir;

  private Path folderWithACorruptImage() throws Exception {
    BinaryNumberRenderer renderer =
        new BinaryNumberRenderer(8, 4, 16, 64, List.of("SansSerif"), 11, 14, 0.5, 2, 5, 0);
    Path folder = new BinaryNumberImages(renderer, 5, 1).writeTo(dir.resolve("mine"));
    Files.write(folder.resolve("3.png"), new byte[] {1, 2, 3});
    return folder;
  }

  @Test
  void checkInputsNamesTheBadFile() throws Exception {
    Path folder = folderWithACorruptImage();
    var settings =
        BinaryCnnSettingsTest.settings(
            8, List.of(new BinaryCnnSettings.Variant("b", Head.BITS, null, null)));
    var mine =
        new BinaryCnnSettings(
            new BinaryCnnSettings.Data(
                8,
                4,
                16,
                64,
                List.of("SansSerif"),
                11,
                14,
                0.5,
                2,
                5,
                100,
                1,
                null,
                folder.toString(),
                null),
            settings.split(),
            settings.network(),
            settings.stopping(),
            settings.reference(),
            settings.variants());
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> new BinaryCnnExperiment().checkInputs(mine, Path.of("").toAbsolutePath()));
    assertTrue(
        e.getMessage().contains("data.folder") && e.getMessage().contains("3.png"), e.getMessage());
  }

  @Test
  void theCommandLineExitsWithTwoAndCreatesNoRunDirectory() throws Exception {
    Path folder = folderWithACorruptImage();
    Path results = dir.resolve("results");
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int status;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      status =
          ExamLab.commandLine(ExperimentRegistry.fromClasspath(), HOME)
              .execute(
                  "run",
                  HOME.resolve("configs/binary-cnn.yaml").toString(),
                  "data.folder=" + folder,
                  "--results",
                  results.toString());
    } finally {
      System.setErr(err);
    }
    String message = captured.toString(StandardCharsets.UTF_8);
    assertEquals(ExamLab.EXIT_BAD_INPUT, status, message);
    assertTrue(message.contains("3.png"), message);
    assertFalse(Files.exists(results.resolve("binary-cnn")), "no run directory");
  }
}
