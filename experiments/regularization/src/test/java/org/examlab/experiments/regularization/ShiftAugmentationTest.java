package org.examlab.experiments.regularization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class ShiftAugmentationTest {
  private final ShiftInvariantTask task = new ShiftInvariantTask(12, 3, 5L);
  private final DataSet rings = task.generate(400, 9L);

  private static double[] row(DataSet d, int i) {
    return d.getFeatures().getRow(i).toDoubleVector();
  }

  private static int label(DataSet d, int i) {
    return d.getLabels().getDouble(i, 1) > 0.5 ? 1 : 0;
  }

  @Test
  void theTaskIsBalancedAndItsLabelIsTheGeneratorsLabel() {
    double ones = rings.getLabels().getColumn(1).sumNumber().doubleValue() / 400;
    assertTrue(ones > 0.4 && ones < 0.6, "share of class 1: " + ones);
    for (int i = 0; i < 20; i++) {
      assertEquals(label(rings, i), task.label(row(rings, i)));
    }
  }

  @Test
  void rotationKeepsEveryLabelWhileAReversalDoesNot() {
    DataSet rotated = ShiftedEpochs.rotated(rings, 1.0, new SplittableRandom(1));
    int reversedChanged = 0;
    for (int i = 0; i < 400; i++) {
      double[] r = row(rotated, i);
      assertEquals(task.label(row(rings, i)), task.label(r), "row " + i);
      assertEquals(label(rings, i), label(rotated, i));
      double[] reversed = row(rings, i);
      for (int a = 0, b = reversed.length - 1; a < b; a++, b--) {
        double t = reversed[a];
        reversed[a] = reversed[b];
        reversed[b] = t;
      }
      reversedChanged += task.label(reversed) != task.label(row(rings, i)) ? 1 : 0;
    }
    // The invariance is the ring's rotations, not any permutation: the test could fail.
    assertTrue(reversedChanged > 20, "a reversal changed only " + reversedChanged + " labels");
    assertNotEquals(rings.getFeatures(), rotated.getFeatures());
    double[] sorted = row(rings, 0);
    double[] sortedRotated = row(rotated, 0);
    Arrays.sort(sorted);
    Arrays.sort(sortedRotated);
    assertTrue(
        Arrays.equals(sorted, sortedRotated), "a rotation only moves values around the ring");
  }

  @Test
  void anAugmentedEpochHasAsManyExamplesAndBatchesAsThePlainOne() {
    ShiftedEpochs epochs = new ShiftedEpochs(rings, 0.5, 32, 3L);
    for (int epoch = 0; epoch < 2; epoch++) {
      epochs.reset();
      int examples = 0;
      int batches = 0;
      while (epochs.hasNext()) {
        examples += epochs.next().numExamples();
        batches++;
      }
      assertEquals(400, examples);
      assertEquals(epochs.batchesPerEpoch(), batches);
    }
    DataSet none = ShiftedEpochs.rotated(rings, 0.0, new SplittableRandom(2));
    assertEquals(rings.getFeatures(), none.getFeatures());
  }
}
