package dev.vcg.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.ChatMessage;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.OutcomeUnknownException;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.ProviderTimeoutException;
import dev.vcg.provider.RateLimitedException;
import dev.vcg.provider.ServerException;
import dev.vcg.testkit.MutableClock;
import dev.vcg.testkit.RecordingSleeper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Transport faults and retries: chat is retried like any idempotent call; image generation and
 * edits are paid submissions, never repeated after an ambiguous failure.
 */
class OpenAiFaultsTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String CHAT = "/v1/chat/completions";
  static final String GENERATIONS = "/v1/images/generations";
  static final String EDITS = "/v1/images/edits";

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T12:00:00Z"));
  private final RecordingSleeper sleeper = new RecordingSleeper();

  private ProviderConfig config(Consumer<ProviderConfig.Builder> custom) {
    ProviderConfig.Builder c = ProviderConfig.builder("openai").apiKey(ApiKey.of("sk-proj-" + UUID.randomUUID()))
        .baseUrl(URI.create(wm.baseUrl() + "/v1"));
    custom.accept(c);
    return c.build();
  }

  private OpenAiLlmProvider llm() {
    return OpenAiLlmProvider.builder().config(config(c -> { })).clock(clock).sleeper(sleeper).build();
  }

  private OpenAiImageProvider images(Consumer<ProviderConfig.Builder> custom) {
    return OpenAiImageProvider.builder().config(config(custom)).clock(clock).sleeper(sleeper).build();
  }

  private static ChatRequest chat() {
    return ChatRequest.builder().addMessage(ChatMessage.user("Plan a teaser")).build();
  }

  private static ImageRequest image() {
    return ImageRequest.builder().prompt("a forge at night").build();
  }

  private static ResponseDefinitionBuilder chatOk() {
    return okJson(Fixtures.read("chat-response-vision.json"));
  }

  private static ResponseDefinitionBuilder imageOk() {
    return okJson(Fixtures.read("images-generations-response-gpt-image-1.json"));
  }

  private static ResponseDefinitionBuilder status(int status) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody(Fixtures.read(status == 429 ? "error-429-rate-limit.json" : "error-500-server.json"));
  }

  private static int requests(String path) {
    return wm.findAll(postRequestedFor(urlEqualTo(path))).size();
  }

  // ----- chat: idempotent, retried

  @ParameterizedTest(name = "chat: {0} then success")
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
      "RANDOM_DATA_THEN_CLOSE"})
  void chatIsRetriedAfterATransportFault(Fault fault) {
    sequence(CHAT, aResponse().withFault(fault), chatOk());

    assertThat(llm().chat(chat()).content()).startsWith("A single white pixel");
    assertThat(requests(CHAT)).isEqualTo(2);
    assertThat(sleeper.delaysMillis()).singleElement().satisfies(d -> assertThat(d).isBetween(375L, 500L));
  }

  @Test
  void chatTimesOutOnAStalledBody() {
    wm.stubFor(post(urlEqualTo(CHAT)).willReturn(chatOk().withChunkedDribbleDelay(20, 10_000)));
    OpenAiLlmProvider llm = OpenAiLlmProvider.builder()
        .config(config(c -> c.maxRetries(0).requestTimeout(Duration.ofMillis(700)))).sleeper(sleeper).build();

    ProviderTimeoutException e = catchThrowableOfType(ProviderTimeoutException.class, () -> llm.chat(chat()));

    assertThat(e.isRetryable()).isTrue();
    assertThat(requests(CHAT)).isEqualTo(1);
  }

  @Test
  void chatWaitsTwiceWithBackoffAfterTwoServerErrors() {
    sequence(CHAT, status(500), status(502), chatOk());

    llm().chat(chat());

    assertThat(requests(CHAT)).isEqualTo(3);
    assertThat(sleeper.delaysMillis()).hasSize(2);
    assertThat(sleeper.delaysMillis().get(0)).isBetween(375L, 500L);
    assertThat(sleeper.delaysMillis().get(1)).isBetween(750L, 1000L);
  }

  @Test
  void chatMakesExactlyThreeRequestsOnPersistentServerErrors() {
    wm.stubFor(post(urlEqualTo(CHAT)).willReturn(status(500)));

    ServerException e = catchThrowableOfType(ServerException.class, () -> llm().chat(chat()));

    assertThat(e.isRetryable()).isTrue();
    assertThat(requests(CHAT)).isEqualTo(3);
  }

  @Test
  void chatHonoursEachRetryAfterForm() {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(5).atZone(ZoneOffset.UTC));
    sequence(CHAT, status(429).withHeader("retry-after-ms", "150"), status(429).withHeader("retry-after", "2"),
        status(429).withHeader("retry-after", date), chatOk());
    OpenAiLlmProvider llm = OpenAiLlmProvider.builder().config(config(c -> c.maxRetries(3))).clock(clock)
        .sleeper(sleeper).build();

    llm.chat(chat());

    assertThat(sleeper.delaysMillis()).containsExactly(150L, 2000L, 5000L);
  }

  @Test
  void chatHandsALongRetryAfterToTheCaller() {
    wm.stubFor(post(urlEqualTo(CHAT)).willReturn(status(429).withHeader("retry-after", "61")));

    RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> llm().chat(chat()));

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(61));
    assertThat(requests(CHAT)).isEqualTo(1);
    assertThat(sleeper.delays()).isEmpty();
  }

  // ----- images: paid submissions

  @ParameterizedTest(name = "generation: {0} -> outcome unknown after one request")
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
      "RANDOM_DATA_THEN_CLOSE"})
  void generationIsNotRepeatedAfterATransportFault(Fault fault) {
    wm.stubFor(post(urlEqualTo(GENERATIONS)).willReturn(aResponse().withFault(fault)));

    OutcomeUnknownException e = catchThrowableOfType(OutcomeUnknownException.class,
        () -> images(c -> { }).generate(image()));

    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).contains("not retried");
    assertThat(requests(GENERATIONS)).isEqualTo(1);
  }

  @ParameterizedTest(name = "generation: HTTP {0} -> outcome unknown after one request")
  @ValueSource(ints = {500, 502, 504})
  void generationIsNotRepeatedAfterAnAmbiguousStatus(int status) {
    wm.stubFor(post(urlEqualTo(GENERATIONS)).willReturn(status(status)));

    OutcomeUnknownException e = catchThrowableOfType(OutcomeUnknownException.class,
        () -> images(c -> { }).generate(image()));

    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(requests(GENERATIONS)).isEqualTo(1);
  }

  @Test
  void generationIsNotRepeatedAfterATimeout() {
    wm.stubFor(post(urlEqualTo(GENERATIONS)).willReturn(imageOk().withFixedDelay(3000)));

    OutcomeUnknownException e = catchThrowableOfType(OutcomeUnknownException.class,
        () -> images(c -> c.requestTimeout(Duration.ofMillis(500))).generate(image()));

    assertThat(e.getMessage()).contains("no complete answer within the timeout");
    assertThat(requests(GENERATIONS)).isEqualTo(1);
  }

  @Test
  void generationIsNotRepeatedAfterAStalledBody() {
    wm.stubFor(post(urlEqualTo(GENERATIONS)).willReturn(imageOk().withChunkedDribbleDelay(5, 10_000)));

    long start = System.nanoTime();
    OutcomeUnknownException e = catchThrowableOfType(OutcomeUnknownException.class,
        () -> images(c -> c.requestTimeout(Duration.ofMillis(800))).generate(image()));

    assertThat(e.isRetryable()).isFalse();
    assertThat(e.providerId()).isEqualTo("openai");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(requests(GENERATIONS)).isEqualTo(1);
    assertThat(sleeper.delays()).isEmpty();
  }

  @Test
  void anEditIsNotRepeatedAfterAReset() {
    wm.stubFor(post(urlEqualTo(EDITS)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    byte[] png = Base64.getDecoder().decode(OpenAiImagesTest.PIXEL);

    catchThrowableOfType(OutcomeUnknownException.class, () -> images(c -> { }).generate(image().toBuilder()
        .addReferenceImage(MediaRef.bytes(png, "image/png")).build()));

    assertThat(requests(EDITS)).isEqualTo(1);
  }

  @Test
  void generationIsRetriedOnARateLimitBecauseNothingWasProcessed() {
    sequence(GENERATIONS, status(429).withHeader("retry-after", "1"), imageOk());

    assertThat(images(c -> { }).generate(image()).images()).hasSize(1);
    assertThat(requests(GENERATIONS)).isEqualTo(2);
    assertThat(sleeper.delaysMillis()).containsExactly(1000L);
  }

  @Test
  void generationIsRetriedOnA503WithRetryAfter() {
    sequence(GENERATIONS, status(503).withHeader("retry-after", "3"), imageOk());

    images(c -> { }).generate(image());

    assertThat(requests(GENERATIONS)).isEqualTo(2);
    assertThat(sleeper.delaysMillis()).containsExactly(3000L);
  }

  @Test
  void garbageInA200OfAGenerationIsAnUnknownOutcome() {
    wm.stubFor(post(urlEqualTo(GENERATIONS)).willReturn(aResponse().withStatus(200).withBody("{\"data\":[tru")));

    ProviderException e = catchThrowableOfType(ProviderException.class, () -> images(c -> { }).generate(image()));

    assertThat(e).isInstanceOf(OutcomeUnknownException.class);
    assertThat(requests(GENERATIONS)).isEqualTo(1);
  }

  private static void sequence(String path, ResponseDefinitionBuilder... responses) {
    String scenario = "s-" + UUID.randomUUID();
    for (int i = 0; i < responses.length; i++) {
      var mapping = post(urlEqualTo(path)).inScenario(scenario)
          .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "s" + i).willReturn(responses[i]);
      if (i < responses.length - 1) {
        mapping = mapping.willSetStateTo("s" + (i + 1));
      }
      wm.stubFor(mapping);
    }
  }
}
