package org.examlab.harness.experiment;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The experiments on the classpath, by name. */
public final class ExperimentRegistry {
  private final Map<String, Experiment<?>> byName = new TreeMap<>();

  public ExperimentRegistry(Iterable<? extends Experiment<?>> experiments) {
    for (Experiment<?> e : experiments) {
      byName.put(e.name(), e);
    }
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  public static ExperimentRegistry fromClasspath() {
    return new ExperimentRegistry((Iterable) ServiceLoader.load(Experiment.class));
  }

  public Optional<Experiment<?>> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  public List<Experiment<?>> all() {
    return List.copyOf(byName.values());
  }
}
