package org.examlab.experiments.deepconv;

import org.examlab.harness.validation.Require;

/**
 * The deep-conv experiment's own config keys.
 *
 * @param data the rendered-digit images the stacks learn
 * @param network the stacks' shape: the same depth and first-layer width for every arm
 */
public record DeepConvSettings(Data data, Network network) {
  public DeepConvSettings {
    Require.present("data", data);
    Require.present("network", network);
  }

  /**
   * @param size the images' side in pixels (one channel)
   * @param trainExamples images each arm trains on (its tuning carves its validation split out of
   *     them)
   * @param testExamples fresh images for the test accuracy
   * @param probeExamples the batch the gradients at initialization are measured on
   */
  public record Data(int size, int trainExamples, int testExamples, int probeExamples) {
    public Data {
      Require.inRange("data.size", size, 8, 64);
      Require.inRange("data.trainExamples", trainExamples, 20, 1_000_000);
      Require.inRange("data.testExamples", testExamples, 10, 1_000_000);
      Require.inRange("data.probeExamples", probeExamples, 2, 100_000);
    }
  }

  /**
   * @param depth conv layers in every arm, the first (the stem) included
   * @param width channels of every layer of the plain and residual stacks, and of the dense block's
   *     stem
   * @param growth channels each later layer of the dense block adds (its input is every earlier
   *     output)
   */
  public record Network(int depth, int width, int growth) {
    public Network {
      Require.inRange("network.depth", depth, 3, 100);
      Require.inRange("network.width", width, 1, 1024);
      Require.inRange("network.growth", growth, 1, 1024);
    }
  }
}
