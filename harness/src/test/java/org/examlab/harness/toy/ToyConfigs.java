package org.examlab.harness.toy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes toy configs into a test's temporary folder. */
public final class ToyConfigs {
  private ToyConfigs() {}

  public static final String VALID =
      """
      experiment: toy
      seeds: [1, 2]
      training:
        epochs: 3
        batchSize: 16
        learningRate: 0.05
      diagnostics:
        enabled: true
        everyIterations: 2
        histograms: true
      toy:
        examples: 64
        hidden: 4
      claims:
        - id: toy-1
          statement: The toy MLP beats chance.
          kind: experiment
          exam: {stance: asserts, source: "toy exam Q1", quote: "A trained MLP beats chance."}
          rule: {left: toy.accuracy, op: ">", right: toy.chance, margin: 0.1, minSeeds: 2}
      """;

  public static Path write(Path dir, String name, String yaml) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, yaml);
    return file;
  }
}
