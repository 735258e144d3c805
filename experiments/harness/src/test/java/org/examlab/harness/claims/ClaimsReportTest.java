package org.examlab.harness.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimsReportTest {
  private static ClaimResult result(String id, String examAnswer, String verdict) {
    return new ClaimResult(id, "statement of " + id, examAnswer, verdict, "rule", "evidence of " + id);
  }

  @Test
  void aVerdictDisagreesOnlyWhereTheExamTookTheOtherSide() {
    assertTrue(result("a", "True: 40", "REFUTED").disagreesWithExam());
    assertTrue(result("a", "False.", "SUPPORTED").disagreesWithExam());
    assertFalse(result("a", "True.", "SUPPORTED").disagreesWithExam());
    assertFalse(result("a", "True.", "INCONCLUSIVE").disagreesWithExam());
    assertFalse(result("a", "On the history only: False that ...", "SUPPORTED").disagreesWithExam());
    assertFalse(result("a", null, "REFUTED").disagreesWithExam());
  }

  @Test
  void everyPartOfAClaimGetsARowAndClaimsWithoutAVerdictSayWhy() {
    ClaimCatalog catalog = new ClaimCatalog(Map.of(), List.of(
        new ClaimCatalog.Entry("000-7", "regularization", "r.yaml", "r.yaml", null),
        new ClaimCatalog.Entry("000-9a", "normalization", "b.yaml", "b.yaml", null),
        new ClaimCatalog.Entry("000-3/history", "why BN was introduced", null, null, "history"),
        new ClaimCatalog.Entry("003-6a", "RNN parameters", "h.yaml", "h.yaml", null)));
    Path run = Path.of("/results/x/1");
    DecidingRun regularization = new DecidingRun("r.yaml", run, true, "completed", null, 1, 2,
        List.of(result("000-7/dropout", "True.", "SUPPORTED"), result("000-7/k-fold", "True.", "REFUTED"), result("000-70", null, "SUPPORTED")),
        List.of());
    Map<String, DecidingRun> runs = Map.of("r.yaml", regularization, "h.yaml", DecidingRun.failed("h.yaml", "boom"));

    ClaimsReport report = ClaimsReport.of(catalog, catalog.claims(), runs, false);

    assertEquals(List.of("000-7/dropout", "000-7/k-fold", "000-9a", "000-3/history", "003-6a"),
        report.rows().stream().map(ClaimsReport.Row::id).toList());
    assertEquals("NOT DECIDED", report.rows().get(2).verdict());
    assertEquals("not run", report.rows().get(2).note());
    assertEquals("UNTESTABLE", report.rows().get(3).verdict());
    assertTrue(report.rows().get(4).note().contains("boom"), report.rows().get(4).note());
    assertEquals(1, report.disagreements());
    String md = report.markdown(Path.of("/results/claims/r1"));
    assertTrue(md.contains("⚠ **REFUTED**") && md.contains("](../../x/1)"), md);
  }
}
