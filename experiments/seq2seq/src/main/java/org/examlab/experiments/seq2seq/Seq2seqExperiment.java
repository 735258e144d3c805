package org.examlab.experiments.seq2seq;

import static org.examlab.experiments.seq2seq.Seq2seqMeasurements.EXACT;
import static org.examlab.experiments.seq2seq.Seq2seqMeasurements.TOKEN;
import static org.examlab.experiments.seq2seq.Seq2seqMeasurements.atLength;
import static org.examlab.experiments.seq2seq.Seq2seqMeasurements.atLongLengths;
import static org.examlab.experiments.seq2seq.Seq2seqMeasurements.exactShortest;
import static org.examlab.experiments.seq2seq.Seq2seqMeasurements.exactUnseen;
import static org.examlab.experiments.seq2seq.Seq2seqMeasurements.finalLoss;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.examlab.datasets.sequences.SequencePair;
import org.examlab.datasets.sequences.SequencePairs;
import org.examlab.datasets.sequences.TranslationTask;
import org.examlab.datasets.sequences.Vocabulary;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.RunContext;
import org.examlab.harness.metrics.Measurements;
import org.examlab.harness.metrics.MetricsRecorder;
import org.examlab.harness.settings.RunSettings;
import org.examlab.harness.training.TrainingMetrics;
import org.examlab.harness.training.TrainingResult;

/**
 * Seq2seq with and without attention (claim 000-8): no attention, Luong's (after the decoder) and
 * Bahdanau's (inside the decoder's recurrence). For every seed, each attention variant is trained
 * with teacher forcing on the same generated pairs (source lengths in the training range), then
 * decodes held-out sources of every test length autoregressively; exact-match and token accuracy
 * are measured per length, including lengths longer than any seen in training. Heat maps show the
 * attention weights of a few decoded examples.
 */
public final class Seq2seqExperiment implements Experiment<Seq2seqSettings> {

  @Override
  public String name() {
    return "seq2seq";
  }

  @Override
  public String summary() {
    return "LSTM encoder-decoder without attention / with Luong (after the decoder) / with Bahdanau (in the recurrence): accuracy vs input length, attention maps";
  }

  @Override
  public Class<Seq2seqSettings> settingsType() {
    return Seq2seqSettings.class;
  }

  @Override
  public List<String> claimIds() {
    return List.of("000-8");
  }

  @Override
  public Measurements measurements(Seq2seqSettings settings, RunSettings run) {
    Measurements declared = new Measurements();
    for (Attention variant : settings.variants()) {
      for (int length : settings.task().testLengths()) {
        declared.add(atLength(variant, EXACT, length));
        declared.add(atLength(variant, TOKEN, length));
      }
      declared.add(exactShortest(variant));
      declared.add(atLongLengths(variant, EXACT));
      declared.add(atLongLengths(variant, TOKEN));
      declared.add(finalLoss(variant));
      if (!settings.task().unseenLengths().isEmpty()) {
        declared.add(exactUnseen(variant));
      }
    }
    return declared;
  }

  @Override
  public void run(Seq2seqSettings settings, RunContext context) throws IOException {
    Seq2seqSettings.Task task = settings.task();
    TranslationTask generator = task.generator();
    Seq2seqPlots plots = new Seq2seqPlots(settings, context, generator.vocabulary());
    for (long seed : context.seeds()) {
      List<SequencePair> train =
          SequencePairs.generate(
              generator,
              task.trainExamples(),
              task.trainMinLength(),
              task.trainMaxLength(),
              dataSeed(seed, 0, 0));
      for (Attention variant : settings.variants()) {
        ComputationGraph net =
            Seq2seqNetworks.build(
                variant,
                generator.vocabulary().size(),
                settings.model(),
                task.decoderSteps(),
                seed,
                context.training());
        train(variant, seed, net, generator.vocabulary(), train, context);
        measure(settings, generator, variant, seed, net, context);
        if (seed == context.seeds().get(0) && variant != Attention.NONE) {
          plots.heatmaps(
              variant,
              net,
              SequencePairs.generate(
                  generator,
                  settings.heatmaps().examples(),
                  settings.heatmaps().length(),
                  settings.heatmaps().length(),
                  dataSeed(seed, settings.heatmaps().length(), 2)),
              settings.decoding().beamWidth());
        }
      }
    }
    plots.drawAll();
  }

  /** Teacher forcing: shuffled mini-batches, each padded to its own longest pair. */
  private static void train(
      Attention variant,
      long seed,
      ComputationGraph net,
      Vocabulary vocabulary,
      List<SequencePair> pairs,
      RunContext context) {
    TeacherForcingBatches batches =
        new TeacherForcingBatches(
            vocabulary,
            pairs,
            context.training().batchSize(),
            seed,
            Seq2seqNetworks.fixedDecoderSteps(net));
    String task = variant.label();
    TrainingResult result = context.trainer().fit(task, seed, net, batches, List.of());
    // A diverged training ends with the worst possible loss, not the last finite epoch's.
    context
        .metrics()
        .measure(
            seed,
            finalLoss(variant),
            result.diverged()
                ? Double.POSITIVE_INFINITY
                : TrainingMetrics.lastEpochLoss(context.metrics(), task, seed));
  }

  private static void measure(
      Seq2seqSettings settings,
      TranslationTask generator,
      Attention variant,
      long seed,
      ComputationGraph net,
      RunContext context) {
    Seq2seqSettings.Task task = settings.task();
    MetricsRecorder metrics = context.metrics();
    double longExact = 0;
    double longToken = 0;
    double unseenExact = 0;
    List<SequencePair> test = new ArrayList<>();
    for (int length : task.testLengths()) {
      test.addAll(
          SequencePairs.generate(
              generator, task.testExamples(), length, length, dataSeed(seed, length, 1)));
    }
    Map<Integer, Accuracy> byLength =
        Accuracy.byLength(net, generator, test, settings.decoding().beamWidth());
    for (int length : task.testLengths()) {
      Accuracy accuracy = byLength.get(length);
      metrics.measure(seed, atLength(variant, EXACT, length), accuracy.exact());
      metrics.measure(seed, atLength(variant, TOKEN, length), accuracy.token());
      if (length == task.testLengths().get(0)) {
        metrics.measure(seed, exactShortest(variant), accuracy.exact());
      }
      if (task.longLengths().contains(length)) {
        longExact += accuracy.exact() / task.longLengths().size();
        longToken += accuracy.token() / task.longLengths().size();
      }
      if (task.unseenLengths().contains(length)) {
        unseenExact += accuracy.exact() / task.unseenLengths().size();
      }
    }
    metrics.measure(seed, atLongLengths(variant, EXACT), longExact);
    metrics.measure(seed, atLongLengths(variant, TOKEN), longToken);
    if (!task.unseenLengths().isEmpty()) {
      metrics.measure(seed, exactUnseen(variant), unseenExact);
    }
  }

  /**
   * Distinct, reproducible data seeds per run seed, length and purpose (0 train, 1 test, 2 heat
   * maps).
   */
  static long dataSeed(long seed, int length, int purpose) {
    return seed * 1_000_003L + length * 16L + purpose;
  }
}
