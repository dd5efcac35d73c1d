package dev.vcg.provider.openrouter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.AuthenticationException;
import dev.vcg.provider.ChatMessage;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.ContentPolicyException;
import dev.vcg.provider.InvalidRequestException;
import dev.vcg.provider.NotFoundException;
import dev.vcg.provider.PermissionDeniedException;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.ProviderTimeoutException;
import dev.vcg.provider.QuotaExceededException;
import dev.vcg.provider.RateLimitedException;
import dev.vcg.provider.ServerException;
import dev.vcg.testkit.Canary;
import dev.vcg.testkit.RecordingSleeper;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each documented OpenRouter error, as an HTTP error or inside an HTTP 200 body, becomes the right
 * exception type with provider id, status, request id, code and trimmed body, and never the key.
 */
class OpenRouterErrorTableTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String PATH = "/api/v1/chat/completions";

  private final Canary canary = Canary.create();
  private final RecordingSleeper sleeper = new RecordingSleeper();

  private OpenRouterLlmProvider provider(int maxRetries) {
    return OpenRouterLlmProvider.builder().config(ProviderConfig.builder("openrouter").apiKey(canary.key())
        .baseUrl(URI.create(wm.baseUrl() + "/api/v1")).maxRetries(maxRetries).build()).sleeper(sleeper).build();
  }

  private static ChatRequest chat() {
    return ChatRequest.builder().addMessage(ChatMessage.user("Plan a teaser")).build();
  }

  private static String availability(int status, String code, boolean retryable) {
    return "{\"error\":{\"code\":" + status + ",\"message\":\"model unavailable: " + code + "\","
        + "\"metadata\":{\"error_type\":\"not_found\"},\"availability\":{\"code\":\"" + code + "\",\"retryable\":"
        + retryable + ",\"requested_models\":[\"openai/gpt-4o\"],\"docs_url\":\"https://openrouter.ai/docs\"}}}";
  }

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("error-400-invalid-request.json", 400, InvalidRequestException.class, false, "invalid_request"),
        Arguments.of("error-400-model-not-found.json", 400, InvalidRequestException.class, false, "model_not_found"),
        Arguments.of("error-401-unauthorized.json", 401, AuthenticationException.class, false, "authentication"),
        Arguments.of("error-402-payment-required.json", 402, QuotaExceededException.class, false, "payment_required"),
        Arguments.of("error-403-moderation.json", 403, ContentPolicyException.class, false, "moderation"),
        Arguments.of("error-404-model-deprecated.json", 404, NotFoundException.class, false, "model_deprecated"),
        Arguments.of("error-408-timeout.json", 408, ProviderTimeoutException.class, true, "timeout"),
        Arguments.of("error-429-rate-limited.json", 429, RateLimitedException.class, true, "rate_limit_exceeded"),
        Arguments.of("error-500-server.json", 500, ServerException.class, true, "server"),
        Arguments.of("error-502-provider.json", 502, ServerException.class, true, "provider_unavailable"),
        Arguments.of("error-503-no-provider.json", 503, ServerException.class, true, "provider_overloaded"));
  }

  @ParameterizedTest(name = "HTTP {1} {0} -> {2}")
  @MethodSource("table")
  void documentedErrorBecomesTypedException(String fixture, int status, Class<? extends ProviderException> type,
                                            boolean retryable, String code) {
    String body = Fixtures.read(fixture);
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withHeader("x-request-id", "req-" + status).withBody(body)));

    ProviderException e = catchThrowableOfType(type, () -> provider(0).chat(chat()));

    assertThat(e).isNotNull();
    assertThat(e.getClass()).isEqualTo(type);
    assertThat(e.isRetryable()).isEqualTo(retryable);
    assertThat(e.providerId()).isEqualTo("openrouter");
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.requestId()).contains("req-" + status);
    assertThat(e.error().code()).isEqualTo(code);
    assertThat(e.error().body()).isEqualTo(body);
    assertThat(e.getMessage()).contains("[openrouter] HTTP " + status).contains(code);
    canary.assertAbsent(e);
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);
  }

  static Stream<Arguments> moreStatuses() {
    return Stream.of(Arguments.of(403, PermissionDeniedException.class, false),
        Arguments.of(413, InvalidRequestException.class, false), Arguments.of(422, InvalidRequestException.class, false),
        Arguments.of(504, ServerException.class, true), Arguments.of(524, ServerException.class, true),
        Arguments.of(529, ServerException.class, true));
  }

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @MethodSource("moreStatuses")
  void otherDocumentedStatuses(int status, Class<? extends ProviderException> type, boolean retryable) {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(status).withBody(
        "{\"error\":{\"code\":" + status + ",\"message\":\"status " + status + "\",\"metadata\":{\"error_type\":\"e"
            + status + "\"}}}")));

    ProviderException e = catchThrowableOfType(type, () -> provider(0).chat(chat()));

    assertThat(e.getClass()).isEqualTo(type);
    assertThat(e.isRetryable()).isEqualTo(retryable);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.error().code()).isEqualTo("e" + status);
  }

  @Test
  void the524And529StatusesAreRetried() {
    sequence(aResponse().withStatus(524).withBody("{}"), aResponse().withStatus(529).withBody("{}"),
        okJson(Fixtures.read("chat-response-success.json")));

    assertThat(provider(2).chat(chat()).content()).startsWith("Brewed");
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(3);
  }

  @Test
  void rateLimitCarriesTheRetryAfterDelay() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")
        .withHeader("X-RateLimit-Limit", "20").withHeader("X-RateLimit-Remaining", "0")
        .withHeader("X-RateLimit-Reset", "1755849360000").withBody(Fixtures.read("error-429-rate-limited.json"))));

    RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> provider(0).chat(chat()));

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
  }

  @Test
  void availabilityRetryableTrueIsRetriedWhateverTheStatus() {
    sequence(aResponse().withStatus(404).withBody(availability(404, "model_unavailable_upstream", true)),
        okJson(Fixtures.read("chat-response-success.json")));

    assertThat(provider(2).chat(chat()).content()).startsWith("Brewed");
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(2);
    assertThat(sleeper.delaysMillis()).singleElement().satisfies(d -> assertThat(d).isBetween(375L, 500L));
  }

  @Test
  void availabilityRetryableFalseIsNotRetriedEvenOnA503() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503)
        .withBody(availability(503, "temporarily_unavailable", false))));

    ServerException e = catchThrowableOfType(ServerException.class, () -> provider(2).chat(chat()));

    assertThat(e.error().code()).isEqualTo("temporarily_unavailable");
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);
  }

  @Test
  void capacityExhaustedUsesTheAvailabilityRetryAfter() {
    sequence(aResponse().withStatus(429).withBody("{\"error\":{\"code\":429,\"message\":\"capacity\","
            + "\"availability\":{\"code\":\"capacity_exhausted\",\"retryable\":true,\"retry_after\":4}}}"),
        okJson(Fixtures.read("chat-response-success.json")));

    provider(2).chat(chat());

    assertThat(sleeper.delaysMillis()).containsExactly(4000L);
  }

  @Test
  void deprecatedModelErrorSuggestsTheFallbackModels() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(404)
        .withBody(Fixtures.read("error-404-model-deprecated.json"))));

    NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> provider(2).chat(chat()));

    assertThat(e.getMessage()).contains("has been deprecated").contains("models to use instead: anthropic/claude-sonnet-4.5");
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);
  }

  // ----- errors inside HTTP 200 bodies

  @Test
  void anErrorChunkInsideA200IsARateLimitAndIsRetried() {
    sequence(okJson(Fixtures.read("chat-stream-midstream-error-chunk.json")),
        okJson(Fixtures.read("chat-response-success.json")));

    assertThat(provider(2).chat(chat()).content()).startsWith("Brewed");
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(2);
  }

  @Test
  void aPersistentErrorInsideA200BecomesTheTypedErrorOfItsCode() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(Fixtures.read("chat-stream-midstream-error-chunk.json"))));

    RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> provider(2).chat(chat()));

    assertThat(e.statusCode()).isEqualTo(429);
    assertThat(e.requestId()).contains("gen-1755849800-Kd4Rt8WnQm2XcV7bLpZs");
    assertThat(e.error().code()).isEqualTo("rate_limit_exceeded");
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(3);
    canary.assertAbsent(e);
  }

  @Test
  void aChoiceErrorInsideA200WithAClientCodeIsNotRetried() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"id\":\"gen-9\",\"model\":\"openai/gpt-4o\","
        + "\"choices\":[{\"index\":0,\"finish_reason\":\"error\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
        + "\"error\":{\"code\":400,\"message\":\"context too long\",\"metadata\":{\"error_type\":\"context_length_exceeded\"}}}]}")));

    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> provider(2).chat(chat()));

    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.error().code()).isEqualTo("context_length_exceeded");
    assertThat(e.getMessage()).contains("context too long");
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);
  }

  @Test
  void finishReasonErrorWithoutDetailsIsARetryableServerError() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"id\":\"gen-8\",\"choices\":[{\"index\":0,"
        + "\"finish_reason\":\"error\",\"message\":{\"role\":\"assistant\",\"content\":\"Hal\"}}]}")));

    ServerException e = catchThrowableOfType(ServerException.class, () -> provider(1).chat(chat()));

    assertThat(e.isRetryable()).isTrue();
    assertThat(e.statusCode()).isEqualTo(502);
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(2);
  }

  @Test
  void anEmptyAnswerIsRetried() {
    sequence(okJson(emptyAnswer()), okJson(Fixtures.read("chat-response-success.json")));

    assertThat(provider(2).chat(chat()).content()).startsWith("Brewed");
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(2);
  }

  @Test
  void aPersistentlyEmptyAnswerEndsWithATypedServerError() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(emptyAnswer())));

    ServerException e = catchThrowableOfType(ServerException.class, () -> provider(2).chat(chat()));

    assertThat(e.error().code()).isEqualTo("empty_content");
    assertThat(e.requestId()).contains("gen-empty");
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(3);
  }

  @Test
  void anEmptyAnswerIsReturnedWhenRetryingItIsTurnedOff() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(emptyAnswer())));
    OpenRouterLlmProvider llm = OpenRouterLlmProvider.builder().config(ProviderConfig.builder("openrouter")
        .apiKey(ApiKey.of("sk-or-" + UUID.randomUUID())).baseUrl(URI.create(wm.baseUrl() + "/api/v1"))
        .option(OpenRouterLlmProvider.OPTION_RETRY_EMPTY_CONTENT, "false").build()).sleeper(sleeper).build();

    assertThat(llm.chat(chat()).content()).isEmpty();
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);
  }

  private static String emptyAnswer() {
    return "{\"id\":\"gen-empty\",\"model\":\"openai/gpt-4o\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\","
        + "\"message\":{\"role\":\"assistant\",\"content\":\"\"}}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":0,"
        + "\"cost\":0.00002}}";
  }

  private static void sequence(ResponseDefinitionBuilder... responses) {
    String scenario = "s-" + UUID.randomUUID();
    for (int i = 0; i < responses.length; i++) {
      var mapping = post(urlEqualTo(PATH)).inScenario(scenario)
          .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "s" + i).willReturn(responses[i]);
      if (i < responses.length - 1) {
        mapping = mapping.willSetStateTo("s" + (i + 1));
      }
      wm.stubFor(mapping);
    }
  }
}
