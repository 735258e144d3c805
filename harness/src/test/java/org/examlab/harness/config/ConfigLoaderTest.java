package org.examlab.harness.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.examlab.harness.experiment.ExperimentRegistry;
import org.examlab.harness.settings.UpdaterKind;
import org.examlab.harness.toy.ToyConfigs;
import org.examlab.harness.toy.ToyExperiment;
import org.examlab.harness.validation.ConfigException;
import org.examlab.harness.verdict.Comparison;
import org.examlab.harness.verdict.VerdictRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  @TempDir Path dir;
  private final ConfigLoader loader =
      new ConfigLoader(new ExperimentRegistry(List.of(new ToyExperiment())));

  private ResolvedConfig<?> load(String yaml, String... overrides) throws Exception {
    return loader.load(ToyConfigs.write(dir, "c.yaml", yaml), List.of(overrides));
  }

  private ConfigException failure(String yaml, String... overrides) {
    return assertThrows(ConfigException.class, () -> load(yaml, overrides));
  }

  @Test
  void bindsFileOverridesAndDefaults() throws Exception {
    ResolvedConfig<?> c =
        load(ToyConfigs.VALID, "training.epochs=7", "toy.hidden=9", "backend=CPU");
    assertEquals(7, c.run().training().epochs());
    assertEquals(List.of(1L, 2L), c.run().seeds());
    assertEquals(UpdaterKind.ADAM, c.run().training().updater(), "default updater");
    assertEquals(0.0, c.run().training().l2(), "default l2");
    assertEquals(
        new ToyExperiment.Toy(64, 9, false, false, null),
        ((ToyExperiment.Settings) c.settings()).toy());
    // The resolved tree carries overrides and defaults, as config.yaml will.
    assertEquals(7, c.resolvedTree().at("/training/epochs").asInt());
    assertEquals("adam", c.resolvedTree().at("/training/updater").asText());
    assertEquals(9, c.resolvedTree().at("/toy/hidden").asInt());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // override                       | key named                 | words in the problem
        "training.epochs=0                 | training.epochs           | between 1 and 100000",
        "training.epochs=2.5               | training.epochs           | whole number",
        "training.epochs=many              | training.epochs           | whole number",
        "training.learningRate=-1          | training.learningRate     | between",
        "training.updater=lbfgs            | training.updater          | one of",
        "training.epoch=3                  | training.epoch            | unknown key",
        "toy.hiden=3                       | toy.hiden                 | unknown key",
        "toy.hidden=0                      | toy.hidden                | between 1 and 1000",
        "typo=1                            | typo                      | unknown key",
        "backend=gpu                       | backend                   | one of [cpu, cuda]",
        "seeds=[1,1]                       | seeds                     | repeat",
        "seeds=[]                          | seeds                     | between 1 and 100",
        "seeds=3                           | seeds                     | list",
        "diagnostics.everyIterations=0     | diagnostics.everyIterations | between",
        "experiment=nope                   | experiment                | unknown experiment",
        "toy=5                             | toy                       | group of settings",
        "tuning.grid=text                  | tuning.grid               | group of settings",
        "tuning.grid.toy=5                 | tuning.grid.toy           | group of settings",
      })
  void badOverridesNameTheKeyAndTheOverride(String override, String key, String words) {
    ConfigException e = failure(ToyConfigs.VALID, override);
    assertEquals(key, e.key());
    assertEquals("override " + override, e.where());
    assertTrue(e.problem().contains(words), e.getMessage());
  }

  /** 1-based line of the first line of {@code yaml} that contains {@code text}. */
  private static int line(String yaml, String text) {
    String[] lines = yaml.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in the config");
  }

  @Test
  void badValuesInTheFileNameKeyFileAndLine() {
    ConfigException e = failure(ToyConfigs.VALID.replace("epochs: 3", "epochs: 0"));
    assertEquals("training.epochs", e.key());
    assertTrue(e.where().endsWith("c.yaml:" + line(ToyConfigs.VALID, "epochs: 3")), e.where());

    ConfigException unknown = failure(ToyConfigs.VALID.replace("hidden: 4", "hiden: 4"));
    assertEquals("toy.hiden", unknown.key());
    assertTrue(
        unknown.where().endsWith("c.yaml:" + line(ToyConfigs.VALID, "hidden: 4")), unknown.where());

    ConfigException wrongType =
        failure(ToyConfigs.VALID.replace("batchSize: 16", "batchSize: sixteen"));
    assertEquals("training.batchSize", wrongType.key());
    assertTrue(
        wrongType.where().endsWith("c.yaml:" + line(ToyConfigs.VALID, "batchSize: 16")),
        wrongType.where());
  }

  @Test
  void aKeyGivenTwiceIsAnErrorNamingTheKeyAndBothLines() {
    String twice = ToyConfigs.VALID + "seeds: [7]\n";
    ConfigException e = failure(twice);
    assertEquals("seeds", e.key());
    int first = line(twice, "seeds: [");
    int second = twice.split("\n").length;
    assertTrue(e.problem().contains("lines " + first + " and " + second), e.getMessage());
    assertTrue(e.where().endsWith("c.yaml:" + second), e.where());

    String nestedTwice =
        ToyConfigs.VALID.replace("  batchSize: 16\n", "  batchSize: 16\n  batchSize: 8\n");
    ConfigException nested = failure(nestedTwice);
    assertEquals("training.batchSize", nested.key());
    assertTrue(
        nested
            .problem()
            .contains(
                "given twice (lines "
                    + line(nestedTwice, "batchSize: 16")
                    + " and "
                    + line(nestedTwice, "batchSize: 8")
                    + ")"),
        nested.getMessage());

    String blockTwice = ToyConfigs.VALID + "toy:\n  examples: 64\n  hidden: 4\n";
    ConfigException block = failure(blockTwice);
    assertEquals("toy", block.key());
    assertTrue(
        block
            .problem()
            .contains(
                "lines "
                    + line(blockTwice, "toy:")
                    + " and "
                    + (blockTwice.split("\n").length - 2)),
        block.getMessage());
  }

  @Test
  void aKeyGivenTwiceInAConfigThatIsExtendedNamesThatFile() throws Exception {
    ToyConfigs.write(
        dir, "base.yaml", ToyConfigs.VALID.replace("  epochs: 3\n", "  epochs: 3\n  epochs: 4\n"));
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                loader.load(
                    ToyConfigs.write(dir, "child.yaml", "extends: base.yaml\nseeds: [3]\n"),
                    List.of()));
    assertEquals("training.epochs", e.key());
    assertTrue(
        e.getMessage().contains("base.yaml:5: training.epochs: given twice (lines 4 and 5)"),
        e.getMessage());
  }

  @Test
  void aChildSettingAKeyItsBaseAlsoSetsIsNotAKeyGivenTwice() throws Exception {
    ToyConfigs.write(dir, "base.yaml", ToyConfigs.VALID);
    ResolvedConfig<?> c =
        loader.load(
            ToyConfigs.write(dir, "child.yaml", "extends: base.yaml\nseeds: [3]\n"), List.of());
    assertEquals(List.of(3L), c.run().seeds());
  }

  @Test
  void missingRequiredValuesAreNamed() {
    ConfigException e = failure(ToyConfigs.VALID.replace("  learningRate: 0.05\n", ""));
    assertEquals("training.learningRate", e.key());
    assertTrue(e.problem().contains("required"), e.getMessage());
    assertEquals("training", failure("experiment: toy\ntoy: {examples: 8, hidden: 2}\n").key());
    assertEquals("experiment", failure("seeds: [1]\n").key());
  }

  @Test
  void claimRulesAreCheckedAgainstWhatTheExperimentMeasures() {
    ConfigException typo =
        failure(ToyConfigs.VALID.replace("left: toy.accuracy", "left: toy.acuracy"));
    assertEquals("claims[0]", typo.key());
    assertTrue(typo.problem().contains("toy.acuracy"), typo.getMessage());
    assertTrue(
        typo.where().endsWith("c.yaml:" + line(ToyConfigs.VALID, "- id: toy-1")), typo.where());

    ConfigException badOp = failure(ToyConfigs.VALID.replace("op: \">\"", "op: \"=>\""));
    assertEquals("claims[0].rule.op", badOp.key());

    ConfigException both =
        failure(ToyConfigs.VALID.replace("right: toy.chance", "right: toy.chance, value: 0.5"));
    assertEquals("claims[0].rule.right", both.key());
    assertTrue(both.problem().contains("exactly one"), both.getMessage());
  }

  @Test
  void aRuleIsAComparisonOrAllOfSeveral() throws Exception {
    String rule =
        "rule: {left: toy.accuracy, op: \">\", right: toy.chance, margin: 0.1, minSeeds: 2}";
    String all =
        "rule: {all: [{left: toy.accuracy, op: \">\", right: toy.chance}, {left: toy.accuracy,"
            + " op: \"<\", value: 1}]}";
    assertTrue(ToyConfigs.VALID.contains(rule));
    ResolvedConfig<?> c = load(ToyConfigs.VALID.replace(rule, all));
    VerdictRule.All bound = (VerdictRule.All) c.run().claims().get(0).rule();
    assertEquals(
        new VerdictRule.Compare("toy.accuracy", Comparison.LESS, null, 1.0, 0.0, 1),
        bound.all().get(1));
    assertEquals("toy.chance", c.resolvedTree().at("/claims/0/rule/all/0/right").asText());
    assertEquals(
        1, c.resolvedTree().at("/claims/0/rule").size(), "an 'all' rule writes 'all' only");
    assertTrue(load(ToyConfigs.VALID).run().claims().get(0).rule() instanceof VerdictRule.Compare);

    ConfigException both =
        failure(ToyConfigs.VALID.replace(rule, all.replace("{all:", "{left: toy.accuracy, all:")));
    assertEquals("claims[0].rule.all", both.key());
    assertTrue(both.problem().contains("not both"), both.getMessage());
    ConfigException empty = failure(ToyConfigs.VALID.replace(rule, "rule: {all: []}"));
    assertEquals("claims[0].rule.all", empty.key());
    assertTrue(empty.problem().contains("at least one rule"), empty.getMessage());
    ConfigException part = failure(ToyConfigs.VALID.replace(rule, all.replace(", value: 1", "")));
    assertEquals("claims[0].rule.all[1].right", part.key());
    assertTrue(part.problem().contains("exactly one"), part.getMessage());
    ConfigException typo = failure(ToyConfigs.VALID.replace("margin: 0.1", "marign: 0.1"));
    assertEquals("claims[0].rule.marign", typo.key());
    assertTrue(
        typo.problem().contains("[all, left, margin, minSeeds, op, right, value]"),
        typo.getMessage());
    ConfigException text = failure(ToyConfigs.VALID.replace(rule, "rule: toy.accuracy"));
    assertEquals("claims[0].rule", text.key());
    assertTrue(text.problem().contains("a group of settings"), text.getMessage());
  }

  @Test
  void brokenYamlAndMissingFilesAreConfigErrors() {
    ConfigException yaml = failure("experiment: toy\ntraining: [epochs: 3\n");
    assertTrue(yaml.problem().contains("not valid YAML"), yaml.getMessage());
    ConfigException missing =
        assertThrows(ConfigException.class, () -> loader.load(dir.resolve("none.yaml"), List.of()));
    assertTrue(missing.problem().contains("cannot read"), missing.getMessage());
    assertTrue(failure("- a\n- b\n").problem().contains("mapping"));
  }

  @Test
  void aConfigCanExtendAnotherAndOverrideSomeSettings() throws Exception {
    ToyConfigs.write(dir, "base.yaml", ToyConfigs.VALID);
    ResolvedConfig<?> c = load("extends: base.yaml\nseeds: [5]\ntraining: {epochs: 9}\n");
    assertEquals(List.of(5L), c.run().seeds(), "a list replaces");
    assertEquals(9, c.run().training().epochs(), "a nested value replaces");
    assertEquals(16, c.run().training().batchSize(), "the rest of the group is inherited");
    assertEquals("toy-1", c.run().claims().get(0).id(), "claims are inherited");
    assertTrue(c.resolvedTree().get("extends") == null, "the resolved config is self-contained");

    ConfigException inParent = failure("extends: base.yaml\nseeds: [5]\n", "training.epochs=0");
    assertEquals("override training.epochs=0", inParent.where());
    ToyConfigs.write(dir, "bad-base.yaml", ToyConfigs.VALID.replace("hidden: 4", "hidden: 0"));
    ConfigException e = failure("extends: bad-base.yaml\n");
    assertEquals("toy.hidden", e.key());
    assertTrue(
        e.where().endsWith("bad-base.yaml:" + line(ToyConfigs.VALID, "hidden: 4")),
        "points into the base file: " + e.where());
  }

  @Test
  void extendingInACircleOrANonFileIsAConfigError() throws Exception {
    ToyConfigs.write(dir, "a.yaml", "extends: b.yaml\n");
    ToyConfigs.write(dir, "b.yaml", "extends: a.yaml\n");
    assertTrue(
        assertThrows(ConfigException.class, () -> loader.load(dir.resolve("a.yaml"), List.of()))
            .problem()
            .contains("circle"));
    assertEquals("extends", failure("extends: 3\n").key());
    assertTrue(failure("extends: nowhere.yaml\n").problem().contains("cannot read"));
  }

  @Test
  void aMissingExtendsTargetIsReportedInTheExtendingFile() {
    ConfigException e = failure("seeds: [1]\nextends: o\n");
    assertEquals("extends", e.key());
    assertTrue(
        e.where().endsWith("c.yaml:2"),
        "located at the extends line of the extending file: " + e.where());
    assertTrue(e.problem().contains("cannot read 'o'"), e.getMessage());
  }
}
