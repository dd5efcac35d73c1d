package dev.vcg.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.testkit.MutableClock;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Retry-After parsing, backoff bounds, redaction and the circuit breaker's state machine. */
class HttpInternalsTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T12:00:00Z"));

  private static HttpHeaders headers(String... nameValues) {
    Map<String, List<String>> map = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < nameValues.length; i += 2) {
      map.put(nameValues[i], List.of(nameValues[i + 1]));
    }
    return HttpHeaders.of(map, (a, b) -> true);
  }

  @ParameterizedTest(name = "{0}: {1} → {2} ms")
  @CsvSource({
      "retry-after-ms, 150, 150",
      "retry-after-ms, 150.7, 150",
      "retry-after, 2, 2000",
      "retry-after, 0.25, 250",
      "retry-after, 61, 61000",
      "retry-after, 0, 0",
      "retry-after, -3, -3000",
      "retry-after, 'Sun, 01 Mar 2026 12:00:09 GMT', 9000",
      "retry-after, 'Sun, 01 Mar 2026 11:59:00 GMT', -60000",
  })
  void retryAfterForms(String header, String value, long expectedMillis) {
    assertThat(RetryAfter.parse(headers(header, value), clock)).map(Duration::toMillis).contains(expectedMillis);
  }

  @ParameterizedTest(name = "unusable Retry-After \"{0}\" gives no hint")
  @CsvSource({"soon", "inf", "Infinity", "NaN", "nan", "1e", "'Sun, 99 Mar 2026 12:00:09 GMT'", "''"})
  void unusableRetryAfter(String value) {
    assertThat(RetryAfter.parse(headers("retry-after", value), clock)).isEmpty();
  }

  @Test
  void unparseableRetryAfterMsFallsBackToRetryAfter() {
    assertThat(RetryAfter.parse(headers("retry-after-ms", "x", "retry-after", "3"), clock))
        .contains(Duration.ofSeconds(3));
    assertThat(RetryAfter.parse(headers(), clock)).isEmpty();
    assertThat(RetryAfter.parse(headers("retry-after", "1e300"), clock)).map(Duration::toDays).contains(365L);
  }

  @Test
  void backoffStaysWithinItsBoundsForAnyJitter() {
    Random random = new Random(7);
    for (int n = 1; n <= 12; n++) {
      double cap = Math.min(500 * Math.pow(2, n - 1), 8000);
      for (int i = 0; i < 1000; i++) {
        long ms = Backoff.delay(n, random.nextDouble()).toMillis();
        assertThat(ms).isBetween((long) Math.floor(cap * 0.75), (long) cap);
      }
    }
    assertThat(Backoff.delay(1, 0.0)).isEqualTo(Duration.ofMillis(500));
    assertThat(Backoff.delay(2, 0.999999).toMillis()).isEqualTo(750);
    assertThat(Backoff.delay(30, 0.0)).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void urlsLoseQueryFragmentAndUserInfo() {
    assertThat(Redaction.url(URI.create("https://user:pw@cdn.example.com:8443/a/b.mp4?X-Amz-Signature=abc&key=k#frag")))
        .isEqualTo("https://cdn.example.com:8443/a/b.mp4");
    assertThat(Redaction.url(URI.create("http://h.test"))).isEqualTo("http://h.test/");
    assertThat(Redaction.withoutQuery(URI.create("https://h.test/p?q=1")).toString()).isEqualTo("https://h.test/p");
  }

  @Test
  void textIsScrubbedEscapedAndCut() {
    assertThat(Redaction.text("a\r\nb\u0007c sk-SECRET d", "sk-SECRET", 100)).isEqualTo("a\\r\\nb\\u0007c [redacted] d");
    assertThat(Redaction.text("x".repeat(50), null, 10)).isEqualTo("xxxxxxxxxx…(40 more chars)");
    assertThat(Redaction.headers(Map.of("X-Api-Key", List.of("k")), null)).isEqualTo("{X-Api-Key: [redacted]}");
    assertThat(Redaction.headers(Map.of("X-Custom-Auth", List.of("k")), "x-custom-auth"))
        .isEqualTo("{X-Custom-Auth: [redacted]}");
    assertThat(Redaction.isSensitiveHeader("Proxy-Authorization", null)).isTrue();
    assertThat(Redaction.isSensitiveHeader("x-goog-api-key", null)).isTrue();
    assertThat(Redaction.isSensitiveHeader("Content-Type", null)).isFalse();
  }

  @Test
  void breakerStateMachine() {
    CircuitBreaker b = new CircuitBreaker();
    Instant t = clock.instant();
    for (int i = 0; i < 9; i++) {
      b.record(t, b.tryAcquire(t), CircuitBreaker.Result.FAILURE);
    }
    assertThat(b.state()).as("9 calls are too few").isEqualTo(CircuitBreaker.State.CLOSED);
    b.record(t, b.tryAcquire(t), CircuitBreaker.Result.FAILURE);
    assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(b.tryAcquire(t.plusSeconds(10)).allowed).isFalse();
    assertThat(b.tryAcquire(t.plusSeconds(10)).wait).isEqualTo(Duration.ofSeconds(20));

    Instant later = t.plusSeconds(30);
    CircuitBreaker.Admission first = b.tryAcquire(later);
    CircuitBreaker.Admission second = b.tryAcquire(later);
    assertThat(first.trial).isTrue();
    assertThat(second.trial).isTrue();
    assertThat(b.tryAcquire(later).allowed).as("only two trial calls at once").isFalse();
    b.record(later, first, CircuitBreaker.Result.SUCCESS);
    assertThat(b.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    b.record(later, second, CircuitBreaker.Result.SUCCESS);
    assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(b.tryAcquire(later).trial).isFalse();
  }

  @Test
  void ignoredTrialFreesItsSlot() {
    CircuitBreaker b = new CircuitBreaker();
    Instant t = clock.instant();
    for (int i = 0; i < 10; i++) {
      b.record(t, b.tryAcquire(t), CircuitBreaker.Result.FAILURE);
    }
    Instant later = t.plusSeconds(31);
    CircuitBreaker.Admission a = b.tryAcquire(later);
    CircuitBreaker.Admission c = b.tryAcquire(later);
    b.record(later, a, CircuitBreaker.Result.IGNORED);
    assertThat(b.tryAcquire(later).allowed).isTrue();
    b.record(later, c, CircuitBreaker.Result.FAILURE);
    assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
  }

  // ----- the standard error handler on the four providers' documented shapes

  private static ErrorDetails describe(int status, String body) {
    return ProviderErrorHandler.standard().describe(new RawResponse("POST", URI.create("https://p.test/x"), status,
        headers(), body.getBytes(StandardCharsets.UTF_8), false));
  }

  @Test
  void openAiShapes() {
    ErrorDetails quota = describe(429, "{\"error\":{\"message\":\"You exceeded your current quota\","
        + "\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}");
    assertThat(quota.kind()).contains(ErrorKind.QUOTA_EXCEEDED);
    assertThat(quota.retryable()).contains(false);
    ErrorDetails rate = describe(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"tokens\","
        + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}");
    assertThat(rate.code()).contains("rate_limit_exceeded");
    assertThat(rate.kind()).isEmpty();
    ErrorDetails dalle = describe(400, "{\"error\":{\"code\":\"content_policy_violation\",\"message\":\"rejected\","
        + "\"param\":null,\"type\":\"invalid_request_error\"}}");
    assertThat(dalle.kind()).contains(ErrorKind.CONTENT_POLICY);
    ErrorDetails noCode = describe(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\",\"param\":null,"
        + "\"code\":null}}");
    assertThat(noCode.code()).contains("server_error");
  }

  @Test
  void openRouterShapes() {
    ErrorDetails notFound = describe(400, "{\"error\":{\"code\":400,\"message\":\"openai/gpt-9-ultra is not a valid "
        + "model ID\",\"metadata\":{\"error_type\":\"invalid_request\"},\"availability\":{\"code\":\"model_not_found\","
        + "\"retryable\":false}}}");
    assertThat(notFound.message()).isEqualTo("openai/gpt-9-ultra is not a valid model ID");
    assertThat(notFound.code()).contains("invalid_request");
    ErrorDetails moderation = describe(403, "{\"error\":{\"code\":403,\"message\":\"Your input was flagged\","
        + "\"metadata\":{\"reasons\":[\"harassment\"]}}}");
    assertThat(moderation.code()).isEmpty();
    assertThat(moderation.message()).isEqualTo("Your input was flagged");
  }

  @Test
  void falShapes() {
    ErrorDetails validation = describe(422, "{\"detail\":[{\"loc\":[\"body\",\"duration\"],\"msg\":\"Input should be "
        + "'5' or '10'\",\"type\":\"literal_error\"},{\"loc\":[\"body\",\"prompt\"],\"msg\":\"Field required\","
        + "\"type\":\"missing\"}]}");
    assertThat(validation.message()).isEqualTo("body.duration: Input should be '5' or '10'; body.prompt: Field required");
    assertThat(validation.code()).contains("literal_error");
    ErrorDetails plain = describe(422, "{\"detail\":\"Image URL could not be downloaded\"}");
    assertThat(plain.message()).isEqualTo("Image URL could not be downloaded");
    ErrorDetails infra = describe(503, "{\"detail\":\"Runner failed\",\"error_type\":\"runner_scheduling_failure\"}");
    assertThat(infra.code()).contains("runner_scheduling_failure");
    ErrorDetails withId = describe(404, "{\"detail\":\"Request not found\",\"request_id\":\"764cabcf\"}");
    assertThat(withId.requestId()).contains("764cabcf");
  }

  @Test
  void runwayShapes() {
    ErrorDetails validation = describe(400, "{\"error\":\"Validation of body failed\",\"issues\":[{\"code\":\"custom\","
        + "\"path\":[\"promptImage\"],\"message\":\"Invalid data URI.\"}],\"docUrl\":\"https://docs\"}");
    assertThat(validation.message()).isEqualTo("Validation of body failed: promptImage: Invalid data URI.");
    ErrorDetails credits = describe(400, "{\"error\":\"You do not have enough credits to run this task.\"}");
    assertThat(credits.message()).isEqualTo("You do not have enough credits to run this task.");
  }

  @Test
  void nonJsonBodies() {
    assertThat(describe(502, "<html><body>Bad gateway</body></html>").message()).startsWith("non-JSON error page");
    assertThat(describe(500, "").message()).isEqualTo("no error body");
    assertThat(describe(500, "plain text failure").message()).isEqualTo("plain text failure");
    assertThat(describe(500, "x".repeat(1000)).message()).hasSize(301);
    RawResponse r = new RawResponse("GET", URI.create("https://p.test/"), 500, headers("X-A", "1"),
        "[1,2]".getBytes(StandardCharsets.UTF_8), true);
    assertThat(r.json()).map(n -> n.size()).contains(2);
    assertThat(r.header("x-a")).isEqualTo(Optional.of("1"));
    assertThat(r.paidSubmission()).isTrue();
  }
}
