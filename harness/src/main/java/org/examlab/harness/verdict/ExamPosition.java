package org.examlab.harness.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.examlab.harness.validation.Require;

/**
 * Where a claim comes from in an exam and what the exam says of it.
 *
 * @param stance whether the exam asserts or denies the statement as tested, or takes no side
 * @param source the exam and the question or option ("000 item 6", "003 problem 1b option 2")
 * @param quote the exam's own words
 * @param answer optional: the exam's answer as written, and whose it is (key, student, notes)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExamPosition(Stance stance, String source, String quote, String answer) {
  public ExamPosition {
    Require.present("stance", stance);
    Require.nonBlank("source", source);
    Require.nonBlank("quote", quote);
  }
}
