package org.examlab.experiments.regularization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.examlab.datasets.tabular.TeacherTask;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class KFoldTest {
  private final DataSet data = new TeacherTask(6, 8, 1L).generate(200, 3L);

  @Test
  void kFoldPartsPartitionTheDataAndEveryExampleIsHeldOutOnce() {
    KFold folds = new KFold(data, 5);
    int heldOut = 0;
    for (int f = 0; f < 5; f++) {
      assertEquals(200, folds.fitPart(f).numExamples() + folds.heldOut(f).numExamples());
      heldOut += folds.heldOut(f).numExamples();
    }
    assertEquals(200, heldOut);
    assertEquals(data.get(0).getFeatures(), folds.heldOut(0).get(0).getFeatures());
    assertEquals(data.get(40).getFeatures(), folds.fitPart(0).get(0).getFeatures());
  }
}
