package org.examlab.experiments.convolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.examlab.architecture.InputSize;
import org.examlab.architecture.LayerKind;
import org.examlab.architecture.LayerSpec;
import org.examlab.architecture.NetworkDescription;
import org.junit.jupiter.api.Test;

/**
 * Occlusion against the gradient route (002-8): passes counted by hand, multiply-adds against the
 * architecture summary's.
 */
class ExplanationCostTest {
  private static final ConvolutionSettings.Explanation SMALL =
      new ConvolutionSettings.Explanation(6, 2, 3, 3);

  @Test
  void occlusionTakesOneForwardPerPatchPlusOne() {
    ExplanationCost e = ExplanationCost.measure(SMALL, 4);
    assertEquals((6 / 3) * (6 / 3) + 1, e.occlusionPasses(), 0.0);
    assertEquals(2, e.gradientPasses(), 0.0);
    assertEquals(5.0 / 3.0, e.occlusionMultAdds() / e.gradientMultAdds(), 1e-12);
    assertTrue(e.occlusionEffect() > 0 && e.gradientNorm() > 0, e.toString());
  }

  @Test
  void forwardMultiplyAddsAgreeWithTheArchitectureSummary() {
    NetworkDescription net =
        new NetworkDescription(
            "explainer",
            null,
            new InputSize(6, 6, 1),
            ConvolutionMode.Truncate,
            List.of(
                new LayerSpec(
                    "conv",
                    LayerKind.CONV,
                    null,
                    2,
                    null,
                    3,
                    1,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null),
                new LayerSpec(
                    "dense",
                    LayerKind.DENSE,
                    null,
                    null,
                    3,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null)));
    // by hand: 4x4 outputs x 9 x 2 filters = 288, then 32 inputs x 3 units = 96
    assertEquals(288 + 96, ExplanationCost.forwardMultAdds(SMALL));
    assertEquals(net.summary().multiplyAdds(), ExplanationCost.forwardMultAdds(SMALL));
  }
}
