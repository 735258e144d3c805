package org.examlab.experiments.datasplits;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.examlab.datasets.Seeds;
import org.examlab.datasets.tabular.TeacherTask;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Pictures taken by day and by night: the teacher task's examples, half of them (chosen
 * independently of the class) seen at night, where every feature x reads contrast * x + offset. The
 * class is the teacher's on the scene itself, so night changes what the inputs look like, not what
 * they mean: a distribution shift independent of the class.
 */
record DayNight(DataSet day, DataSet night) {

  /**
   * {@code examples} pictures, the first half by day, the second by night, in an order drawn from
   * the seed.
   */
  static DayNight generate(DataSplitsSettings s, long seed) {
    TeacherTask task = new TeacherTask(s.data().features(), s.data().teacherHidden(), 2026L);
    DataSet scenes =
        task.generate(s.data().examples(), Seeds.derive(seed, "data-splits", "scenes"));
    int half = s.data().examples() / 2;
    DataSet day = rows(scenes, range(0, half));
    DataSet night = rows(scenes, range(half, 2 * half));
    return new DayNight(day, atNight(night, s.night()));
  }

  /**
   * Fresh pictures, half by day and half by night, shuffled: what the shuffled split's model meets.
   */
  static DataSet mixedTest(DataSplitsSettings s, long seed) {
    TeacherTask task = new TeacherTask(s.data().features(), s.data().teacherHidden(), 2026L);
    DataSet scenes =
        task.generate(s.data().testExamples(), Seeds.derive(seed, "data-splits", "test"));
    int half = s.data().testExamples() / 2;
    DataSet night = atNight(rows(scenes, range(half, s.data().testExamples())), s.night());
    return DataSet.merge(List.of(rows(scenes, range(0, half)), night));
  }

  static DataSet atNight(DataSet scenes, DataSplitsSettings.Night night) {
    INDArray x = scenes.getFeatures().mul(night.contrast()).addi(night.offset());
    return new DataSet(x, scenes.getLabels());
  }

  /** The exam's split: every day picture trains, every night picture validates. */
  DataSet[] dayNightSplit() {
    return new DataSet[] {day, night};
  }

  /** The fix ("shuffle, split again"): the same pictures shuffled, then halved. */
  DataSet[] shuffledSplit(long seed) {
    DataSet all = DataSet.merge(List.of(day, night));
    List<Integer> order = new ArrayList<>(range(0, all.numExamples()));
    Collections.shuffle(order, new Random(Seeds.derive(seed, "data-splits", "shuffle")));
    int half = all.numExamples() / 2;
    return new DataSet[] {
      rows(all, order.subList(0, half)), rows(all, order.subList(half, order.size()))
    };
  }

  static List<Integer> range(int from, int to) {
    List<Integer> r = new ArrayList<>();
    for (int i = from; i < to; i++) {
      r.add(i);
    }
    return r;
  }

  static DataSet rows(DataSet data, List<Integer> rows) {
    int[] index = rows.stream().mapToInt(Integer::intValue).toArray();
    return new DataSet(data.getFeatures().getRows(index), data.getLabels().getRows(index));
  }
}
