package dev.vcg.provider.http;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads a server's retry hint: {@code retry-after-ms} (float milliseconds), then
 * {@code Retry-After} as (float) seconds, then as an HTTP-date relative to a clock. Values that
 * are not finite numbers or dates yield no hint; zero or negative values are returned as they are
 * (the caller falls back to backoff for them).
 */
final class RetryAfter {
  /** Longer hints than this are clamped; they are far beyond any in-call limit anyway. */
  private static final double MAX_SECONDS = 365.0 * 24 * 3600;

  private RetryAfter() {
  }

  static Optional<Duration> parse(HttpHeaders headers, Clock clock) {
    Optional<String> ms = headers.firstValue("retry-after-ms");
    if (ms.isPresent()) {
      Double v = number(ms.get());
      if (v != null) {
        return Optional.of(seconds(v / 1000.0));
      }
    }
    Optional<String> ra = headers.firstValue("retry-after");
    if (ra.isEmpty()) {
      return Optional.empty();
    }
    String value = ra.get().strip();
    Double v = number(value);
    if (v != null) {
      return Optional.of(seconds(v));
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      return Optional.of(Duration.between(clock.instant(), at.toInstant()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Double number(String s) {
    String t = s.strip();
    if (t.isEmpty() || !(Character.isDigit(t.charAt(0)) || t.charAt(0) == '-' || t.charAt(0) == '.')) {
      return null;
    }
    try {
      double v = Double.parseDouble(t);
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Duration seconds(double s) {
    double clamped = Math.max(-MAX_SECONDS, Math.min(MAX_SECONDS, s));
    return Duration.ofNanos(Math.round(clamped * 1e9));
  }
}
