package org.examlab.datasets.sequences;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

class SequencePairsTest {

  @Test
  void reversalAndSortingTargets() {
    SplittableRandom random = new SplittableRandom(3);
    SequencePair reversed = new DigitStrings(DigitStrings.Transform.REVERSE, 10).sample(random, 7);
    assertEquals(new StringBuilder(reversed.source()).reverse().toString(), reversed.target());
    SequencePair sorted = new DigitStrings(DigitStrings.Transform.SORT, 10).sample(random, 9);
    assertEquals(9, sorted.source().length());
    assertEquals(
        sorted
            .source()
            .chars()
            .sorted()
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString(),
        sorted.target());
  }

  @Test
  void everyDateLengthIsReachableAndTranslatesToIso() {
    FreeFormDates dates = new FreeFormDates();
    SplittableRandom random = new SplittableRandom(5);
    for (int length = dates.minLength(); length <= dates.maxLength(); length++) {
      SequencePair pair = dates.sample(random, length);
      assertEquals(length, pair.source().length(), pair.source());
      LocalDate.parse(pair.target()); // ISO
      dates.vocabulary().encode(pair.source()); // every character is in the vocabulary
    }
    assertThrows(IllegalArgumentException.class, () -> dates.sample(random, 19));
  }

  @Test
  void sameSeedSameExamples() {
    TranslationTask task = new DigitStrings(DigitStrings.Transform.REVERSE, 12);
    assertEquals(
        SequencePairs.generate(task, 20, 3, 8, 11), SequencePairs.generate(task, 20, 3, 8, 11));
    List<SequencePair> pairs = SequencePairs.generate(task, 200, 3, 8, 11);
    assertEquals(3, pairs.stream().mapToInt(p -> p.source().length()).min().orElseThrow());
    assertEquals(8, pairs.stream().mapToInt(p -> p.source().length()).max().orElseThrow());
  }

  @Test
  void teacherForcingShiftsTheTargetAndMasksPadding() {
    Vocabulary v = new DigitStrings(DigitStrings.Transform.REVERSE, 5).vocabulary();
    MultiDataSet data =
        SequencePairs.teacherForcing(
            v, List.of(new SequencePair("12", "21"), new SequencePair("345", "543")));
    INDArray decoderInput = data.getFeatures(1);
    INDArray label = data.getLabels(0);
    assertArrayEquals(new long[] {2, v.size(), 4}, decoderInput.shape());
    // second pair: decoder reads ^ 5 4 3, emits 5 4 3 $
    assertArrayEquals(
        new int[] {Vocabulary.START, v.index('5'), v.index('4'), v.index('3')},
        tokens(decoderInput, 1));
    assertArrayEquals(
        new int[] {v.index('5'), v.index('4'), v.index('3'), Vocabulary.END}, tokens(label, 1));
    assertArrayEquals(
        new float[] {1, 1, 0}, data.getFeaturesMaskArray(0).getRow(0).toFloatVector());
    assertArrayEquals(
        new float[] {1, 1, 1, 0}, data.getLabelsMaskArray(0).getRow(0).toFloatVector());
    assertEquals(
        "21",
        v.decode(
            new int[] {
              Vocabulary.START, v.index('2'), v.index('1'), Vocabulary.END, v.index('9')
            }));
  }

  private static int[] tokens(INDArray oneHot, int example) {
    int steps = (int) oneHot.size(2);
    int[] t = new int[steps];
    for (int s = 0; s < steps; s++) {
      t[s] =
          oneHot
              .get(
                  org.nd4j.linalg.indexing.NDArrayIndex.point(example),
                  org.nd4j.linalg.indexing.NDArrayIndex.all(),
                  org.nd4j.linalg.indexing.NDArrayIndex.point(s))
              .argMax()
              .getInt(0);
    }
    return t;
  }
}
