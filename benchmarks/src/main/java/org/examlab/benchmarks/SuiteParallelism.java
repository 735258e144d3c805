package org.examlab.benchmarks;

/**
 * How many trainings of a model the suite runs at once on this machine, so the Exam Lab column
 * is the machine's training throughput as the suite runs. One for now: every experiment trains
 * its seeds one after another in one process.
 */
final class SuiteParallelism {
  private SuiteParallelism() {}

  static int workersFor(BenchmarkModel model) {
    return 1;
  }
}
