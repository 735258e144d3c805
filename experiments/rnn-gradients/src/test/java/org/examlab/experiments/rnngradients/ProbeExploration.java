package org.examlab.experiments.rnngradients;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.examlab.datasets.sequences.FirstSymbolRecall;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.settings.DiagnosticsSettings;
import org.examlab.harness.settings.TrainingSettings;
import org.examlab.harness.settings.UpdaterKind;
import org.examlab.harness.training.ProgressReporter;
import org.examlab.harness.training.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Not a test: the probes that chose the transport initialisations and the exploding grid (claims
 * 001-2, 000-6), skipped unless PROBE is set. PROBE=transport prints each draw's lag-40 log10 norm
 * (SEEDS, INITS, CELLS, EXAMPLES); PROBE=explode prints the events per grid point of one cell
 * (CELL, default RNN; SEEDS, EPOCHS, LENGTH, GAINS, RATES) through
 * RnnGradientsExperiment.explodingEvents: PROBE=explode SEEDS=1,2,3 LENGTH=80 EPOCHS=6
 * GAINS=1.0,1.5 RATES=0.3,1.0 mvn -o -pl experiments/rnn-gradients -am test -Dtest=ProbeExploration
 * -Dsurefire.failIfNoSpecifiedTests=false
 */
class ProbeExploration {
  static String env(String k, String d) {
    String v = System.getenv(k);
    return v == null ? d : v;
  }

  static List<Double> doubles(String s) {
    return Arrays.stream(s.split(",")).map(Double::parseDouble).toList();
  }

  static RnnGradientsSettings settings(
      int inits, int epochs, List<Double> gains, List<Double> rates) {
    return new RnnGradientsSettings(
        new RnnGradientsSettings.Task(4, 4, List.of(10, 20, 40), 1024, 512),
        new RnnGradientsSettings.Model(32, 1.0),
        new RnnGradientsSettings.Transport(Integer.parseInt(env("EXAMPLES", "32")), 41, 40, inits),
        new RnnGradientsSettings.Exploding(
            Integer.parseInt(env("LENGTH", "40")),
            1024,
            epochs,
            rates,
            gains,
            10,
            20,
            new RnnGradientsSettings.Clipping(3.0, 0.1, 1.0, null, null),
            null));
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "PROBE", matches = "transport")
  void transport() {
    FirstSymbolRecall task = new FirstSymbolRecall(4, 4);
    int inits = Integer.parseInt(env("INITS", "16"));
    RnnGradientsSettings s = settings(1, 3, List.of(1.0), List.of(0.1));
    for (String cellName : env("CELLS", "RNN,LSTM").split(",")) {
      RecurrentCell cell = RecurrentCell.valueOf(cellName);
      for (long seed : doubles(env("SEEDS", "1,2,3")).stream().map(Double::longValue).toList()) {
        long start = System.nanoTime();
        List<Double> values = new ArrayList<>();
        List<Double> forget = new ArrayList<>();
        for (int k = 0; k < inits; k++) {
          long drawSeed = RnnGradientsExperiment.initialisationSeed(seed, k);
          MultiLayerNetwork net =
              RecurrentClassifier.build(
                  cell,
                  task.inputChannels(),
                  s.model(),
                  task.targetSymbols(),
                  drawSeed,
                  new Sgd(0.1),
                  0,
                  0);
          DataSet probe =
              task.generate(
                  s.transport().examples(), 41, RnnGradientsExperiment.dataSeed(drawSeed, 41, 2));
          StateTransport.Profile p = StateTransport.measure(cell, net, probe.getFeatures());
          values.add(cell == RecurrentCell.LSTM ? p.cell()[40] : p.hidden()[40]);
          if (cell == RecurrentCell.LSTM) {
            forget.add(p.forgetPath()[40]);
          }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sd =
            Math.sqrt(
                values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum()
                    / (values.size() - 1));
        System.out.printf(
            Locale.ROOT,
            "TRANSPORT %s seed %d: %d inits in %.1f s; mean %.3f sd %.3f forget %.3f; values %s%n",
            cell,
            seed,
            inits,
            secs,
            mean,
            sd,
            forget.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN),
            values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
      }
    }
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "PROBE", matches = "explode")
  void explode() {
    FirstSymbolRecall task = new FirstSymbolRecall(4, 4);
    int epochs = Integer.parseInt(env("EPOCHS", "3"));
    List<Double> gains = doubles(env("GAINS", "1.0,3.0"));
    List<Double> rates = doubles(env("RATES", "0.1,1.0"));
    RnnGradientsSettings s = settings(1, epochs, gains, rates);
    RecurrentCell cell = RecurrentCell.valueOf(env("CELL", "RNN"));
    for (long seed : doubles(env("SEEDS", "1,2,3")).stream().map(Double::longValue).toList()) {
      DataSet train = RnnGradientsExperiment.explodingData(s, task, seed);
      StringBuilder line = new StringBuilder();
      int total = 0;
      long start = System.nanoTime();
      for (double gain : gains) {
        for (double rate : rates) {
          MetricsRecorder metrics = MetricsRecorder.inMemory("probe");
          Trainer trainer =
              new Trainer(
                  metrics,
                  new TrainingSettings(epochs, 64, 0.01, UpdaterKind.ADAM, null, null, 0.0, null),
                  DiagnosticsSettings.OFF,
                  ProgressReporter.silent());
          int events =
              RnnGradientsExperiment.explodingEvents(
                  cell, s, task, seed, trainer, train, gain, rate);
          total += events;
          double[] norms =
              metrics.rows().stream()
                  .filter(r -> r.name().equals(ExplodingEvents.GRADIENT_NORM))
                  .mapToDouble(r -> r.value())
                  .toArray();
          double max = Arrays.stream(norms).max().orElse(Double.NaN);
          double first = norms.length > 0 ? norms[0] : Double.NaN;
          List<Integer> at = new ArrayList<>();
          for (int i = 5; i < norms.length; i++) {
            double[] prev = Arrays.copyOfRange(norms, Math.max(0, i - 20), i);
            Arrays.sort(prev);
            int n = prev.length;
            double med = n % 2 == 1 ? prev[n / 2] : (prev[n / 2 - 1] + prev[n / 2]) / 2;
            if (!Double.isFinite(norms[i]) || norms[i] > 10 * med) {
              at.add(i);
            }
          }
          line.append(
              String.format(
                  Locale.ROOT,
                  " g%.2f/lr%.2f:%d%s(n%d f%.1e m%.1e L%.2f)",
                  gain,
                  rate,
                  events,
                  at,
                  norms.length,
                  first,
                  max,
                  trainer.results().get(trainer.results().size() - 1).finalLoss()));
        }
      }
      System.out.printf(
          Locale.ROOT,
          "EXPLODE %s seed %d total %d in %.1f s:%s%n",
          cell,
          seed,
          total,
          (System.nanoTime() - start) / 1e9,
          line);
    }
  }
}
