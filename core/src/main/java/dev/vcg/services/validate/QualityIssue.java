package dev.vcg.services.validate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * One thing a plan does not do well.
 *
 * @param category what is checked
 * @param severity how much it matters
 * @param message what is wrong and what to do
 * @param shotId the shot at fault, or 0 for the whole plan
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QualityIssue(Category category, Severity severity, String message, int shotId) {
  /** What is checked. */
  public enum Category {
    /** The brand's colours, name and call to action are used. */
    BRAND,
    /** The plan serves the goal (e.g. ends on a call to action for conversion). */
    GOAL,
    /** The video model can make the plan as written (durations, end frames, aspect, prompt lengths). */
    TECHNICAL;

    /** @return the JSON spelling */
    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text the JSON spelling
     * @return the category
     */
    @JsonCreator
    public static Category parse(String text) {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
  }

  /** How much an issue matters. */
  public enum Severity {
    /** Worth knowing; the plan is fine. */
    INFO,
    /** The plan works but misses part of the request. */
    WARNING,
    /** The plan fails the request or cannot be made as written. */
    ERROR;

    /** @return the JSON spelling */
    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text the JSON spelling
     * @return the severity
     */
    @JsonCreator
    public static Severity parse(String text) {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
  }

  /** Validates. */
  public QualityIssue {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return severity.wireName() + " " + category.wireName() + (shotId > 0 ? " (shot " + shotId + ")" : "") + ": "
        + message;
  }
}
