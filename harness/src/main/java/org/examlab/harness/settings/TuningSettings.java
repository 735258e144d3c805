package org.examlab.harness.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;

/**
 * Nuisance hyper-parameters tuned per compared arm, so that a comparison of methods measures the
 * methods and not one shared setting that suits one of them. Each arm and seed tries every point of
 * its grid on a validation split carved from its own training data, keeps the point with the lowest
 * validation loss, and is then trained and tested at that point. Test data is never used for the
 * choice.
 *
 * @param validationFraction the share of the training data held out for the choice (default 0.2)
 * @param grid arm name to parameter name to the values to try; the arm {@code "*"} applies to every
 *     arm not named. Parameter names are the experiment's (e.g. {@code learningRate}, {@code
 *     dropout}); an arm with no grid is not tuned.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TuningSettings(
    Double validationFraction, Map<String, Map<String, List<Double>>> grid) {
  public static final String EVERY_ARM = "*";
  public static final TuningSettings NONE = new TuningSettings(null, Map.of());

  public TuningSettings {
    validationFraction =
        Require.inRange(
            "validationFraction", validationFraction == null ? 0.2 : validationFraction, 0.05, 0.5);
    grid = grid == null ? Map.of() : new LinkedHashMap<>(grid);
    for (Map.Entry<String, Map<String, List<Double>>> arm : grid.entrySet()) {
      if (arm.getValue() == null || arm.getValue().isEmpty()) {
        throw new InvalidSettingException(
            "grid." + arm.getKey(), "must name at least one parameter and its values");
      }
      for (Map.Entry<String, List<Double>> p : arm.getValue().entrySet()) {
        String field = "grid." + arm.getKey() + "." + p.getKey();
        if (p.getValue() == null || p.getValue().isEmpty()) {
          throw new InvalidSettingException(field, "must list at least one value");
        }
        p.getValue().forEach(v -> Require.inRange(field, v, -1e9, 1e9));
        Require.requireDistinct(field, p.getValue());
      }
    }
  }

  /**
   * The grid for {@code arm} (its own, else the {@code "*"} one), as every combination in order;
   * empty: not tuned.
   */
  public List<Map<String, Double>> candidates(String arm) {
    Map<String, List<Double>> params =
        grid.getOrDefault(arm, grid.getOrDefault(EVERY_ARM, Map.of()));
    List<Map<String, Double>> points = new ArrayList<>();
    if (params.isEmpty()) {
      return points;
    }
    points.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<Double>> p : params.entrySet()) {
      List<Map<String, Double>> next = new ArrayList<>();
      for (Map<String, Double> point : points) {
        for (double v : p.getValue()) {
          Map<String, Double> extended = new LinkedHashMap<>(point);
          extended.put(p.getKey(), v);
          next.add(extended);
        }
      }
      points = next;
    }
    return points;
  }

  /** Every parameter name any arm tunes, for the experiment to check it knows them all. */
  public java.util.Set<String> parameters() {
    java.util.Set<String> names = new java.util.TreeSet<>();
    grid.values().forEach(p -> names.addAll(p.keySet()));
    return names;
  }
}
