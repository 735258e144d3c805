package org.examlab.harness.metrics;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What an experiment declares it will measure ({@code Experiment.measurements}): config validation
 * checks every verdict rule against these names, the run's recorder refuses a measurement not
 * declared here, and the run fails if a declared one was never recorded.
 */
public final class Measurements {
  private final Set<String> names = new LinkedHashSet<>();

  /** Declares {@code measurement} and hands it back, for the experiment to record with. */
  public Measurement add(Measurement measurement) {
    names.add(measurement.name());
    return measurement;
  }

  /** Declares each of {@code measurements}. */
  public Measurements addAll(Collection<Measurement> measurements) {
    measurements.forEach(this::add);
    return this;
  }

  /** Declares everything {@code other} declares (a part of the experiment with its own list). */
  public Measurements addAll(Measurements other) {
    names.addAll(other.names);
    return this;
  }

  public boolean declares(String name) {
    return names.contains(name);
  }

  /** The declared names, in declaration order. */
  public Set<String> names() {
    return Collections.unmodifiableSet(names);
  }
}
