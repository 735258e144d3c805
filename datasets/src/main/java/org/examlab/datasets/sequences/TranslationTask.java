package org.examlab.datasets.sequences;

import java.util.SplittableRandom;

/**
 * A generated translation-like task: source strings of a chosen length and their one correct
 * translation, over a character vocabulary. Deterministic given the random generator.
 */
public interface TranslationTask {

  /** Source and target characters together, plus start and end tokens. */
  Vocabulary vocabulary();

  /** Shortest source length the task can produce. */
  int minLength();

  /** Longest source length the task can produce. */
  int maxLength();

  /** A random example whose source has exactly {@code length} characters. */
  SequencePair sample(SplittableRandom random, int length);

  /** Longest target a source of {@code length} characters can have. */
  int maxTargetLength(int length);
}
