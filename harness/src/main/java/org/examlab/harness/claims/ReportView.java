package org.examlab.harness.claims;

import java.util.List;

/**
 * What the report templates read (report.html.mustache, report.md.mustache): plain text and
 * relative links only; the templates escape every value as they write it.
 */
final class ReportView {
  private ReportView() {}

  /**
   * The whole report; {@code runsPage} is the runs page's file beside it, or null where there is
   * none.
   */
  record Page(
      String mode,
      List<String> counts,
      boolean charts,
      List<Row> rows,
      String timeLine,
      List<Run> runs,
      List<Exam> exams,
      String runsPage) {}

  /** One verdict line; {@code chart} and {@code run} are null where there is none. */
  record Row(
      String id,
      String exam,
      String kind,
      String stance,
      String quote,
      String statement,
      String verdict,
      String verdictClass,
      boolean disagrees,
      String evidence,
      Image chart,
      String converged,
      RunLink run) {}

  record RunLink(String href, String config, boolean reused, String anchor) {}

  /**
   * A deciding run's section: its numbers and its plots; {@code source} is where the run was found,
   * or null.
   */
  record Run(
      String anchor,
      String config,
      String href,
      String name,
      String status,
      boolean reused,
      String wall,
      String here,
      String samplesPerSecond,
      String memory,
      String source,
      List<Image> plots) {}

  /** An image as the page shows it ({@code thumb}) and links it ({@code full}). */
  record Image(String name, String alt, String full, String thumb) {}

  record Exam(String key, String value) {}
}
