package org.examlab.experiments.optimization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.ISchedule;

class ScheduleKindTest {
  @Test
  void schedulesFollowTheirShapes() {
    int epochs = 8;
    ISchedule cosine = ScheduleKind.COSINE.create(1.0, epochs);
    assertEquals(1.0, cosine.valueAt(0, 0), 1e-12);
    assertEquals(0.5, cosine.valueAt(0, 4), 1e-12);
    assertEquals(0.0, cosine.valueAt(0, 8), 1e-12);
    ISchedule step = ScheduleKind.STEP.create(1.0, epochs);
    assertEquals(1.0, step.valueAt(0, 1), 1e-12);
    assertEquals(0.5, step.valueAt(0, 2), 1e-12);
    ISchedule warmup = ScheduleKind.WARMUP.create(1.0, epochs);
    assertEquals(0.1, warmup.valueAt(0, 0), 1e-12);
    assertEquals(1.0, warmup.valueAt(0, 5), 1e-12);
    assertEquals(0.9, ScheduleKind.EXPONENTIAL.create(1.0, epochs).valueAt(0, 1), 1e-12);
  }
}
