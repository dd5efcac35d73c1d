package dev.vcg.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.vcg.provider.AuthenticationException;
import dev.vcg.provider.ChatMessage;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.ContentPolicyException;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.InvalidRequestException;
import dev.vcg.provider.NotFoundException;
import dev.vcg.provider.OutcomeUnknownException;
import dev.vcg.provider.PermissionDeniedException;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.QuotaExceededException;
import dev.vcg.provider.RateLimitedException;
import dev.vcg.provider.ServerException;
import dev.vcg.testkit.Canary;
import dev.vcg.testkit.RecordingSleeper;
import java.net.URI;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each documented OpenAI error becomes the right exception type, for chat (idempotent) and for
 * image generation (a paid submission), with provider id, status, {@code x-request-id}, code and
 * trimmed body, and never the key.
 */
class OpenAiErrorTableTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String CHAT = "/v1/chat/completions";
  static final String GENERATIONS = "/v1/images/generations";

  private final Canary canary = Canary.create();
  private final RecordingSleeper sleeper = new RecordingSleeper();

  private ProviderConfig config(int maxRetries) {
    return ProviderConfig.builder("openai").apiKey(canary.key()).baseUrl(URI.create(wm.baseUrl() + "/v1"))
        .maxRetries(maxRetries).build();
  }

  private OpenAiLlmProvider llm(int maxRetries) {
    return OpenAiLlmProvider.builder().config(config(maxRetries)).sleeper(sleeper).build();
  }

  private OpenAiImageProvider images(int maxRetries) {
    return OpenAiImageProvider.builder().config(config(maxRetries)).sleeper(sleeper).build();
  }

  private static ChatRequest chat() {
    return ChatRequest.builder().addMessage(ChatMessage.user("Plan a teaser")).build();
  }

  private static ImageRequest image() {
    return ImageRequest.builder().prompt("a forge at night").build();
  }

  private static void fail(String path, int status, String fixture) {
    wm.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withHeader("x-request-id", "req_" + status)
        .withBody(Fixtures.read(fixture))));
  }

  static Stream<Arguments> chatTable() {
    return Stream.of(
        Arguments.of("error-400-invalid-request.json", 400, InvalidRequestException.class, false, "invalid_value"),
        Arguments.of("error-400-invalid-json-schema.json", 400, InvalidRequestException.class, false,
            "invalid_request_error"),
        Arguments.of("error-401-invalid-api-key.json", 401, AuthenticationException.class, false, "invalid_api_key"),
        Arguments.of("error-404-model-not-found.json", 404, NotFoundException.class, false, "model_not_found"),
        Arguments.of("error-409-conflict.json", 409, InvalidRequestException.class, false, "conflict"),
        Arguments.of("error-429-rate-limit.json", 429, RateLimitedException.class, true, "rate_limit_exceeded"),
        Arguments.of("error-429-insufficient-quota.json", 429, QuotaExceededException.class, false,
            "insufficient_quota"),
        Arguments.of("error-500-server.json", 500, ServerException.class, true, "server_error"),
        Arguments.of("error-503-overloaded.json", 503, ServerException.class, true, "server_error"));
  }

  @ParameterizedTest(name = "chat: HTTP {1} {0} -> {2}")
  @MethodSource("chatTable")
  void chatErrorsAreTyped(String fixture, int status, Class<? extends ProviderException> type, boolean retryable,
                          String code) {
    fail(CHAT, status, fixture);

    ProviderException e = catchThrowableOfType(type, () -> llm(0).chat(chat()));

    assertThat(e.getClass()).isEqualTo(type);
    assertThat(e.isRetryable()).isEqualTo(retryable);
    assertThat(e.providerId()).isEqualTo("openai");
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.requestId()).contains("req_" + status);
    assertThat(e.error().code()).isEqualTo(code);
    assertThat(e.error().body()).isEqualTo(Fixtures.read(fixture));
    assertThat(e.getMessage()).startsWith("[openai] HTTP " + status);
    canary.assertAbsent(e);
  }

  static Stream<Arguments> imageTable() {
    return Stream.of(
        Arguments.of("error-400-image-moderation-blocked.json", 400, ContentPolicyException.class, "moderation_blocked"),
        Arguments.of("error-400-dalle-content-policy.json", 400, ContentPolicyException.class,
            "content_policy_violation"),
        Arguments.of("error-400-unknown-parameter-response-format.json", 400, InvalidRequestException.class,
            "unknown_parameter"),
        Arguments.of("error-401-invalid-api-key.json", 401, AuthenticationException.class, "invalid_api_key"),
        Arguments.of("error-404-model-not-found.json", 404, NotFoundException.class, "model_not_found"),
        Arguments.of("error-429-rate-limit.json", 429, RateLimitedException.class, "rate_limit_exceeded"),
        Arguments.of("error-429-insufficient-quota.json", 429, QuotaExceededException.class, "insufficient_quota"),
        Arguments.of("error-500-server.json", 500, OutcomeUnknownException.class, "server_error"),
        Arguments.of("error-503-overloaded.json", 503, OutcomeUnknownException.class, "server_error"));
  }

  @ParameterizedTest(name = "images: HTTP {1} {0} -> {2}")
  @MethodSource("imageTable")
  void imageErrorsAreTyped(String fixture, int status, Class<? extends ProviderException> type, String code) {
    fail(GENERATIONS, status, fixture);

    ProviderException e = catchThrowableOfType(type, () -> images(0).generate(image()));

    assertThat(e.getClass()).isEqualTo(type);
    assertThat(e.providerId()).isEqualTo("openai");
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.requestId()).contains("req_" + status);
    assertThat(e.error().code()).isEqualTo(code);
    assertThat(e.error().body()).isEqualTo(Fixtures.read(fixture));
    canary.assertAbsent(e);
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(GENERATIONS)))).hasSize(1);
  }

  @Test
  void moderationDetailsAndTheParameterAreInTheMessage() {
    fail(GENERATIONS, 400, "error-400-image-moderation-blocked.json");
    ContentPolicyException moderation = catchThrowableOfType(ContentPolicyException.class,
        () -> images(0).generate(image()));
    fail(GENERATIONS, 400, "error-400-invalid-request.json");
    InvalidRequestException invalid = catchThrowableOfType(InvalidRequestException.class,
        () -> images(0).generate(image()));

    assertThat(moderation.getMessage()).contains("moderation of the input: violence");
    assertThat(moderation.isRetryable()).isFalse();
    assertThat(invalid.getMessage()).contains("(parameter quality)");
  }

  @Test
  void insufficientQuotaIsNeverRetried() {
    fail(CHAT, 429, "error-429-insufficient-quota.json");

    QuotaExceededException e = catchThrowableOfType(QuotaExceededException.class, () -> llm(2).chat(chat()));

    assertThat(e.isRetryable()).isFalse();
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(CHAT)))).hasSize(1);
    assertThat(sleeper.delays()).isEmpty();
  }

  @Test
  void a409IsRetriedForChat() {
    wm.stubFor(post(urlEqualTo(CHAT)).inScenario("409").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(409).withBody(Fixtures.read("error-409-conflict.json")))
        .willSetStateTo("ok"));
    wm.stubFor(post(urlEqualTo(CHAT)).inScenario("409").whenScenarioStateIs("ok")
        .willReturn(okJson(Fixtures.read("chat-response-vision.json"))));

    assertThat(llm(2).chat(chat()).content()).startsWith("A single white pixel");
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(CHAT)))).hasSize(2);
  }

  @Test
  void aRateLimitWithRetryAfterIsWaitedFor() {
    wm.stubFor(post(urlEqualTo(CHAT)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("retry-after", "2")
            .withHeader("x-ratelimit-reset-tokens", "1.4s").withBody(Fixtures.read("error-429-rate-limit.json")))
        .willSetStateTo("ok"));
    wm.stubFor(post(urlEqualTo(CHAT)).inScenario("429").whenScenarioStateIs("ok")
        .willReturn(okJson(Fixtures.read("chat-response-vision.json"))));

    llm(2).chat(chat());

    assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(2));
  }
}
