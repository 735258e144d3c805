package org.examlab.datasets.sequences;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class FirstSymbolRecallTest {

  private final FirstSymbolRecall task = new FirstSymbolRecall(4, 3);

  @Test
  void labelIsTheSymbolShownAtTheFirstStep() {
    DataSet data = task.generate(50, 12, 7L);
    assertArrayEquals(new long[] {50, 7, 12}, data.getFeatures().shape());
    assertArrayEquals(new long[] {50, 4}, data.getLabels().shape());
    for (int i = 0; i < 50; i++) {
      INDArray first =
          data.getFeatures()
              .get(
                  org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                  org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4),
                  org.nd4j.linalg.indexing.NDArrayIndex.point(0));
      assertEquals(first.argMax().getInt(0), data.getLabels().getRow(i).argMax().getInt(0));
    }
  }

  @Test
  void distractorsNeverShowATargetSymbol() {
    DataSet data = task.generate(20, 9, 3L);
    INDArray later =
        data.getFeatures()
            .get(
                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 9));
    assertEquals(0.0, later.sumNumber().doubleValue());
    // Exactly one symbol per time step.
    assertEquals(20 * 9, data.getFeatures().sumNumber().intValue());
  }

  @Test
  void sameSeedSameData_otherSeedOtherData() {
    assertEquals(task.generate(30, 10, 1L).getFeatures(), task.generate(30, 10, 1L).getFeatures());
    assertNotEquals(
        task.generate(30, 10, 1L).getFeatures(), task.generate(30, 10, 2L).getFeatures());
  }

  @Test
  void rejectsDegenerateSettings() {
    assertThrows(IllegalArgumentException.class, () -> new FirstSymbolRecall(1, 3));
    assertThrows(IllegalArgumentException.class, () -> task.generate(0, 5, 1L));
  }
}
