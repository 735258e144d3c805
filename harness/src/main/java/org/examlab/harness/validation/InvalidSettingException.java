package org.examlab.harness.validation;

/**
 * Thrown by a settings record's compact constructor when a value is out of range or inconsistent.
 * It names the field locally ("epochs"); {@link org.examlab.harness.config.ConfigLoader} prefixes
 * the path of the enclosing object ("training.epochs") and the file line before showing it.
 */
public final class InvalidSettingException extends IllegalArgumentException {
  private final String field;

  public InvalidSettingException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
