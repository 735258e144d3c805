package org.examlab.datasets.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class TabularTasksTest {
  @Test
  void xorAndAndFollowTheirTruthTables() {
    DataSet xor = BooleanTasks.XOR.generate(1, 0.0, 1L);
    DataSet and = BooleanTasks.AND.generate(1, 0.0, 1L);
    // corners in order (0,0) (0,1) (1,0) (1,1)
    assertArrayEquals(new double[] {-1, 1, 1, -1}, BooleanTasks.signLabels(xor).toDoubleVector());
    assertArrayEquals(new double[] {-1, -1, -1, 1}, BooleanTasks.signLabels(and).toDoubleVector());
    assertEquals(1.0, xor.getFeatures().getDouble(3, 0));
  }

  @Test
  void teacherLabelsAreDeterministicAndBothClassesOccur() {
    TeacherTask task = new TeacherTask(8, 16, 3L);
    DataSet a = task.generate(400, 5L);
    assertEquals(a.getLabels(), task.generate(400, 5L).getLabels());
    double positive = a.getLabels().getColumn(1).sumNumber().doubleValue() / 400;
    assertTrue(positive > 0.2 && positive < 0.8, "class balance " + positive);
  }
}
