package org.examlab.harness.validation;

/**
 * A config, override or input that cannot be used. The CLI prints {@link #getMessage()} and exits
 * with status 2 before anything is trained or written.
 *
 * @param key the dotted path of the offending setting ("training.epochs"), or "" if none
 * @param where where it came from: "configs/x.yaml:12", "override training.epochs=0", ...
 */
public final class ConfigException extends Exception {
  private final String key;
  private final String where;
  private final String problem;

  public ConfigException(String key, String where, String problem) {
    super(format(key, where, problem));
    this.key = key;
    this.where = where;
    this.problem = problem;
  }

  public String key() {
    return key;
  }

  public String where() {
    return where;
  }

  public String problem() {
    return problem;
  }

  private static String format(String key, String where, String problem) {
    StringBuilder text = new StringBuilder();
    if (where != null && !where.isEmpty()) {
      text.append(where).append(": ");
    }
    if (key != null && !key.isEmpty()) {
      text.append(key).append(": ");
    }
    return text.append(problem).toString();
  }
}
