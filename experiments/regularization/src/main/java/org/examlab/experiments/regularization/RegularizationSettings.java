package org.examlab.experiments.regularization;

import java.util.List;
import org.examlab.harness.config.InvalidSettingException;
import org.examlab.harness.config.Require;

/**
 * The regularization experiment's own config keys.
 *
 * @param strategy which regularization this run uses (a sweep varies it)
 * @param data the small generated dataset
 * @param model the (deliberately over-sized) MLP
 * @param options each strategy's settings
 */
public record RegularizationSettings(Strategy strategy, Data data, Model model, Options options) {
  public RegularizationSettings {
    Require.present("strategy", strategy);
    Require.present("data", data);
    Require.present("model", model);
    Require.present("options", options);
  }

  /**
   * @param trainExamples the little data the claim is about
   * @param testExamples a large test set, never used for any choice
   * @param labelNoise share of training labels flipped (gives over-fitting something to memorise)
   */
  public record Data(int features, int teacherHidden, int trainExamples, int testExamples, double labelNoise) {
    public Data {
      Require.inRange("features", features, 1, 100_000);
      Require.inRange("teacherHidden", teacherHidden, 1, 100_000);
      Require.inRange("trainExamples", trainExamples, 10, 10_000_000);
      Require.inRange("testExamples", testExamples, 10, 10_000_000);
      Require.inRange("labelNoise", labelNoise, 0.0, 0.5);
    }
  }

  public record Model(int hiddenLayers, int width) {
    public Model {
      Require.inRange("hiddenLayers", hiddenLayers, 1, 100);
      Require.inRange("width", width, 1, 100_000);
    }
  }

  /**
   * @param dropoutRetain probability of keeping a unit (DL4J's convention), for dropout strategies
   * @param l2 the fixed L2 coefficient, for l2 and dropout-l2
   * @param holdOutFraction share of the training data held out to decide early stopping
   * @param patience epochs without a better hold-out loss before stopping
   * @param augmentCopies jittered copies added per training example, for augmentation
   * @param augmentNoise std of the Gaussian jitter, in input units (inputs are standard normal)
   * @param lambdas the L2 candidates k-fold cross-validation chooses from
   * @param folds k
   */
  public record Options(double dropoutRetain, double l2, double holdOutFraction, int patience, int augmentCopies, double augmentNoise,
      List<Double> lambdas, int folds) {
    public Options {
      Require.inRange("dropoutRetain", dropoutRetain, 0.05, 1.0);
      Require.inRange("l2", l2, 0.0, 10.0);
      Require.inRange("holdOutFraction", holdOutFraction, 0.05, 0.9);
      Require.inRange("patience", patience, 1, 100_000);
      Require.inRange("augmentCopies", augmentCopies, 1, 1000);
      Require.inRange("augmentNoise", augmentNoise, 0.0, 100.0);
      if (lambdas == null || lambdas.isEmpty() || lambdas.stream().anyMatch(l -> l == null || l < 0 || l > 10)) {
        throw new InvalidSettingException("lambdas", "must list L2 candidates between 0 and 10, got " + lambdas);
      }
      lambdas = List.copyOf(lambdas);
      Require.inRange("folds", folds, 2, 100);
    }
  }
}
