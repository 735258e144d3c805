package org.examlab.datasets.sequences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WordClassesTest {
  private final WordClasses task = new WordClasses(8, 12, 10);

  @Test
  void theTranslationIsEachWordsClassAndClassesFollowTheWalk() {
    SplittableRandom random = new SplittableRandom(5);
    Set<Integer> steps = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      SequencePair p = task.sample(random, 6);
      assertEquals(6, p.source().length());
      assertEquals(6, p.target().length());
      for (int t = 0; t < 6; t++) {
        int w = task.wordOf(p.source().charAt(t));
        assertTrue(w >= 0 && w < 96, "a source word: " + w);
        assertEquals('A' + task.classOf(w), p.target().charAt(t));
        if (t > 0) {
          steps.add(Math.floorMod(p.target().charAt(t) - p.target().charAt(t - 1), 8));
        }
      }
    }
    assertEquals(Set.of(1, 3), steps, "class c is followed by c+1 or c+3 only");
  }

  @Test
  void everyTokenIsInTheSharedVocabulary() {
    Vocabulary v = task.vocabulary();
    assertEquals(2 + 8 + 96, v.size());
    SequencePair p = task.sample(new SplittableRandom(1), 4);
    assertEquals(p.source(), v.decode(v.encode(p.source())));
    assertEquals(p.target(), v.decode(v.encode(p.target())));
    assertEquals(-1, task.wordOf('A'), "a class token is not a source word");
  }

  @Test
  void theCorpusNamesTheSameWordsAsThePairs() {
    List<String> corpus = task.corpus(50, 3, 8, 9);
    assertEquals(50, corpus.size());
    for (String sentence : corpus) {
      String[] words = sentence.split(" ");
      assertTrue(words.length >= 3 && words.length <= 8);
      for (String w : words) {
        int index = Integer.parseInt(w.substring(1));
        assertEquals(WordClasses.word(index), w);
        assertTrue(index >= 0 && index < 96);
      }
    }
    assertEquals(task.corpus(50, 3, 8, 9), corpus, "same seed, same corpus");
  }
}
