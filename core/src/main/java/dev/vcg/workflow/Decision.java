package dev.vcg.workflow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Objects;

/**
 * Something a step decided and why (e.g. "workflow: WEB_EXTRACTION" because "a URL and no
 * assets"), kept in the run's context for explanations and debugging.
 *
 * @param step the step that decided, or an empty string for the caller
 * @param what what was decided
 * @param why the reason
 * @param at when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Decision(String step, String what, String why, Instant at) {
  /** Validates. */
  public Decision {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(why, "why");
    Objects.requireNonNull(at, "at");
  }
}
