package dev.vcg.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.provider.ApiKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A canary API key and the checks that it never shows: a key of the form
 * {@code sk-CANARY-<random>} is run through success and failure paths, then searched for in
 * captured logs, exception messages and stack traces, and the {@code toString} of returned
 * objects.
 *
 * <pre>{@code
 * Canary canary = Canary.create();
 * ProviderConfig config = ProviderConfig.builder("acme").apiKey(canary.key()).build();
 * ... run calls, collect results and exceptions ...
 * canary.assertAbsent(result, exception, CapturedLogs.text());
 * }</pre>
 */
public final class Canary {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String value;

  private Canary(String value) {
    this.value = value;
  }

  /** @return a new canary with a random suffix */
  public static Canary create() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return new Canary("sk-CANARY-" + HexFormat.of().formatHex(bytes));
  }

  /** @return the secret text */
  public String value() {
    return value;
  }

  /** @return the canary as an API key */
  public ApiKey key() {
    return ApiKey.of(value);
  }

  /**
   * Asserts the canary appears in none of the things given: strings as they are, throwables by
   * message, {@code toString} and full stack trace (causes and suppressed), anything else by
   * {@code toString()}. Also checks the last 12 characters alone, to catch partly masked keys.
   *
   * @param things strings, throwables or objects (nulls are skipped)
   */
  public void assertAbsent(Object... things) {
    String tail = value.substring(value.length() - 12);
    for (Object thing : things) {
      if (thing == null) {
        continue;
      }
      String text = textOf(thing);
      assertThat(text).as("text that must not contain the API key: %s", abbreviate(text))
          .doesNotContain(value).doesNotContain(tail);
    }
  }

  /**
   * @param thing a string, throwable or object
   * @return the text a leak would show in
   */
  public static String textOf(Object thing) {
    Objects.requireNonNull(thing, "thing");
    if (thing instanceof Throwable) {
      Throwable t = (Throwable) thing;
      StringWriter sw = new StringWriter();
      t.printStackTrace(new PrintWriter(sw));
      return t.getMessage() + "\n" + t + "\n" + sw;
    }
    return String.valueOf(thing);
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "…";
  }

  @Override
  public String toString() {
    return "Canary[sk-CANARY-…]";
  }
}
