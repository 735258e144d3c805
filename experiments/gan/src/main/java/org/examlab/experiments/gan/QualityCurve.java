package org.examlab.experiments.gan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.examlab.datasets.points.RingOfGaussians;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A GAN's convergence, judged from the quality of its samples rather than its losses (which
 * oscillate by design). One or more quality criteria of a fixed batch of samples are measured every
 * few rounds; a criterion has stopped improving when its mean over the points of the last third of
 * the budget is no better than its mean over the middle third by the criterion's tolerance. Means,
 * not bests: the best of a noisy curve rises with the number of points it is taken over, so a curve
 * still climbing at the end could pass for a plateau. The GAN converged when every criterion
 * stopped improving. Fewer than {@link #MIN_POINTS} points, or a third without a point, is not
 * converged.
 */
final class QualityCurve {
  static final int MIN_POINTS = 6;

  /** The ring's criteria, by name (recorded as {@link #metricName}). */
  static final String HIGH_QUALITY_SHARE = "high_quality_share";

  static final String MODES_COVERED = "modes_covered";
  static final String MMD = "mmd";
  private final List<Criterion> criteria;
  private final List<Integer> rounds = new ArrayList<>();
  private final Map<String, List<Double>> values = new LinkedHashMap<>();

  /**
   * @param tolerance the smallest gain between the middle and last thirds that still counts as
   *     improving
   * @param relative whether the gain is relative to the middle third's mean
   */
  record Criterion(
      String name,
      boolean higherIsBetter,
      boolean relative,
      double tolerance,
      ToDoubleFunction<INDArray> measure) {}

  QualityCurve(List<Criterion> criteria) {
    this.criteria = List.copyOf(criteria);
    criteria.forEach(c -> values.put(c.name(), new ArrayList<>()));
  }

  /**
   * On the ring: the share of samples within 3 std of a mode (still improving while it gains 0.02,
   * about one binomial standard error of a share near 0.5 on the probe's 500 samples), the modes
   * covered (while it gains half a mode), and the MMD to {@code real} ring samples (while it falls
   * by 5%: a generator still moving towards the data before any sample lands near a mode is not on
   * a plateau, though its share and modes may sit flat at zero).
   */
  static QualityCurve ring(RingOfGaussians target, INDArray real, double sigma) {
    return new QualityCurve(
        List.of(
            new Criterion(
                HIGH_QUALITY_SHARE,
                true,
                false,
                0.02,
                s -> SampleQuality.of(target, s).highQualityShare()),
            new Criterion(
                MODES_COVERED, true, false, 0.5, s -> SampleQuality.of(target, s).modesCovered()),
            mmdCriterion(real, sigma)));
  }

  /** On images: the MMD to real images; still improving while it falls by 5% or more. */
  static QualityCurve mmd(INDArray real, double sigma) {
    return new QualityCurve(List.of(mmdCriterion(real, sigma)));
  }

  private static Criterion mmdCriterion(INDArray real, double sigma) {
    return new Criterion(MMD, false, true, 0.05, s -> Mmd.rbf(s, real, sigma));
  }

  /** The metric row name a criterion's points are recorded under. */
  static String metricName(String criterion) {
    return "quality." + criterion;
  }

  /** The points of one criterion so far, in order. */
  List<Double> values(String criterion) {
    return List.copyOf(values.get(criterion));
  }

  /** Measures {@code samples} after {@code round} rounds; returns criterion name -> value. */
  Map<String, Double> add(int round, INDArray samples) {
    Map<String, Double> point = new LinkedHashMap<>();
    rounds.add(round);
    for (Criterion c : criteria) {
      double v = c.measure().applyAsDouble(samples);
      values.get(c.name()).add(v);
      point.put(c.name(), v);
    }
    return point;
  }

  /**
   * Whether every criterion stopped improving between the middle and last thirds of {@code
   * totalRounds}, with the reason.
   */
  Judgement judge(int totalRounds) {
    int middleFrom = totalRounds / 3;
    int lastFrom = totalRounds - totalRounds / 3;
    List<String> still = new ArrayList<>();
    List<String> numbers = new ArrayList<>();
    for (Criterion c : criteria) {
      List<Double> vs = values.get(c.name());
      double middle = mean(vs, middleFrom, lastFrom);
      double last = mean(vs, lastFrom, Integer.MAX_VALUE);
      if (rounds.size() < MIN_POINTS || Double.isNaN(middle) || Double.isNaN(last)) {
        return new Judgement(
            false,
            String.format(
                Locale.ROOT,
                "not converged: %d quality points over %d rounds are too few to judge (need %d,"
                    + " with some in the middle and last thirds)",
                rounds.size(),
                totalRounds,
                MIN_POINTS));
      }
      double gain = c.higherIsBetter() ? last - middle : middle - last;
      if (c.relative()) {
        gain /= Math.abs(middle);
      }
      String text =
          String.format(
              Locale.ROOT,
              "mean %s %.4g in the last third of %d rounds vs %.4g in the middle third (gain %s, tolerance %s)",
              c.name(),
              last,
              totalRounds,
              middle,
              format(c, gain),
              format(c, c.tolerance()));
      numbers.add(text);
      if (gain >= c.tolerance()) {
        still.add(text);
      }
    }
    return still.isEmpty()
        ? new Judgement(true, "converged: " + String.join("; ", numbers))
        : new Judgement(false, "not converged: still improving, " + String.join("; ", still));
  }

  /** Mean of a criterion's points with {@code from < round <= to}; NaN when there are none. */
  private double mean(List<Double> vs, int from, int to) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < vs.size(); i++) {
      if (rounds.get(i) > from && rounds.get(i) <= to) {
        sum += vs.get(i);
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static String format(Criterion c, double x) {
    return c.relative()
        ? String.format(Locale.ROOT, "%.1f%%", 100 * x)
        : String.format(Locale.ROOT, "%.3f", x);
  }

  record Judgement(boolean converged, String reason) {}
}
