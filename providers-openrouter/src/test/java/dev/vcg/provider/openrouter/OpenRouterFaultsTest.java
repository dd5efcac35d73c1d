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
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.ChatMessage;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderConnectionException;
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
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Transport faults, retry sequences and Retry-After handling of OpenRouter chat calls. */
class OpenRouterFaultsTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String PATH = "/api/v1/chat/completions";

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T12:00:00Z"));
  private final RecordingSleeper sleeper = new RecordingSleeper();

  private OpenRouterLlmProvider provider(Consumer<ProviderConfig.Builder> custom) {
    ProviderConfig.Builder c = ProviderConfig.builder("openrouter").apiKey(ApiKey.of("sk-or-" + UUID.randomUUID()))
        .baseUrl(URI.create(wm.baseUrl() + "/api/v1"));
    custom.accept(c);
    return OpenRouterLlmProvider.builder().config(c.build()).clock(clock).sleeper(sleeper).build();
  }

  private OpenRouterLlmProvider provider() {
    return provider(c -> { });
  }

  private static ChatRequest chat() {
    return ChatRequest.builder().addMessage(ChatMessage.user("Plan a teaser")).build();
  }

  private static ResponseDefinitionBuilder success() {
    return okJson(Fixtures.read("chat-response-success.json"));
  }

  private static ResponseDefinitionBuilder status(int status) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":" + status + ",\"message\":\"status " + status + "\"}}");
  }

  private static int requests() {
    return wm.findAll(postRequestedFor(urlEqualTo(PATH))).size();
  }

  @ParameterizedTest(name = "{0} then success")
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
      "RANDOM_DATA_THEN_CLOSE"})
  void aTransportFaultIsRetried(Fault fault) {
    sequence(aResponse().withFault(fault), success());

    assertThat(provider().chat(chat()).content()).startsWith("Brewed");
    assertThat(requests()).isEqualTo(2);
    assertThat(sleeper.delaysMillis()).singleElement().satisfies(d -> assertThat(d).isBetween(375L, 500L));
  }

  @ParameterizedTest(name = "{0} every time")
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
      "RANDOM_DATA_THEN_CLOSE"})
  void aPersistentTransportFaultIsAConnectionError(Fault fault) {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withFault(fault)));

    ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider(c -> c.maxRetries(1)).chat(chat()));

    assertThat(e).isInstanceOfAny(ProviderConnectionException.class, ProviderTimeoutException.class);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.providerId()).isEqualTo("openrouter");
    assertThat(requests()).isEqualTo(2);
  }

  @Test
  void aStalledBodyTimesOut() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(success().withChunkedDribbleDelay(20, 10_000)));

    ProviderTimeoutException e = catchThrowableOfType(ProviderTimeoutException.class,
        () -> provider(c -> c.maxRetries(0).requestTimeout(Duration.ofMillis(700))).chat(chat()));

    assertThat(e.isRetryable()).isTrue();
    assertThat(e.getMessage()).contains("no complete answer within the timeout");
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void garbageInA200IsAnUnreadableAnswer() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("<html>oops</html>")));

    ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider().chat(chat()));

    assertThat(e.error().code()).isEqualTo("unreadable_response");
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void twoServerErrorsThenSuccessWaitsTwiceWithBackoff() {
    sequence(status(500), status(500), success());

    assertThat(provider().chat(chat()).content()).startsWith("Brewed");
    assertThat(requests()).isEqualTo(3);
    assertThat(sleeper.delaysMillis()).hasSize(2);
    assertThat(sleeper.delaysMillis().get(0)).isBetween(375L, 500L);
    assertThat(sleeper.delaysMillis().get(1)).isBetween(750L, 1000L);
  }

  @Test
  void threeServerErrorsMakeExactlyThreeRequests() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(status(500)));

    ServerException e = catchThrowableOfType(ServerException.class, () -> provider().chat(chat()));

    assertThat(e.statusCode()).isEqualTo(500);
    assertThat(requests()).isEqualTo(3);
  }

  @Test
  void retryAfterSecondsIsObeyedExactly() {
    sequence(status(429).withHeader("Retry-After", "2"), success());

    provider().chat(chat());

    assertThat(sleeper.delaysMillis()).containsExactly(2000L);
  }

  @Test
  void retryAfterMillisecondsWinsOverSeconds() {
    sequence(status(429).withHeader("retry-after-ms", "150").withHeader("Retry-After", "9"), success());

    provider().chat(chat());

    assertThat(sleeper.delaysMillis()).containsExactly(150L);
  }

  @Test
  void retryAfterHttpDateIsObeyed() {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(7).atZone(ZoneOffset.UTC));
    sequence(status(503).withHeader("Retry-After", date), success());

    provider().chat(chat());

    assertThat(sleeper.delaysMillis()).containsExactly(7000L);
  }

  @Test
  void aRetryAfterLongerThanSixtySecondsIsHandedToTheCaller() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(status(429).withHeader("Retry-After", "61")));

    RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> provider().chat(chat()));

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(61));
    assertThat(e.getMessage()).contains("reschedule");
    assertThat(requests()).isEqualTo(1);
    assertThat(sleeper.delays()).isEmpty();
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
