package org.examlab.experiments.optimization;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.examlab.harness.metrics.Measurement;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.plots.Charts;
import org.knowm.xchart.XYChart;

/**
 * Claims 003-5/saddle-gd, /momentum-escape and /saddle-sgd on {@link Saddle}, per seed (the seed
 * picks the direction of the start near the saddle and SGD's terms and samples): {@code
 * saddle.gd_escape_steps} and {@code saddle.momentum_escape_steps} from epsilon away, {@code
 * saddle.gd_escaped} (1 if GD left within the budget), {@code saddle.gd_escaped_at_saddle} (started
 * exactly at the saddle), {@code saddle.sgd_escape_steps} and {@code saddle.sgd_escaped} (SGD
 * started exactly at the saddle, same step). Escape steps are infinite for a run that stayed.
 */
final class SaddleMeasurements {
  static final Measurement GD_ESCAPE_STEPS = Measurement.of("saddle", "gd_escape_steps");
  static final Measurement MOMENTUM_ESCAPE_STEPS =
      Measurement.of("saddle", "momentum_escape_steps");
  static final Measurement GD_ESCAPED = Measurement.of("saddle", "gd_escaped");
  static final Measurement GD_ESCAPED_AT_SADDLE = Measurement.of("saddle", "gd_escaped_at_saddle");
  static final Measurement SGD_ESCAPE_STEPS = Measurement.of("saddle", "sgd_escape_steps");
  static final Measurement SGD_ESCAPED = Measurement.of("saddle", "sgd_escaped");
  static final List<Measurement> ALL =
      List.of(
          GD_ESCAPE_STEPS,
          MOMENTUM_ESCAPE_STEPS,
          GD_ESCAPED,
          GD_ESCAPED_AT_SADDLE,
          SGD_ESCAPE_STEPS,
          SGD_ESCAPED);

  private SaddleMeasurements() {}

  static void measure(SaddleSettings s, long seed, MetricsRecorder m) {
    Saddle saddle = new Saddle(s);
    double angle = new Random(seed).nextDouble() * 2 * Math.PI;
    double x0 = s.epsilon() * Math.cos(angle);
    double y0 = s.epsilon() * Math.sin(angle);
    double gd = saddle.descentEscapeSteps(x0, y0, s.step(), 0.0);
    m.measure(seed, GD_ESCAPE_STEPS, gd);
    m.measure(
        seed, MOMENTUM_ESCAPE_STEPS, saddle.descentEscapeSteps(x0, y0, s.step(), s.momentum()));
    m.measure(seed, GD_ESCAPED, escaped(gd));
    m.measure(seed, GD_ESCAPED_AT_SADDLE, escaped(saddle.descentEscapeSteps(0, 0, s.step(), 0.0)));
    double sgd = saddle.stochasticEscapeSteps(0, 0, s.step(), s.terms(), s.termSpread(), seed);
    m.measure(seed, SGD_ESCAPE_STEPS, sgd);
    m.measure(seed, SGD_ESCAPED, escaped(sgd));
  }

  private static double escaped(double steps) {
    return Double.isFinite(steps) ? 1.0 : 0.0;
  }

  /**
   * Escape steps against the distance from the saddle, GD and momentum at three step sizes (start
   * on the y axis: the fastest way out).
   */
  static void plot(SaddleSettings s, Path file) throws IOException {
    Saddle saddle = new Saddle(s);
    XYChart chart =
        Charts.lines(
            "Saddle x^2 - y^2 + "
                + s.quartic()
                + " y^4: steps to |y| > "
                + s.threshold()
                + " from y0 = epsilon (budget "
                + s.maxSteps()
                + ")",
            "epsilon (distance from the saddle, log)",
            "steps to escape (log)",
            true);
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setXAxisDecimalPattern("0E0"); // the default pattern prints 1e-5 as "0"
    double[] eps = new double[13];
    for (int i = 0; i < eps.length; i++) {
      eps[i] = Math.pow(10, -i);
    }
    for (double step : new double[] {s.step() / 2, s.step(), s.step() * 2}) {
      for (double beta : new double[] {0.0, s.momentum()}) {
        double[] steps = new double[eps.length];
        for (int i = 0; i < eps.length; i++) {
          double t = saddle.descentEscapeSteps(0, eps[i], step, beta);
          steps[i] = Double.isFinite(t) ? t : Double.NaN;
        }
        Charts.addSeries(
            chart, (beta == 0 ? "GD" : "momentum " + beta) + ", step " + step, eps, steps, null);
      }
    }
    Charts.save(chart, file);
  }
}
