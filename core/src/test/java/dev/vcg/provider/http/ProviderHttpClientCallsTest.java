package dev.vcg.provider.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.NotFoundException;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.ProviderNotConfiguredException;
import dev.vcg.testkit.RecordingSleeper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** JSON calls, auth, fixed headers, multipart and downloads. */
class ProviderHttpClientCallsTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path dir;

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final String key = "sk-test-" + UUID.randomUUID();

  @AfterEach
  void noBodyLeftOpen() {
    assertThat(BodyCollector.OPEN.get()).as("response bodies still open").isZero();
  }

  private ProviderHttpClient.Builder builder() {
    return ProviderHttpClient.builder("fake")
        .config(ProviderConfig.builder("fake").apiKey(ApiKey.of(key)).baseUrl(URI.create(wm.baseUrl() + "/api/v1/"))
            .build())
        .defaultBaseUrl(URI.create("https://example.invalid"))
        .sleeper(sleeper);
  }

  record Task(String id, String status, List<String> output) {
  }

  @Test
  void postsJsonWithAuthAndFixedHeadersAndReadsDto() {
    wm.stubFor(post(urlEqualTo("/api/v1/tasks")).willReturn(okJson(
        "{\"id\":\"t1\",\"status\":\"PENDING\",\"output\":[],\"unknown\":{\"x\":1}}").withStatus(201)));
    ProviderHttpClient client = builder().header("X-Runway-Version", "2024-11-06").build();

    JsonResponse<Task> r = client.send("POST", "tasks", Map.of("promptText", "a cat", "duration", 5), Task.class,
        CallOptions.builder().header("X-Extra", "1").build());

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.body()).isEqualTo(new Task("t1", "PENDING", List.of()));
    wm.verify(postRequestedFor(urlEqualTo("/api/v1/tasks"))
        .withHeader("Authorization", equalTo("Bearer " + key))
        .withHeader("X-Runway-Version", equalTo("2024-11-06"))
        .withHeader("X-Extra", equalTo("1"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader("Accept", equalTo("application/json"))
        .withHeader("User-Agent", equalTo("vcg-java/0.1"))
        .withRequestBody(equalToJson("{\"promptText\":\"a cat\",\"duration\":5}")));
  }

  @Test
  void customAuthHeader() {
    wm.stubFor(get(urlEqualTo("/api/v1/status")).willReturn(okJson("{\"ok\":true}")));

    JsonNode node = builder().auth(Auth.header("Authorization", "Key ")).build().getJson("/status", JsonNode.class);

    assertThat(node.get("ok").asBoolean()).isTrue();
    wm.verify(getRequestedFor(urlEqualTo("/api/v1/status")).withHeader("Authorization", equalTo("Key " + key)));
  }

  @Test
  void callHeadersCannotReplaceTheAuthHeader() {
    wm.stubFor(get(urlEqualTo("/api/v1/status")).willReturn(okJson("{}")));

    builder().build().getJson("/status", JsonNode.class,
        CallOptions.builder().header("authorization", "Bearer other").build());

    wm.verify(getRequestedFor(urlEqualTo("/api/v1/status")).withHeader("Authorization", equalTo("Bearer " + key)));
  }

  @Test
  void keyAndFixedHeadersGoOnlyToTrustedOrigins() {
    wm.stubFor(get(urlPathEqualTo("/elsewhere")).willReturn(okJson("{}")));
    ProviderHttpClient client = builder().header("X-Runway-Version", "2024-11-06").build();
    // same server, other origin: 127.0.0.1 instead of localhost
    String other = wm.baseUrl().replace("localhost", "127.0.0.1") + "/elsewhere?sig=abc";

    client.getJson(other, JsonNode.class);

    wm.verify(getRequestedFor(urlPathEqualTo("/elsewhere")).withHeader("Authorization", absent())
        .withHeader("X-Runway-Version", absent()));

    ProviderHttpClient trusting = builder().trustedOrigin(URI.create(wm.baseUrl().replace("localhost", "127.0.0.1")))
        .build();
    wm.resetRequests();
    trusting.getJson(other, JsonNode.class);
    wm.verify(getRequestedFor(urlPathEqualTo("/elsewhere")).withHeader("Authorization", equalTo("Bearer " + key)));
  }

  @Test
  void absoluteTargetOnTheBaseOriginIsAuthenticated() {
    wm.stubFor(get(urlEqualTo("/requests/r1/status")).willReturn(okJson("{\"status\":\"IN_QUEUE\"}")));

    builder().build().getJson(wm.baseUrl() + "/requests/r1/status", JsonNode.class);

    wm.verify(getRequestedFor(urlEqualTo("/requests/r1/status")).withHeader("Authorization", equalTo("Bearer " + key)));
  }

  @Test
  void deleteAndPutWithEmptyBodies() {
    wm.stubFor(delete(urlEqualTo("/api/v1/tasks/t1")).willReturn(aResponse().withStatus(204)));
    wm.stubFor(put(urlEqualTo("/api/v1/requests/r1/cancel")).willReturn(okJson("{\"status\":\"CANCELLATION_REQUESTED\"}")
        .withStatus(202)));
    ProviderHttpClient client = builder().build();

    client.delete("/tasks/t1", CallOptions.defaults());
    JsonResponse<JsonNode> put = client.send("PUT", "/requests/r1/cancel", null, JsonNode.class, CallOptions.defaults());

    wm.verify(deleteRequestedFor(urlEqualTo("/api/v1/tasks/t1")));
    assertThat(put.statusCode()).isEqualTo(202);
    assertThat(put.body().get("status").asText()).isEqualTo("CANCELLATION_REQUESTED");
  }

  @Test
  void gzipAnswersAreDecoded() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write("{\"id\":\"t9\",\"status\":\"SUCCEEDED\",\"output\":[\"u\"]}".getBytes(StandardCharsets.UTF_8));
    }
    wm.stubFor(get(urlEqualTo("/api/v1/tasks/t9")).willReturn(aResponse().withHeader("Content-Encoding", "gzip")
        .withHeader("Content-Type", "application/json").withBody(gz.toByteArray())));

    Task t = builder().build().getJson("/tasks/t9", Task.class);

    assertThat(t.output()).containsExactly("u");
  }

  @Test
  void emptyOrMalformedSuccessBodyIsATypedError() {
    wm.stubFor(get(urlEqualTo("/api/v1/a")).willReturn(aResponse().withStatus(200)));
    wm.stubFor(get(urlEqualTo("/api/v1/b")).willReturn(okJson("{\"id\": [1,2")));
    ProviderHttpClient client = builder().build();

    assertThatThrownBy(() -> client.getJson("/a", Task.class)).isExactlyInstanceOf(ProviderException.class)
        .hasMessageContaining("empty");
    ProviderException e = catchThrowableOfType(ProviderException.class, () -> client.getJson("/b", Task.class));
    assertThat(e.getMessage()).contains("could not read the answer of GET").contains("as Task");
    assertThat(e.statusCode()).isEqualTo(200);
  }

  @Test
  void oversizedJsonAnswerIsRefused() {
    wm.stubFor(get(urlEqualTo("/api/v1/big")).willReturn(okJson("{\"id\":\"" + "x".repeat(5000) + "\"}")));

    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> builder().maxResponseBytes(1000).build().getJson("/big", Task.class));

    assertThat(e.error().code()).isEqualTo("response_too_large");
    wm.verify(1, getRequestedFor(urlEqualTo("/api/v1/big")));
  }

  @Test
  void multipartForm() {
    wm.stubFor(post(urlEqualTo("/api/v1/images/edits")).willReturn(okJson("{\"data\":[{\"b64_json\":\"AA==\"}]}")));
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
    Multipart form = Multipart.builder().text("model", "gpt-image-1").text("prompt", "add a scarf")
        .file("image[]", "a.png", png, "image/png").file("image[]", "b.png", png, "image/png").build();

    JsonNode r = builder().build().postMultipart("/images/edits", form, JsonNode.class, CallOptions.paidSubmission());

    assertThat(r.at("/data/0/b64_json").asText()).isEqualTo("AA==");
    wm.verify(postRequestedFor(urlEqualTo("/api/v1/images/edits"))
        .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("multipart/form-data"))
        .withRequestBodyPart(aMultipart().withName("model").withBody(equalTo("gpt-image-1")).build())
        .withRequestBodyPart(aMultipart().withName("prompt").withBody(equalTo("add a scarf")).build())
        .withRequestBodyPart(aMultipart().withName("image[]").withHeader("Content-Type", equalTo("image/png"))
            .build()));
    assertThat(form.partNames()).containsExactly("model", "prompt", "image[]", "image[]");
  }

  @Test
  void missingKeyFailsAtBuildNamingTheVariable() {
    ProviderNotConfiguredException e = catchThrowableOfType(ProviderNotConfiguredException.class,
        () -> ProviderHttpClient.builder("fal").defaultBaseUrl(URI.create("https://queue.fal.run"))
            .apiKeyVariable("FAL_KEY").build());

    assertThat(e.getMessage()).contains("FAL_KEY");
    assertThat(ProviderHttpClient.builder("pub").defaultBaseUrl(URI.create("https://x.test")).auth(Auth.none()).build())
        .isNotNull();
    assertThatThrownBy(() -> ProviderHttpClient.builder("x").auth(Auth.none()).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> ProviderHttpClient.builder("x").config(ProviderConfig.of("y")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badOptionsAreRefused() {
    assertThatThrownBy(() -> builder().header("X-Bad", "a\r\nInjected: 1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CallOptions.builder().maxRetries(11)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CallOptions.builder().timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder().build().getJson("ftp://x/y", JsonNode.class))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProviderHttpClient.builder("fake").config(ProviderConfig.builder("fake")
        .option("http.max-concurrency", "lots").build()).auth(Auth.none()).defaultBaseUrl(URI.create("http://x.test"))
        .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("http.max-concurrency");
  }

  // ----- downloads

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(42).nextBytes(b);
    return b;
  }

  @Test
  void downloadsToAFileWithoutCredentials() throws Exception {
    byte[] video = randomBytes(300_000);
    wm.stubFor(get(urlPathEqualTo("/files/clip.mp4")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "video/mp4").withBody(video)));
    Path target = dir.resolve("out/clip.mp4");

    Path written = builder().build().download(URI.create(wm.baseUrl() + "/files/clip.mp4?X-Amz-Signature=s3cr3t"),
        target, 1_000_000);

    assertThat(written).isEqualTo(target.toAbsolutePath());
    assertThat(Files.readAllBytes(target)).isEqualTo(video);
    assertThat(Files.list(target.getParent())).containsExactly(target.toAbsolutePath());
    wm.verify(getRequestedFor(urlPathEqualTo("/files/clip.mp4")).withHeader("Authorization", absent()));
  }

  @Test
  void downloadFollowsRedirectsWithoutCredentials() throws Exception {
    wm.stubFor(get(urlEqualTo("/api/v1/assets/a1")).willReturn(aResponse().withStatus(302)
        .withHeader("Location", wm.baseUrl().replace("localhost", "127.0.0.1") + "/cdn/a1.png")));
    wm.stubFor(get(urlEqualTo("/cdn/a1.png")).willReturn(aResponse().withBody(new byte[] {1, 2, 3})));

    byte[] bytes = builder().build().downloadBytes(URI.create(wm.baseUrl() + "/api/v1/assets/a1"), 100,
        CallOptions.defaults());

    assertThat(bytes).containsExactly(1, 2, 3);
    wm.verify(getRequestedFor(urlEqualTo("/cdn/a1.png")).withHeader("Authorization", absent()));
  }

  @Test
  void downloadOverTheAnnouncedSizeCapFailsAndLeavesNoFile() throws Exception {
    wm.stubFor(get(urlEqualTo("/files/big.mp4")).willReturn(aResponse().withBody(randomBytes(50_000))));
    Path target = dir.resolve("big.mp4");

    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> builder().build().download(URI.create(wm.baseUrl() + "/files/big.mp4"), target, 10_000));

    assertThat(e.error().code()).isEqualTo("response_too_large");
    assertThat(e.getMessage()).contains("10000 bytes");
    assertThat(Files.list(dir)).isEmpty();
    wm.verify(1, getRequestedFor(urlEqualTo("/files/big.mp4")));
  }

  @Test
  void chunkedDownloadOverTheSizeCapIsCutAndThePartialFileDeleted() throws Exception {
    wm.stubFor(get(urlEqualTo("/files/big.mp4")).willReturn(aResponse().withBody(randomBytes(200_000))
        .withChunkedDribbleDelay(10, 200)));
    Path target = dir.resolve("big.mp4");
    Files.writeString(target, "old");

    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> builder().build().download(URI.create(wm.baseUrl() + "/files/big.mp4"), target, 50_000));

    assertThat(e.error().code()).isEqualTo("response_too_large");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
    assertThat(Files.readString(target)).isEqualTo("old");
  }

  @Test
  void failedDownloadIsTypedAndRetried() throws Exception {
    wm.stubFor(get(urlEqualTo("/files/gone.mp4")).willReturn(aResponse().withStatus(404).withBody("expired")));
    wm.stubFor(get(urlEqualTo("/files/flaky.mp4")).willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> builder().build().download(URI.create(wm.baseUrl() + "/files/gone.mp4"),
        dir.resolve("g.mp4"), 100)).isInstanceOf(NotFoundException.class).hasMessageContaining("expired");
    assertThatThrownBy(() -> builder().build().download(URI.create(wm.baseUrl() + "/files/flaky.mp4"),
        dir.resolve("f.mp4"), 100)).isInstanceOf(dev.vcg.provider.ServerException.class);

    wm.verify(1, getRequestedFor(urlEqualTo("/files/gone.mp4")));
    wm.verify(3, getRequestedFor(urlEqualTo("/files/flaky.mp4")));
    assertThat(Files.list(dir)).isEmpty();
  }

  @Test
  void stalledDownloadFailsWithinTheStallTimeoutAndLeavesNoFile() throws Exception {
    wm.stubFor(get(urlEqualTo("/files/slow.mp4")).willReturn(aResponse().withBody(randomBytes(10_000))
        .withChunkedDribbleDelay(5, 10_000)));

    long start = System.nanoTime();
    assertThatThrownBy(() -> builder().build().download(URI.create(wm.baseUrl() + "/files/slow.mp4"),
        dir.resolve("s.mp4"), 100_000, CallOptions.builder().stallTimeout(Duration.ofMillis(500)).maxRetries(0)
            .build())).isInstanceOf(dev.vcg.provider.ProviderTimeoutException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(4000));
    assertThat(Files.list(dir)).isEmpty();
  }
}
