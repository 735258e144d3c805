package org.examlab.harness.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.experiment.ExperimentRegistry;
import org.examlab.harness.settings.RunSettings;
import org.examlab.harness.validation.ConfigException;
import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.verdict.ClaimSpec;
import org.examlab.harness.verdict.VerdictRule;

/**
 * Reads a YAML config, applies {@code key=value} overrides, binds the harness part to {@link
 * RunSettings} and the rest to the experiment's own settings record, and validates everything
 * before anything runs. Every failure is a {@link ConfigException} naming the key, and the file
 * line or the override it came from.
 */
public final class ConfigLoader {
  private final ExperimentRegistry experiments;
  private final ObjectMapper mapper = strictYamlMapper();

  public ConfigLoader(ExperimentRegistry experiments) {
    this.experiments = experiments;
  }

  /**
   * The mapper every config goes through: unknown keys, coerced strings and fractional ints are
   * errors.
   */
  public static ObjectMapper strictYamlMapper() {
    YAMLFactory factory =
        YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(
            DeserializationFeature
                .FAIL_ON_READING_DUP_TREE_KEY) // a key given twice would silently let the last win
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .build();
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public ResolvedConfig<?> load(Path file, List<String> overrideTexts) throws ConfigException {
    List<Source> sources = new ArrayList<>();
    ObjectNode tree = read(file, sources);
    List<ConfigOverride> overrides = applyOverrides(tree, overrideTexts);
    Locator locator = new Locator(sources, overrides);

    JsonNode name = tree.get("experiment");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      throw locator.error("experiment", "is required: one of " + experiments.names());
    }
    Experiment<?> experiment =
        experiments
            .find(name.asText())
            .orElseThrow(
                () ->
                    locator.error(
                        "experiment",
                        "unknown experiment '"
                            + name.asText()
                            + "'; known: "
                            + experiments.names()));
    return bind(experiment, tree, overrides, locator);
  }

  /**
   * Binds a YAML file that is not an experiment config (a network description, say) to the record
   * {@code type}, exactly as strictly as a config: {@code extends}, overrides, unknown keys and
   * compact-constructor checks, errors naming the key and its line.
   */
  public static <T> T loadRecord(Path file, List<String> overrideTexts, Class<T> type)
      throws ConfigException {
    ConfigLoader loader = new ConfigLoader(new ExperimentRegistry(List.of()));
    List<Source> sources = new ArrayList<>();
    ObjectNode tree = loader.read(file, sources);
    List<ConfigOverride> overrides = loader.applyOverrides(tree, overrideTexts);
    return loader.convert(tree, type, new Locator(sources, overrides));
  }

  private List<ConfigOverride> applyOverrides(ObjectNode tree, List<String> overrideTexts)
      throws ConfigException {
    List<ConfigOverride> overrides = new ArrayList<>();
    for (String o : overrideTexts) {
      ConfigOverride override = ConfigOverride.parse(o, mapper);
      override.applyTo(tree);
      overrides.add(override);
    }
    return overrides;
  }

  private <C> ResolvedConfig<C> bind(
      Experiment<C> experiment, ObjectNode tree, List<ConfigOverride> overrides, Locator locator)
      throws ConfigException {
    ObjectNode runPart = mapper.createObjectNode();
    ObjectNode experimentPart = mapper.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      (RunSettings.KEYS.contains(e.getKey()) ? runPart : experimentPart)
          .set(e.getKey(), e.getValue());
    }
    RunSettings run = convert(runPart, RunSettings.class, locator);
    if (run.training() == null && experiment.trains()) {
      throw locator.error("training", "is required");
    }
    C settings = convert(experimentPart, experiment.settingsType(), locator);
    checkClaims(run, experiment, settings, locator);

    ObjectNode resolved = mapper.valueToTree(run);
    resolved.setAll((ObjectNode) mapper.valueToTree(settings));
    return new ResolvedConfig<>(
        locator.file(),
        overrides.stream().map(ConfigOverride::text).toList(),
        run,
        experiment,
        settings,
        resolved);
  }

  /**
   * A rule may only read what the experiment measures; a typo there would otherwise surface after
   * training.
   */
  private <C> void checkClaims(
      RunSettings run, Experiment<C> experiment, C settings, Locator locator)
      throws ConfigException {
    Set<String> measured = experiment.measurements(settings, run).names();
    List<ClaimSpec> sweepClaims = run.sweep() == null ? List.of() : run.sweep().claims();
    Optional<ClaimCatalog> catalog =
        run.claims().isEmpty() && sweepClaims.isEmpty()
            ? Optional.empty()
            : catalogFor(locator.file());
    for (int i = 0; i < sweepClaims.size(); i++) {
      ClaimSpec claim = sweepClaims.get(i);
      String mismatch = catalog.map(c -> c.mismatch(claim)).orElse(null);
      if (mismatch != null) {
        throw locator.error("sweep.claims[" + i + "].id", mismatch);
      }
    }
    for (int i = 0; i < run.claims().size(); i++) {
      ClaimSpec claim = run.claims().get(i);
      String mismatch = catalog.map(c -> c.mismatch(claim)).orElse(null);
      if (mismatch != null) {
        throw locator.error("claims[" + i + "].id", mismatch);
      }
      for (String name : claim.measurementNames()) {
        if (!measured.contains(name)) {
          throw locator.error(
              "claims[" + i + "]",
              "claim "
                  + claim.id()
                  + " reads '"
                  + name
                  + "', which this experiment does not measure; it measures: "
                  + new TreeSet<>(measured));
        }
      }
    }
  }

  /**
   * The product's claim list for a config: {@code claims/catalog.yaml} in the config's folder or
   * one above it (or in a {@code configs/} folder above it, for a run folder's resolved config),
   * else the project's ({@code examlab.home}). A config with neither is checked without it.
   */
  private static Optional<ClaimCatalog> catalogFor(Path configFile) throws ConfigException {
    List<Path> candidates = new ArrayList<>();
    for (Path d = configFile.toAbsolutePath().getParent(); d != null; d = d.getParent()) {
      candidates.add(d.resolve("claims").resolve("catalog.yaml"));
      candidates.add(d.resolve(ClaimCatalog.DEFAULT_LOCATION));
    }
    String home = System.getProperty("examlab.home");
    if (home != null) {
      candidates.add(Path.of(home).resolve(ClaimCatalog.DEFAULT_LOCATION));
    }
    for (Path c : candidates) {
      if (Files.isRegularFile(c)) {
        return Optional.of(ClaimCatalog.load(c));
      }
    }
    return Optional.empty();
  }

  /** One config file's text, for pointing errors at its lines. */
  private record Source(Path file, String text) {}

  /**
   * Reads {@code file}; if it says {@code extends: other.yaml} (relative to itself), reads that
   * first and lays this file's settings over it: mappings merge key by key, lists and values
   * replace. A -full config is then its quick config plus the settings that differ.
   */
  private ObjectNode read(Path file, List<Source> sources) throws ConfigException {
    String where = file.toString();
    if (sources.stream()
        .anyMatch(
            s -> s.file().toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize()))) {
      throw new ConfigException("extends", where, "configs extend each other in a circle");
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(
          "",
          where,
          "cannot read the config file ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")");
    }
    sources.add(new Source(file, text));
    ObjectNode tree = parse(text, where);
    JsonNode parent = tree.remove("extends");
    if (parent == null) {
      return tree;
    }
    if (!parent.isTextual() || parent.asText().isBlank()) {
      throw new ConfigException(
          "extends", where, "must name another config file, e.g. extends: rnn-gradients.yaml");
    }
    Path parentFile = file.toAbsolutePath().getParent().resolve(parent.asText());
    if (!Files.isRegularFile(parentFile) || !Files.isReadable(parentFile)) {
      // Named in the extending file, at its extends line: the missing file alone would not say
      // which config points at it.
      int line = YamlLocator.exactLineOf(text, "extends");
      throw new ConfigException(
          "extends",
          line > 0 ? where + ":" + line : where,
          "cannot read '" + parent.asText() + "' (resolved to " + parentFile.normalize() + ")");
    }
    ObjectNode base = read(parentFile, sources);
    merge(base, tree);
    return base;
  }

  private static void merge(ObjectNode base, ObjectNode over) {
    for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = base.get(e.getKey());
      if (existing instanceof ObjectNode target && e.getValue() instanceof ObjectNode source) {
        merge(target, source);
      } else {
        base.set(e.getKey(), e.getValue());
      }
    }
  }

  private ObjectNode parse(String text, String where) throws ConfigException {
    // Jackson can reject a key given twice, but names only the second line: find both here.
    Optional<YamlLocator.Duplicate> twice = YamlLocator.firstDuplicate(text);
    if (twice.isPresent()) {
      YamlLocator.Duplicate d = twice.get();
      throw new ConfigException(
          d.path(),
          where + ":" + d.secondLine(),
          "given twice (lines " + d.firstLine() + " and " + d.secondLine() + "); keep one");
    }
    try {
      JsonNode node = mapper.readTree(text);
      if (node == null || node.isMissingNode() || node.isNull()) {
        throw new ConfigException("", where, "the config file is empty");
      }
      if (!node.isObject()) {
        throw new ConfigException("", where, "a config must be a mapping of settings (key: value)");
      }
      return (ObjectNode) node;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      throw new ConfigException(
          "",
          line > 0 ? where + ":" + line : where,
          "is not valid YAML: " + e.getOriginalMessage());
    }
  }

  private <T> T convert(ObjectNode node, Class<T> type, Locator locator) throws ConfigException {
    var unknown = UnknownKeys.find(node, type, "");
    if (unknown.isPresent()) {
      throw locator.error(
          unknown.get().path(), "unknown key; valid keys here: " + unknown.get().validKeys());
    }
    try {
      return mapper.treeToValue(node, type);
    } catch (JsonMappingException e) {
      throw translate(e, locator);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ConfigException("", locator.file().toString(), e.getMessage());
    }
  }

  private static ConfigException translate(JsonMappingException e, Locator locator) {
    String path = path(e.getPath());
    String problem;
    Throwable cause = e.getCause();
    if (e instanceof ValueInstantiationException
        && cause instanceof InvalidSettingException invalid) {
      path = path.isEmpty() ? invalid.field() : path + "." + invalid.field();
      problem = invalid.getMessage();
    } else if (e instanceof UnrecognizedPropertyException unknown) {
      problem =
          "unknown key; valid keys here: "
              + new TreeSet<>(
                  unknown.getKnownPropertyIds().stream().map(Object::toString).toList());
    } else if (e instanceof InvalidFormatException format) {
      problem =
          "expected " + describe(format.getTargetType()) + ", got '" + format.getValue() + "'";
    } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      boolean missing =
          String.valueOf(mismatch.getOriginalMessage()).startsWith("Cannot map `null`");
      problem = (missing ? "is required: " : "") + "expected " + describe(mismatch.getTargetType());
    } else if (cause instanceof IllegalArgumentException) {
      problem = cause.getMessage();
    } else {
      problem = e.getOriginalMessage();
    }
    return locator.error(path, problem);
  }

  private static String describe(Class<?> type) {
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase()).toList();
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == double.class || type == Double.class || type == float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text value";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list, e.g. [1, 2, 3]";
    }
    if (type.isRecord() || type == VerdictRule.class || Map.class.isAssignableFrom(type)) {
      return "a group of settings (key: value lines)";
    }
    return "a " + type.getSimpleName();
  }

  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : references) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** Says where a key came from: an override, a line of the config, or of the config it extends. */
  private record Locator(List<Source> sources, List<ConfigOverride> overrides) {
    Path file() {
      return sources.get(0).file();
    }

    ConfigException error(String key, String problem) {
      for (int i = overrides.size() - 1; i >= 0; i--) {
        if (overrides.get(i).covers(key)) {
          return new ConfigException(key, overrides.get(i).where(), problem);
        }
      }
      for (Source s : sources) { // the config itself first, then what it extends
        int line = YamlLocator.exactLineOf(s.text(), key);
        if (line > 0) {
          return new ConfigException(key, s.file() + ":" + line, problem);
        }
      }
      Source own = sources.get(0);
      int line = YamlLocator.lineOf(own.text(), key);
      return new ConfigException(
          key, line > 0 ? own.file() + ":" + line : own.file().toString(), problem);
    }
  }
}
