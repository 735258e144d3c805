package org.examlab.experiments.regularization;

import org.examlab.harness.validation.Require;

/**
 * The regularization experiment's own config keys. The strengths (dropout, lambda, shift share) and
 * the learning rate are tuned per arm by the harness tuner ({@code tuning:} in the config); the
 * values here are what an arm uses for a parameter its grid does not tune.
 *
 * @param strategy which arm this run trains (a sweep varies it)
 * @param data the small generated datasets
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
   * @param features input size of both tasks (the shift task's ring length)
   * @param teacherHidden hidden units of the teacher network that labels the main task
   * @param trainExamples the little data the claim is about
   * @param testExamples a large test set, never used for any choice
   * @param labelNoise share of training labels flipped (gives over-fitting something to memorise)
   * @param shiftFilters motifs the shift-invariant task's label looks for anywhere on the ring
   */
  public record Data(
      int features,
      int teacherHidden,
      int trainExamples,
      int testExamples,
      double labelNoise,
      int shiftFilters) {
    public Data {
      Require.inRange("features", features, 3, 100_000);
      Require.inRange("teacherHidden", teacherHidden, 1, 100_000);
      Require.inRange("trainExamples", trainExamples, 10, 10_000_000);
      Require.inRange("testExamples", testExamples, 10, 10_000_000);
      Require.inRange("labelNoise", labelNoise, 0.0, 0.5);
      Require.inRange("shiftFilters", shiftFilters, 1, 1000);
    }
  }

  public record Model(int hiddenLayers, int width) {
    public Model {
      Require.inRange("hiddenLayers", hiddenLayers, 1, 100);
      Require.inRange("width", width, 1, 100_000);
    }
  }

  /**
   * @param dropoutRetain probability of keeping a unit (DL4J's convention), if the grid does not
   *     tune it
   * @param l2 the L2 coefficient, if the grid does not tune it
   * @param shiftShare share of examples shifted each epoch by shift-augmented, if the grid does not
   *     tune it
   * @param patience epochs without a better hold-out loss before early stopping stops
   * @param folds k of the k-fold arm
   * @param sourceExamples size of the larger task the transfer arms pretrain on
   * @param sourceExtraHidden teacher units the related source task has beyond the target's (its
   *     difference)
   * @param pretrainEpochs epochs of pretraining on the source task
   * @param ensembleMasks dropout masks sampled for the Monte-Carlo ensemble of 002-3a/ensemble
   *     (default 100)
   */
  public record Options(
      double dropoutRetain,
      double l2,
      double shiftShare,
      int patience,
      int folds,
      int sourceExamples,
      int sourceExtraHidden,
      int pretrainEpochs,
      Integer ensembleMasks) {
    public Options {
      ensembleMasks =
          Require.inRange("ensembleMasks", ensembleMasks == null ? 100 : ensembleMasks, 2, 100_000);
      Require.inRange("dropoutRetain", dropoutRetain, 0.05, 1.0);
      Require.inRange("l2", l2, 0.0, 10.0);
      Require.inRange("shiftShare", shiftShare, 0.0, 1.0);
      Require.inRange("patience", patience, 1, 100_000);
      Require.inRange("folds", folds, 2, 100);
      Require.inRange("sourceExamples", sourceExamples, 10, 10_000_000);
      Require.inRange("sourceExtraHidden", sourceExtraHidden, 0, 100_000);
      Require.inRange("pretrainEpochs", pretrainEpochs, 1, 100_000);
    }
  }
}
