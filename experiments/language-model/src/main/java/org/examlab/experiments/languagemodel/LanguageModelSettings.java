package org.examlab.experiments.languagemodel;

import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;

/**
 * The language-model experiment's own config keys.
 *
 * @param data the generator ({@link LagCopySequences}) and how many sequences train and test
 * @param model the LSTM's hidden units
 */
public record LanguageModelSettings(Data data, Model model) {
  public LanguageModelSettings {
    Require.present("data", data);
    Require.present("model", model);
  }

  public record Data(
      int vocabulary,
      int length,
      int lag,
      double copyProbability,
      int trainSequences,
      int testSequences) {
    public Data {
      Require.inRange("data.vocabulary", vocabulary, 2, 10_000);
      Require.inRange("data.length", length, 3, 100_000);
      Require.inRange("data.lag", lag, 2, 100_000);
      if (lag >= length) {
        throw new InvalidSettingException(
            "data.lag", "must be shorter than data.length (" + length + "), got " + lag);
      }
      Require.inRange("data.copyProbability", copyProbability, 0.0, 1.0);
      Require.inRange("data.trainSequences", trainSequences, 2, 10_000_000);
      Require.inRange("data.testSequences", testSequences, 1, 10_000_000);
    }

    LagCopySequences generator() {
      return new LagCopySequences(vocabulary, length, lag, copyProbability);
    }
  }

  public record Model(int hidden) {
    public Model {
      Require.inRange("model.hidden", hidden, 1, 100_000);
    }
  }
}
