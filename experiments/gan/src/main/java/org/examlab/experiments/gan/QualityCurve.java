package org.examlab.experiments.gan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.examlab.datasets.points.RingOfGaussians;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A GAN's convergence, judged from the quality of its samples rather than its losses (which
 * oscillate by design): the quality of a fixed batch of samples is measured every few rounds, and
 * the GAN converged when the best quality of the last third of the rounds is no better than the
 * best before it by more than a tolerance: the curve has stopped improving. Fewer than
 * {@link #MIN_POINTS} points, or none before or in the last third, is not converged.
 */
final class QualityCurve {
  static final int MIN_POINTS = 6;
  private final String name;
  private final boolean higherIsBetter;
  private final boolean relative;
  private final double tolerance;
  private final ToDoubleFunction<INDArray> measure;
  private final List<int[]> rounds = new ArrayList<>();
  private final List<Double> values = new ArrayList<>();

  private QualityCurve(String name, boolean higherIsBetter, boolean relative, double tolerance, ToDoubleFunction<INDArray> measure) {
    this.name = name;
    this.higherIsBetter = higherIsBetter;
    this.relative = relative;
    this.tolerance = tolerance;
    this.measure = measure;
  }

  /** On the ring: the share of samples within 3 std of a mode; converged once it gains less than 0.02. */
  static QualityCurve highQualityShare(RingOfGaussians target) {
    return new QualityCurve("high_quality_share", true, false, 0.02, s -> SampleQuality.of(target, s).highQualityShare());
  }

  /** On images: the MMD to real images; converged once it falls by less than 5%. */
  static QualityCurve mmd(INDArray real, double sigma) {
    return new QualityCurve("mmd", false, true, 0.05, s -> Mmd.rbf(s, real, sigma));
  }

  /** The metric row name the points are recorded under. */
  String metricName() {
    return "quality." + name;
  }

  /** Measures {@code samples} after {@code round} rounds; returns the value. */
  double add(int round, INDArray samples) {
    double value = measure.applyAsDouble(samples);
    rounds.add(new int[] {round});
    values.add(value);
    return value;
  }

  /** Whether the curve stopped improving over the last third of {@code totalRounds}, with the reason. */
  Judgement judge(int totalRounds) {
    double bestBefore = Double.NaN;
    double bestLast = Double.NaN;
    int lastFrom = totalRounds - totalRounds / 3;
    for (int i = 0; i < values.size(); i++) {
      double v = values.get(i);
      if (rounds.get(i)[0] > lastFrom) {
        bestLast = better(bestLast, v);
      } else {
        bestBefore = better(bestBefore, v);
      }
    }
    if (values.size() < MIN_POINTS || Double.isNaN(bestBefore) || Double.isNaN(bestLast)) {
      return new Judgement(false, String.format(Locale.ROOT, "not converged: %d %s points over %d rounds are too few to judge (need %d)",
          values.size(), name, totalRounds, MIN_POINTS));
    }
    double gain = higherIsBetter ? bestLast - bestBefore : bestBefore - bestLast;
    if (relative) {
      gain /= Math.abs(bestBefore);
    }
    String numbers = String.format(Locale.ROOT, "best %s %.4g in the last third of %d rounds vs %.4g before (gain %s, tolerance %s)", name,
        bestLast, totalRounds, bestBefore, format(gain), format(tolerance));
    return gain < tolerance ? new Judgement(true, "converged: " + numbers) : new Judgement(false, "not converged: still improving, " + numbers);
  }

  private String format(double x) {
    return relative ? String.format(Locale.ROOT, "%.1f%%", 100 * x) : String.format(Locale.ROOT, "%.3f", x);
  }

  private double better(double best, double v) {
    if (Double.isNaN(best)) {
      return v;
    }
    return higherIsBetter ? Math.max(best, v) : Math.min(best, v);
  }

  record Judgement(boolean converged, String reason) {}
}
