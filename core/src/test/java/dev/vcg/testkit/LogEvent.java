package dev.vcg.testkit;

import java.util.Objects;
import org.slf4j.event.Level;

/**
 * One log call captured by the test SLF4J backend.
 *
 * @param level the level
 * @param logger the logger name
 * @param thread the calling thread's name
 * @param message the formatted message
 * @param throwable the printed stack trace of the attached throwable (with causes and suppressed), or null
 */
public record LogEvent(Level level, String logger, String thread, String message, String throwable) {
  /** Validates. */
  public LogEvent {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(logger, "logger");
    Objects.requireNonNull(message, "message");
  }

  /** @return the event as one text block: level, logger, message and stack trace */
  public String text() {
    return level + " " + logger + " [" + thread + "] " + message + (throwable == null ? "" : "\n" + throwable);
  }
}
