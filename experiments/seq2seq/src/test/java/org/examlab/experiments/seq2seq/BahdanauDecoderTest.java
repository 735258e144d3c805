package org.examlab.experiments.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.examlab.datasets.sequences.DigitStrings;
import org.examlab.datasets.sequences.SequencePair;
import org.examlab.datasets.sequences.SequencePairs;
import org.examlab.datasets.sequences.TranslationTask;
import org.examlab.datasets.sequences.Vocabulary;
import org.examlab.harness.settings.TrainingSettings;
import org.examlab.harness.settings.UpdaterKind;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.slf4j.LoggerFactory;

/** What makes the decoder Bahdanau's rather than Luong's: the context enters the recurrence. */
class BahdanauDecoderTest {
  private static final long MB = 2;
  private static final long HIDDEN = 4;
  private static final long ATTENTION = 3;
  private static final long VOCABULARY = 5;
  private static final long KEYS = 3;
  private static final int STEPS = 5;

  /**
   * Only the encoder states that step t's attention reads are changed (hence only its context c_t):
   * the states before step t stay exactly as they were (control), the state s_t that the context
   * feeds and every later state change.
   */
  @Test
  void changingTheContextOfOneStepChangesTheNextStateAndNoEarlierOne() {
    Nd4j.getRandom().setSeed(11);
    SameDiff sd = SameDiff.create();
    Map<String, SDVariable> params = new HashMap<>();
    params.put(
        BahdanauDecoderVertex.QUERY_WEIGHTS,
        sd.constant(Nd4j.randn(DataType.DOUBLE, HIDDEN, ATTENTION)));
    params.put(
        BahdanauDecoderVertex.KEY_WEIGHTS,
        sd.constant(Nd4j.randn(DataType.DOUBLE, HIDDEN, ATTENTION)));
    params.put(
        BahdanauDecoderVertex.SCORE_WEIGHTS,
        sd.constant(Nd4j.randn(DataType.DOUBLE, ATTENTION, 1)));
    params.put(
        BahdanauDecoderVertex.GATE_WEIGHTS,
        sd.constant(Nd4j.randn(DataType.DOUBLE, VOCABULARY + 2 * HIDDEN, 4 * HIDDEN)));
    params.put(
        BahdanauDecoderVertex.GATE_BIAS, sd.constant(Nd4j.zeros(DataType.DOUBLE, 1, 4 * HIDDEN)));
    SDVariable wk = params.get(BahdanauDecoderVertex.KEY_WEIGHTS);
    BahdanauDecoderVertex.Keys keys =
        BahdanauDecoderVertex.Keys.of(
            sd, sd.constant(Nd4j.randn(DataType.DOUBLE, MB, HIDDEN, KEYS)), null, wk);
    BahdanauDecoderVertex.Keys other =
        BahdanauDecoderVertex.Keys.of(
            sd, sd.constant(Nd4j.randn(DataType.DOUBLE, MB, HIDDEN, KEYS)), null, wk);
    SDVariable[] previous =
        sd.unstack(sd.constant(Nd4j.rand(DataType.DOUBLE, MB, VOCABULARY, STEPS)), 2, STEPS);
    SDVariable initial = sd.constant(Nd4j.randn(DataType.DOUBLE, MB, HIDDEN));

    int changed = 2;
    BahdanauDecoderVertex.Unrolled base =
        BahdanauDecoderVertex.unroll(sd, t -> keys, previous, initial, params, HIDDEN);
    BahdanauDecoderVertex.Unrolled perturbed =
        BahdanauDecoderVertex.unroll(
            sd, t -> t == changed ? other : keys, previous, initial, params, HIDDEN);
    for (int t = 0; t < STEPS; t++) {
      INDArray state = base.states().get(t).output().eval();
      INDArray perturbedState = perturbed.states().get(t).output().eval();
      INDArray context = base.contexts().get(t).eval();
      INDArray perturbedContext = perturbed.contexts().get(t).eval();
      if (t < changed) {
        assertTrue(
            state.equalsWithEps(perturbedState, 1e-12),
            "state " + t + " must not see a later step's context");
        assertTrue(context.equalsWithEps(perturbedContext, 1e-12));
      } else {
        assertFalse(
            state.equalsWithEps(perturbedState, 1e-6),
            "state " + t + " must change with the context of step " + changed);
      }
    }
    assertFalse(
        base.contexts()
            .get(changed)
            .eval()
            .equalsWithEps(perturbed.contexts().get(changed).eval(), 1e-6));
    // Step changed + 1 reads the original encoder states again; its context differs only through
    // s_changed, the query.
    assertFalse(
        base.contexts()
            .get(changed + 1)
            .eval()
            .equalsWithEps(perturbed.contexts().get(changed + 1).eval(), 1e-6));
  }

  /**
   * The vertex as DL4J runs it (the runtime vertex of a network, forward and backward called
   * directly) against central differences computed here, for every parameter and every input entry:
   * loss L = sum(out * R) for a fixed random R, so the gradient of the output is R. Double
   * precision, mixed key lengths (the second example's last key is padded, its mask 0) and one
   * masked decoder step. Without {@link SingleCountedSameDiffVertex} backpropagation returned
   * exactly twice the central difference here, for every parameter and input (relative error 0.5 in
   * the measure below).
   *
   * <p>Tolerance: with eps = 1e-6 in double precision the truncation error of a central difference
   * is about eps^2 |L'''| ~ 1e-12 and its rounding error about 1e-16 |L| / eps ~ 1e-9 (|L| is of
   * order 1 to 10; the largest difference seen is 1.8e-9), so an entry whose two gradients differ
   * by less than 1e-7 agrees; any other entry must agree to 1e-5 relatively (|a - n| / max(|a|,
   * |n|)). A 1% error in one parameter's gradient (Wq's, tried) fails it.
   */
  @Test
  void theRuntimeVertexsGradientsForItsParametersAndInputsMatchCentralDifferences() {
    long mb = 2;
    long hidden = 3;
    long attention = 2;
    long vocabulary = 4;
    long keySteps = 3;
    int steps = 2;
    DataType previousType = Nd4j.dataType();
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    try {
      ComputationGraph net =
          new ComputationGraph(
              new NeuralNetConfiguration.Builder()
                  .seed(3)
                  .dataType(DataType.DOUBLE)
                  .updater(new Sgd(1.0))
                  .trainingWorkspaceMode(WorkspaceMode.NONE)
                  .inferenceWorkspaceMode(WorkspaceMode.NONE)
                  .graphBuilder()
                  .addInputs("keys", "previous", "initial")
                  .setInputTypes(
                      InputType.recurrent(hidden),
                      InputType.recurrent(vocabulary),
                      InputType.feedForward(hidden))
                  .addVertex(
                      "decoder",
                      new BahdanauDecoderVertex(vocabulary, hidden, attention, steps),
                      "keys",
                      "previous",
                      "initial")
                  .addLayer(
                      "output",
                      new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                          .nIn(2 * hidden)
                          .nOut(vocabulary)
                          .activation(Activation.SOFTMAX)
                          .build(),
                      "decoder")
                  .setOutputs("output")
                  .build());
      net.init();
      net.initGradientsView(); // the vertex's parameter gradients are views of the network's
      // gradient array
      GraphVertex vertex = net.getVertex("decoder");
      assertTrue(vertex instanceof SingleCountedSameDiffVertex, vertex.getClass().getName());
      Nd4j.getRandom().setSeed(7);
      INDArray keys = Nd4j.randn(DataType.DOUBLE, mb, hidden, keySteps);
      keys.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.point(keySteps - 1))
          .assign(0); // padded, as the encoder's
      INDArray previousTokens = Nd4j.rand(DataType.DOUBLE, mb, vocabulary, steps);
      INDArray initial = Nd4j.randn(DataType.DOUBLE, mb, hidden).muli(0.5);
      INDArray r = Nd4j.randn(DataType.DOUBLE, mb, 2 * hidden, steps);
      INDArray keyMask = Nd4j.createFromArray(new double[][] {{1, 1, 1}, {1, 1, 0}});
      INDArray stepMask = Nd4j.createFromArray(new double[][] {{1, 1}, {1, 0}});
      vertex.feedForwardMaskArrays(
          new INDArray[] {keyMask, stepMask, null}, MaskState.Active, (int) mb);
      Map<String, INDArray> checked = new LinkedHashMap<>(vertex.paramTable(false));
      checked.put("input keys", keys);
      checked.put("input previous", previousTokens);
      checked.put("input initial", initial);

      vertex.setInputs(keys, previousTokens, initial);
      vertex.doForward(true, LayerWorkspaceMgr.noWorkspaces());
      vertex.setEpsilon(r);
      Pair<Gradient, INDArray[]> backprop =
          vertex.doBackward(false, LayerWorkspaceMgr.noWorkspaces());
      Map<String, INDArray> analytic = new LinkedHashMap<>();
      backprop.getFirst().gradientForVariable().forEach((k, g) -> analytic.put(k, g.dup()));
      analytic.put("input keys", backprop.getSecond()[0].dup());
      analytic.put("input previous", backprop.getSecond()[1].dup());
      analytic.put("input initial", backprop.getSecond()[2].dup());

      double eps = 1e-6;
      List<String> failures = new ArrayList<>();
      StringBuilder worst = new StringBuilder();
      for (Map.Entry<String, INDArray> e : checked.entrySet()) {
        INDArray x = e.getValue();
        INDArray g = analytic.get(e.getKey());
        assertArrayEquals(x.shape(), g.shape(), e.getKey());
        double maxAbs = 0;
        double maxRel = 0; // over the entries whose gradient exceeds 1e-4, for the printed summary
        for (long i = 0; i < x.length(); i++) {
          double original = x.getDouble(i);
          x.putScalar(i, original + eps);
          double plus = loss(vertex, keys, previousTokens, initial, r);
          x.putScalar(i, original - eps);
          double minus = loss(vertex, keys, previousTokens, initial, r);
          x.putScalar(i, original);
          double numeric = (plus - minus) / (2 * eps);
          double backpropagated = g.getDouble(i);
          double abs = Math.abs(numeric - backpropagated);
          double rel = abs / Math.max(Math.abs(numeric), Math.abs(backpropagated));
          maxAbs = Math.max(maxAbs, abs);
          if (Math.abs(numeric) > 1e-4) {
            maxRel = Math.max(maxRel, rel);
          }
          if (abs > 1e-7 && rel > 1e-5) {
            failures.add(
                e.getKey()
                    + "["
                    + i
                    + "]: backprop "
                    + backpropagated
                    + ", central difference "
                    + numeric);
          }
        }
        worst.append(String.format(" %s %.1e / %.1e;", e.getKey(), maxAbs, maxRel));
      }
      System.out.println("Bahdanau vertex, largest absolute / relative error:" + worst);
      assertTrue(
          failures.isEmpty(),
          failures.size()
              + " entries differ, e.g. "
              + failures.subList(0, Math.min(5, failures.size())));
    } finally {
      Nd4j.setDefaultDataTypes(previousType, previousType);
    }
  }

  /** sum(out * r) of one forward pass of the runtime vertex (masks as set). */
  private static double loss(
      GraphVertex vertex, INDArray keys, INDArray previousTokens, INDArray initial, INDArray r) {
    vertex.setInputs(keys, previousTokens, initial);
    return vertex
        .doForward(true, LayerWorkspaceMgr.noWorkspaces())
        .mul(r)
        .sumNumber()
        .doubleValue();
  }

  /**
   * The whole tiny network (encoder LSTM, last-state vertex, Bahdanau's decoder, softmax output)
   * through DL4J's gradient check, in double precision, with mixed source and target lengths (the
   * short pairs' keys and decoder steps are padded and masked). Every one of the 518 parameters is
   * checked (M2.1's check of a ComputationGraph ignores {@code subset} and {@code maxPerParam});
   * about 20 s.
   *
   * <p>Before {@link SingleCountedSameDiffVertex} it failed for 296 of the 518: every gradient
   * before the output layer (decoder and encoder) was twice the finite difference, relative error
   * 1/3 in GradientCheckUtil's measure |a - n| / (|a| + |n|); the output layer's passed. Now the
   * largest absolute difference is 2.7e-9, what double precision leaves of a central difference
   * with eps = 1e-6 (about 1e-16 |score| / eps, the score being about 10). An entry passes below
   * 1e-8 absolutely or 1e-3 relatively (DL4J's usual settings); the largest relative errors, about
   * 4e-4, are of gradients near 1e-6 (that same 1e-9 difference), and of the gradients above 1e-4
   * none exceeds 5e-6. A 1% error in one parameter's gradient (Wq's, tried) fails its entries with
   * relative errors near 0.005.
   */
  @Test
  void gradientsOfATinyBahdanauNetworkMatchFiniteDifferences() {
    assertTrue(
        gradientCheck(Attention.BAHDANAU),
        "gradient check of the Bahdanau decoder (the failing entries are logged)");
  }

  /**
   * The Luong network (encoder, decoder LSTM, DL4J's AttentionVertex after it, softmax output)
   * through the same check. Before {@link SingleCountedAttentionVertex} the attention's parameters
   * were off by exactly 2 and the encoder's by factors between -0.6 and 5.4: it reads the encoder
   * through the (doubled) attention and through the (single) initial context.
   */
  @Test
  void gradientsOfATinyLuongNetworkMatchFiniteDifferences() {
    assertTrue(
        gradientCheck(Attention.LUONG_DOT),
        "gradient check of the Luong network (the failing entries are logged)");
  }

  private static boolean gradientCheck(Attention attention) {
    TranslationTask reverse = new DigitStrings(DigitStrings.Transform.REVERSE, 4);
    Vocabulary vocabulary = reverse.vocabulary();
    int steps = 5;
    ComputationGraph net =
        Seq2seqNetworks.build(
            attention,
            vocabulary.size(),
            new Seq2seqSettings.Model(3, 2),
            steps,
            1,
            new TrainingSettings(1, 4, 1.0, UpdaterKind.SGD, null, null, null, null),
            DataType.DOUBLE);
    List<SequencePair> pairs = new ArrayList<>(SequencePairs.generate(reverse, 2, 2, 2, 9));
    pairs.addAll(
        SequencePairs.generate(
            reverse, 2, 4, 4, 10)); // mixed source lengths: the short ones' last keys are padded
    MultiDataSet batch =
        FixedSteps.teacherForcing(SequencePairs.teacherForcing(vocabulary, pairs), steps);
    DataType previous = Nd4j.dataType();
    Nd4j.setDefaultDataTypes(
        DataType.DOUBLE, DataType.DOUBLE); // GradientCheckUtil insists on the global default
    // GradientCheckUtil names a failing parameter at INFO; the project's logback config shows
    // DL4J's warnings only.
    Logger checkLog = (Logger) LoggerFactory.getLogger(GradientCheckUtil.class);
    Level level = checkLog.getLevel();
    checkLog.setLevel(Level.INFO);
    try {
      return GradientCheckUtil.checkGradients(
          new GradientCheckUtil.GraphConfig()
              .net(net)
              .inputs(doubles(batch.getFeatures()))
              .labels(doubles(batch.getLabels()))
              .inputMask(doubles(batch.getFeaturesMaskArrays()))
              .labelMask(doubles(batch.getLabelsMaskArrays()))
              .epsilon(1e-6)
              .maxRelError(1e-3)
              .minAbsoluteError(1e-8)
              .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    } finally {
      checkLog.setLevel(level);
      Nd4j.setDefaultDataTypes(previous, previous);
    }
  }

  private static INDArray[] doubles(INDArray[] arrays) {
    INDArray[] out = new INDArray[arrays.length];
    for (int i = 0; i < arrays.length; i++) {
      out[i] = arrays[i].castTo(DataType.DOUBLE);
    }
    return out;
  }
}
