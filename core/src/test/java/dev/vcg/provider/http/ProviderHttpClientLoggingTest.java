package dev.vcg.provider.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.testkit.Canary;
import dev.vcg.testkit.CapturedLogs;
import dev.vcg.testkit.LogEvent;
import dev.vcg.testkit.RecordingSleeper;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/** What the layer logs, and that no secret ever reaches a log line, an exception or a toString. */
class ProviderHttpClientLoggingTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String LOGGER = ProviderHttpClient.class.getName();

  @TempDir
  Path dir;

  private final Canary canary = Canary.create();

  @BeforeEach
  void clearLogs() {
    assertThat(CapturedLogs.active()).as("the capturing SLF4J backend is in use").isTrue();
    CapturedLogs.clear();
  }

  private ProviderHttpClient client(boolean log) {
    ProviderConfig.Builder config = ProviderConfig.builder("fake").apiKey(canary.key())
        .baseUrl(URI.create(wm.baseUrl()));
    if (log) {
      config.option("http.log", "true");
    }
    return ProviderHttpClient.builder("fake").config(config.build()).sleeper(new RecordingSleeper())
        .header("x-api-key", canary.value()).build();
  }

  @Test
  void canaryKeyNeverAppearsInLogsExceptionsOrToString() {
    wm.stubFor(get(urlPathEqualTo("/ok")).willReturn(okJson("{\"fine\":true}")
        .withHeader("Set-Cookie", "session=" + canary.value()).withHeader("x-debug-echo", "key " + canary.value())
        .withHeader("x-request-id", "req-ok")));
    wm.stubFor(post(urlPathEqualTo("/echo401")).willReturn(aResponse().withStatus(401).withHeader("x-request-id", "r1")
        .withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + canary.value()
            + "\",\"code\":\"invalid_api_key\"}}")));
    wm.stubFor(post(urlPathEqualTo("/echo500")).willReturn(aResponse().withStatus(500)
        .withBody("upstream said Authorization: Bearer " + canary.value())));
    wm.stubFor(post(urlPathEqualTo("/reset")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    wm.stubFor(get(urlPathEqualTo("/file")).willReturn(aResponse().withBody("abc")));
    ProviderHttpClient client = client(true);
    List<Object> seen = new ArrayList<>();

    seen.add(client.getJson("/ok?key=" + canary.value(), JsonNode.class));
    seen.add(client.send("GET", "/ok", null, JsonNode.class, CallOptions.defaults()));
    seen.add(catchThrowable(() -> client.postJson("/echo401", Map.of("prompt", "x"), JsonNode.class)));
    seen.add(catchThrowable(() -> client.postJson("/echo500", Map.of("prompt", "x"), JsonNode.class)));
    seen.add(catchThrowable(() -> client.postJson("/reset", Map.of("prompt", "x"), JsonNode.class,
        CallOptions.paidSubmission())));
    seen.add(client.download(URI.create(wm.baseUrl() + "/file?token=" + canary.value()), dir.resolve("f"), 10));
    seen.add(client);
    seen.add(CapturedLogs.text());

    assertThat(seen.get(2)).isInstanceOf(dev.vcg.provider.AuthenticationException.class);
    assertThat(seen.get(4)).isInstanceOf(dev.vcg.provider.OutcomeUnknownException.class);
    canary.assertAbsent(seen.toArray());
    // the layer did send the key, so the test is meaningful
    assertThat(wm.getAllServeEvents()).anySatisfy(e ->
        assertThat(e.getRequest().getHeader("Authorization")).isEqualTo("Bearer " + canary.value()));
    // and logged what it may: redacted headers, status, request id, attempt
    String logs = CapturedLogs.text();
    assertThat(logs).contains("Authorization: [redacted]").contains("x-api-key: [redacted]")
        .containsIgnoringCase("set-cookie: [redacted]").contains("-> 200").contains("request id req-ok")
        .contains("attempt 1 of 3").contains("GET " + wm.baseUrl() + "/ok ").doesNotContain("key=")
        .doesNotContain("token=");
  }

  @Test
  void oneLinePerEventAndBodiesCutTo4k() {
    wm.stubFor(post(urlPathEqualTo("/big")).willReturn(okJson("{\"text\":\"line1\\r\\nFAKE ENTRY\",\"pad\":\""
        + "y".repeat(10_000) + "\"}")));
    ProviderHttpClient client = client(true);

    client.postJson("/big", Map.of("prompt", "first\r\nINFO forged line"), JsonNode.class);

    List<LogEvent> events = CapturedLogs.events(LOGGER);
    assertThat(events).isNotEmpty().allSatisfy(e -> {
      assertThat(e.message()).doesNotContain("\n").doesNotContain("\r");
      assertThat(e.level()).isIn(Level.DEBUG, Level.TRACE);
      assertThat(e.message().length()).isLessThan(4096 + 600);
    });
    assertThat(events).anySatisfy(e -> assertThat(e.message()).contains("more chars"));
  }

  @Test
  void bodiesAndHeadersAreNotLoggedByDefault() {
    wm.stubFor(post(urlPathEqualTo("/quiet")).willReturn(okJson("{\"answer\":\"BODY-MARKER\"}")
        .withHeader("x-request-id", "req-q")));

    client(false).postJson("/quiet", Map.of("prompt", "REQUEST-MARKER"), JsonNode.class);

    String logs = CapturedLogs.text();
    assertThat(logs).doesNotContain("BODY-MARKER").doesNotContain("REQUEST-MARKER").doesNotContain("headers")
        .contains("POST " + wm.baseUrl() + "/quiet -> 200").contains("request id req-q");
  }

  @Test
  void retriesAreLogged() {
    wm.stubFor(get(urlPathEqualTo("/down")).willReturn(aResponse().withStatus(503)));

    catchThrowable(() -> client(false).getJson("/down", JsonNode.class));

    assertThat(CapturedLogs.events(LOGGER)).filteredOn(e -> e.message().startsWith("[fake] retrying GET"))
        .hasSize(2).first().satisfies(e -> assertThat(e.message()).contains("HTTP 503").contains("attempt 1 of 3"));
  }
}
