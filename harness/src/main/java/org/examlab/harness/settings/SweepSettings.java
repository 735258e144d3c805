package org.examlab.harness.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;
import org.examlab.harness.verdict.ClaimSpec;

/**
 * A config's own sweep, run by {@code examlab sweep}: every combination of the {@code axes} values,
 * for every seed, is one run. Claims here compare variants: their rules read {@code
 * <variant>.<measurement>}, where a variant is named by its axis values ("dropout", or
 * "strategy=dropout,rate=0.5" with several axes).
 *
 * @param axes dotted config key -> the values it takes, in order
 * @param metrics the measurements to tabulate and chart (default: all)
 * @param claims claims decided across the sweep's variants
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SweepSettings(
    Map<String, List<JsonNode>> axes, List<String> metrics, List<ClaimSpec> claims) {
  private static final java.util.Set<String> NOT_SWEPT =
      java.util.Set.of(
          "experiment", "description", "seeds", "backend", "claims", "sweep", "tuning");
  private static final Pattern KEY =
      Pattern.compile("[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z][A-Za-z0-9_-]*)*");

  public SweepSettings {
    if (axes == null || axes.isEmpty()) {
      throw new InvalidSettingException(
          "axes",
          "must name at least one key and its values, e.g. axes: {training.learningRate: [0.1, 0.01]}");
    }
    for (Map.Entry<String, List<JsonNode>> axis : axes.entrySet()) {
      if (!KEY.matcher(axis.getKey()).matches()
          || NOT_SWEPT.contains(axis.getKey().split("\\.")[0])) {
        throw new InvalidSettingException(
            "axes",
            "cannot sweep '"
                + axis.getKey()
                + "': sweep the experiment's settings, training.* or"
                + " diagnostics.* (every seed in 'seeds' is always run)");
      }
      if (axis.getValue() == null || axis.getValue().isEmpty()) {
        throw new InvalidSettingException(
            "axes", "'" + axis.getKey() + "' must list at least one value");
      }
      Require.requireDistinct("axes", axis.getValue());
    }
    axes = new LinkedHashMap<>(axes);
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    claims = claims == null ? List.of() : List.copyOf(claims);
    Require.requireDistinct("claims", claims.stream().map(ClaimSpec::id).toList());
  }
}
