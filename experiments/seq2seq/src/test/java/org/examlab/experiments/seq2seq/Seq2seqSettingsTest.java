package org.examlab.experiments.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.examlab.harness.validation.InvalidSettingException;
import org.junit.jupiter.api.Test;

class Seq2seqSettingsTest {

  @Test
  void longAndUnseenLengths() {
    Seq2seqSettings.Task task =
        new Seq2seqSettings.Task(
            Seq2seqSettings.Kind.REVERSE, 3, 8, List.of(12, 3, 8, 7, 10), 7, 100, 10);
    assertEquals(List.of(3, 7, 8, 10, 12), task.testLengths());
    assertEquals(List.of(7, 8), task.longLengths());
    assertEquals(List.of(10, 12), task.unseenLengths());
  }

  @Test
  void badValuesNameTheirField() {
    assertEquals(
        "longFrom",
        assertThrows(
                InvalidSettingException.class,
                () ->
                    new Seq2seqSettings.Task(
                        Seq2seqSettings.Kind.REVERSE, 3, 8, List.of(3, 10), 9, 100, 10))
            .field());
    assertEquals(
        "testLengths",
        assertThrows(
                InvalidSettingException.class,
                () ->
                    new Seq2seqSettings.Task(
                        Seq2seqSettings.Kind.DATES, 8, 12, List.of(5, 10), 9, 100, 10))
            .field());
    Seq2seqSettings.Task task =
        new Seq2seqSettings.Task(Seq2seqSettings.Kind.SORT, 3, 8, List.of(3, 8), 8, 100, 10);
    assertEquals(
        "heatmaps.length",
        assertThrows(
                InvalidSettingException.class,
                () ->
                    new Seq2seqSettings(
                        task,
                        new Seq2seqSettings.Model(8, 8),
                        List.of(Attention.NONE),
                        new Seq2seqSettings.Decoding(1),
                        new Seq2seqSettings.Heatmaps(1, 5)))
            .field());
    assertEquals(
        "variants",
        assertThrows(
                InvalidSettingException.class,
                () ->
                    new Seq2seqSettings(
                        task,
                        new Seq2seqSettings.Model(8, 8),
                        List.of(Attention.LUONG_DOT, Attention.LUONG_DOT),
                        new Seq2seqSettings.Decoding(1),
                        new Seq2seqSettings.Heatmaps(0, 5)))
            .field());
  }
}
