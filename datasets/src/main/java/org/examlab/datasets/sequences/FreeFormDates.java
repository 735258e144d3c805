package org.examlab.datasets.sequences;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Dates written in one of several free forms ("3 march 2021", "mar 3, 2021", "03/03/2021",
 * "3.3.2021", ...), lower-case, to translate into ISO form ("2021-03-03"): a small stand-in for
 * language translation where output tokens come from scattered, reordered input tokens. Dates are
 * uniform over 1950..2049; source lengths run from 8 to 18 characters.
 */
public record FreeFormDates() implements TranslationTask {
  private static final Vocabulary CHARACTERS =
      new Vocabulary("0123456789abcdefghijlmnoprstuvy ,./-");
  private static final List<DateTimeFormatter> FORMS =
      List.of(
              "d MMMM yyyy",
              "MMMM d, yyyy",
              "d MMM yyyy",
              "MMM d, yyyy",
              "dd/MM/yyyy",
              "d.M.yyyy",
              "MMMM d yyyy")
          .stream()
          .map(p -> DateTimeFormatter.ofPattern(p, Locale.ENGLISH))
          .toList();
  private static final LocalDate FIRST = LocalDate.of(1950, 1, 1);
  private static final int DAYS =
      (int) (LocalDate.of(2050, 1, 1).toEpochDay() - FIRST.toEpochDay());
  private static final int ISO_LENGTH = 10;

  /**
   * Rejection sampling finds even the rarest length (18: "september 30, 2021") within a few hundred
   * tries.
   */
  private static final int MAX_TRIES = 100_000;

  @Override
  public Vocabulary vocabulary() {
    return CHARACTERS;
  }

  @Override
  public int minLength() {
    return 8;
  }

  @Override
  public int maxLength() {
    return 18;
  }

  @Override
  public SequencePair sample(SplittableRandom random, int length) {
    if (length < minLength() || length > maxLength()) {
      throw new IllegalArgumentException(
          "date length must be between " + minLength() + " and " + maxLength() + ", got " + length);
    }
    for (int i = 0; i < MAX_TRIES; i++) {
      LocalDate date = FIRST.plusDays(random.nextInt(DAYS));
      String source = FORMS.get(random.nextInt(FORMS.size())).format(date).toLowerCase(Locale.ROOT);
      if (source.length() == length) {
        return new SequencePair(source, date.toString());
      }
    }
    throw new IllegalStateException("no date of length " + length + " in " + MAX_TRIES + " tries");
  }

  @Override
  public int maxTargetLength(int length) {
    return ISO_LENGTH;
  }
}
