package org.examlab.harness.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.examlab.harness.backend.BackendSetup;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.settings.Backend;
import org.examlab.harness.settings.DiagnosticsSettings;
import org.examlab.harness.settings.TrainingSettings;
import org.examlab.harness.settings.UpdaterKind;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class SlicingTest {
  private static final double EPS = 1e-9;

  /** A clock the test advances by hand, in seconds. */
  private final AtomicLong nanos = new AtomicLong();

  private final Slicing slicing = new Slicing(nanos::get);

  private void advance(double seconds) {
    nanos.addAndGet(Math.round(seconds * 1e9));
  }

  @Test
  void aLongEpochIsMeasuredByItsFirstBatchesAfterTheWarmUp() {
    Slicing.Slice slice =
        slicing.fit(
            10,
            () -> {
              advance(3.0); // counting the batches: no part of any estimate
              return 100;
            });
    advance(0.2); // listeners' onTrainingBegin: once
    assertTrue(slice.wantsEpoch(0));
    slice.epochStarted();
    advance(0.5);
    slice.resetDone();
    advance(2.0); // the warm-up batch
    slice.batchDone();
    for (int i = 1; i <= Slicing.TIMED_BATCHES; i++) {
      assertTrue(slice.wantsBatch(i));
      advance(1.0);
      slice.batchDone();
    }
    assertFalse(
        slice.wantsBatch(1 + Slicing.TIMED_BATCHES),
        "the slice ends after the warm-up and the timed batches");
    advance(0.3); // validation at the epoch's end
    slice.epochDone();
    assertFalse(slice.wantsEpoch(1));
    slice.finish("t", 7);

    Slicing.Sliced s = slicing.trainings().get(0);
    assertEquals(5, s.batches());
    assertEquals(3.0 + 0.2 + 0.5 + 2.0 + 4.0 + 0.3, s.measuredSeconds(), EPS);
    // once 0.2 + 10 epochs x (reset 0.5 + 100 batches x 1.0 + end 0.3)
    assertEquals(0.2 + 10 * (0.5 + 100 * 1.0 + 0.3), s.estimatedSeconds(), EPS);
  }

  @Test
  void shortEpochsAreMeasuredWholeAfterAWarmUpEpoch() {
    Slicing.Slice slice = slicing.fit(50, () -> 2);
    int epochs = 0;
    for (int epoch = 0; slice.wantsEpoch(epoch); epoch++, epochs++) {
      slice.epochStarted();
      advance(epoch == 0 ? 1.0 : 0.1);
      slice.resetDone();
      for (int b = 0; slice.wantsBatch(b) && b < 2; b++) {
        advance(epoch == 0 && b == 0 ? 5.0 : 0.25);
        slice.batchDone();
      }
      advance(epoch == 0 ? 1.0 : 0.05);
      slice.epochDone();
    }
    slice.finish("t", 1);
    assertEquals(3, epochs, "a warm-up epoch, then epochs of TIMED_BATCHES batches");
    // the warm-up epoch's reset and end are left out; the warm-up batch too
    assertEquals(50 * (0.1 + 2 * 0.25 + 0.05), slicing.trainings().get(0).estimatedSeconds(), EPS);
  }

  @Test
  void aStepLoopIsExtrapolatedToItsTotalSteps() {
    Slicing.Slice slice = slicing.loop(10_000);
    long steps = 0;
    while (slice.wantsBatch(steps)) {
      advance(steps == 0 ? 0.5 : 0.01);
      slice.batchDone();
      steps++;
    }
    slice.finish("gan", 1);
    assertEquals(1 + Slicing.TIMED_STEPS, steps);
    assertEquals(10_000 * 0.01, slicing.trainings().get(0).estimatedSeconds(), 1e-6);
  }

  @Test
  void theSteadyTimeLeavesOutTheWarmUp() {
    assertEquals(0, Slicing.steady(List.of()), EPS);
    assertEquals(3, Slicing.steady(List.of(3.0)), EPS);
    assertEquals(2, Slicing.steady(List.of(10.0, 1.0, 3.0)), EPS);
  }

  @Test
  void aSlicingTrainerFitsOnlyTheSliceAndRecordsItsEstimate() throws Exception {
    BackendSetup.start(Backend.CPU);
    Nd4j.getRandom().setSeed(3);
    INDArray x = Nd4j.rand(DataType.FLOAT, 320, 2).subi(0.5);
    INDArray cls = x.getColumn(0).gt(0).castTo(DataType.FLOAT).reshape(-1, 1);
    Slicing timed = new Slicing(); // the real clock
    Trainer trainer =
        new Trainer(
            MetricsRecorder.inMemory("test"),
            new TrainingSettings(1000, 16, 0.05, UpdaterKind.ADAM, null, null, 0.0, null),
            DiagnosticsSettings.OFF,
            ProgressReporter.silent(),
            timed);
    TrainingResult result =
        trainer.fit(
            "toy",
            3,
            TrainerTest.network(3, 0.05),
            new DataSet(x, Nd4j.hstack(cls.rsub(1.0), cls)),
            List.of());

    assertEquals(1, result.epochs(), "20 batches per epoch: one epoch's first batches");
    assertEquals(1 + Slicing.TIMED_BATCHES, result.iterations());
    Slicing.Sliced s = timed.trainings().get(0);
    assertEquals("toy", s.task());
    assertTrue(
        s.estimatedSeconds() > s.measuredSeconds(),
        "1000 epochs of 20 batches cost more than 5 batches: " + s);
  }
}
