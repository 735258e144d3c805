package org.examlab.experiments.gaphead;

import org.examlab.harness.validation.Require;

/**
 * The gap-head experiment's own config keys.
 *
 * @param data the rendered digits: few to train on, many to test on
 * @param trunk the conv trunk both heads sit on
 * @param fcHidden the units of the flatten + FC head's hidden layer
 */
public record GapHeadSettings(Data data, Trunk trunk, int fcHidden) {
  public GapHeadSettings {
    Require.present("data", data);
    Require.present("trunk", trunk);
    Require.inRange("fcHidden", fcHidden, 1, 100_000);
  }

  /**
   * @param size the images' side in pixels (one channel); a multiple of 2 (the trunk pools once)
   * @param trainExamples images each head trains on (its tuning carves its validation split out of
   *     them)
   * @param testExamples fresh images the gap is measured on
   */
  public record Data(int size, int trainExamples, int testExamples) {
    public Data {
      Require.inRange("data.size", size, 8, 64);
      if (size % 2 != 0) {
        throw new org.examlab.harness.validation.InvalidSettingException(
            "data.size", "must be even (the trunk pools 2x2 once), got " + size);
      }
      Require.inRange("data.trainExamples", trainExamples, 20, 1_000_000);
      Require.inRange("data.testExamples", testExamples, 10, 1_000_000);
    }
  }

  /**
   * @param channels1 the first 3x3 conv's channels, before a 2x2 max pool; @param channels2 the
   *     second's, the map the heads read
   */
  public record Trunk(int channels1, int channels2) {
    public Trunk {
      Require.inRange("trunk.channels1", channels1, 1, 1024);
      Require.inRange("trunk.channels2", channels2, 1, 1024);
    }
  }
}
