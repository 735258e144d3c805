package org.examlab.benchmarks;

/**
 * How many trainings of a model the suite runs at once on this machine, so the Exam Lab column
 * is the machine's training throughput the way the suite trains that model:
 * <ul>
 *   <li>the regularization MLP: its experiment is a sweep (7 strategies x seeds), run as
 *       {@code examlab sweep configs/regularization.yaml --launcher local}, one worker process
 *       per core, each training on one thread (ThreadPolicy);
 *   <li>everything else: one training at a time ({@code examlab run}), on the threads
 *       ThreadPolicy gives it.
 * </ul>
 */
final class SuiteParallelism {
  private SuiteParallelism() {}

  static int workersFor(BenchmarkModel model) {
    return model == BenchmarkModel.MLP ? Runtime.getRuntime().availableProcessors() : 1;
  }

  /** The suite command whose way of running the row reproduces. */
  static String howTheSuiteRunsIt(BenchmarkModel model) {
    return model == BenchmarkModel.MLP ? "`examlab sweep configs/regularization.yaml --launcher local`" : "`examlab run`";
  }
}
