package dev.vcg.provider.runway;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ContentPolicyException;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageResult;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.InvalidRequestException;
import dev.vcg.provider.ProviderTimeoutException;
import dev.vcg.provider.ServerException;
import dev.vcg.provider.UnsupportedCapabilityException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runway text-to-image against Runway's documented task contract. */
class RunwayImageProviderTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String TASK = "/v1/tasks/" + RunwayStubs.IMAGE_TASK_ID;

  private final RunwayStubs runway = new RunwayStubs(wm);

  private void imageRoundTrip(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... statuses) {
    wm.stubFor(WireMock.post(urlEqualTo("/v1/text_to_image"))
        .willReturn(okJson("{\"id\":\"" + RunwayStubs.IMAGE_TASK_ID + "\"}")));
    runway.sequence(TASK, statuses);
    wm.stubFor(delete(urlEqualTo(TASK)).willReturn(WireMock.aResponse().withStatus(204)));
  }

  private static String task(String status, String extra) {
    return "{\"id\":\"" + RunwayStubs.IMAGE_TASK_ID + "\",\"createdAt\":\"2026-08-22T09:30:11.402Z\",\"status\":\""
        + status + "\"" + extra + "}";
  }

  @Test
  void gen4ImageCreatesTheDocumentedTaskAndWaitsForItsOutput() {
    imageRoundTrip(okJson(task("PENDING", "")), okJson(task("RUNNING", ",\"progress\":0.5")),
        RunwayStubs.json(200, "text-to-image-task-succeeded.json"));

    ImageResult result = runway.image(runway.config("gen4_image").build()).generate(ImageRequest.builder()
        .prompt("@hero standing on a cliff at golden hour, cinematic wide shot").size(new ImageSize(1920, 1080))
        .seed(7L).extraParameter("referenceImages", List.of(Map.of("uri", "https://example.com/hero.png",
            "tag", "hero"))).build());

    wm.verify(1, postRequestedFor(urlEqualTo("/v1/text_to_image"))
        .withHeader("Authorization", equalTo("Bearer " + runway.key.reveal()))
        .withHeader("X-Runway-Version", equalTo("2024-11-06"))
        .withRequestBody(equalToJson(RunwayStubs.raw("text-to-image-request-gen4-image.json"))));
    wm.verify(3, getRequestedFor(urlEqualTo(TASK)));
    assertThat(result.images()).singleElement().satisfies(i -> {
      assertThat(((MediaRef.Url) i.image()).uri().toString()).startsWith("https://dnznrvs05pmza.cloudfront.net/"
          + RunwayStubs.IMAGE_TASK_ID + ".png");
      assertThat(i.width()).isEqualTo(1920);
      assertThat(i.height()).isEqualTo(1080);
    });
    assertThat(result.requestId()).isEqualTo(RunwayStubs.IMAGE_TASK_ID);
    assertThat(result.seed()).isEqualTo(7L);
    assertThat(runway.sleeper.delays()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5),
        Duration.ofSeconds(5));
  }

  @Test
  void referenceImagesAreSentAsUris() {
    imageRoundTrip(RunwayStubs.json(200, "text-to-image-task-succeeded.json"));

    runway.image(runway.config("gen4_image_turbo").build()).generate(ImageRequest.builder().prompt("the same hero")
        .size(new ImageSize(1280, 720)).addReferenceImage(MediaRef.url(URI.create("https://example.com/hero.png")))
        .build());

    wm.verify(postRequestedFor(urlEqualTo("/v1/text_to_image")).withRequestBody(equalToJson("{\"model\":"
        + "\"gen4_image_turbo\",\"promptText\":\"the same hero\",\"ratio\":\"1280:720\","
        + "\"referenceImages\":[{\"uri\":\"https://example.com/hero.png\"}]}")));
  }

  @Test
  void capabilitiesAreRefusedBeforeAnyCall() {
    RunwayImageProvider gen4 = runway.image(runway.config(null).build());
    RunwayImageProvider turbo = runway.image(runway.config("gen4_image_turbo").build());

    assertThat(gen4.model()).isEqualTo("gen4_image");
    assertThat(gen4.capabilities().sizes()).contains(new ImageSize(1920, 1080), new ImageSize(720, 720));
    assertThatThrownBy(() -> gen4.generate(ImageRequest.builder().prompt("x").size(new ImageSize(1000, 1000)).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("1000x1000");
    assertThatThrownBy(() -> turbo.generate(ImageRequest.builder().prompt("x").size(new ImageSize(1024, 1024)).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("reference");
    ImageRequest.Builder four = ImageRequest.builder().prompt("x").size(new ImageSize(1024, 1024));
    for (int i = 0; i < 4; i++) {
      four.addReferenceImage(MediaRef.url(URI.create("https://example.com/" + i + ".png")));
    }
    assertThatThrownBy(() -> gen4.generate(four.build())).isInstanceOf(UnsupportedCapabilityException.class);
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void failedTasksAreTypedByFailureCode() {
    ImageRequest r = ImageRequest.builder().prompt("x").size(new ImageSize(1024, 1024)).build();
    RunwayImageProvider gen4 = runway.image(runway.config("gen4_image").build());

    imageRoundTrip(okJson(task("FAILED", ",\"failure\":\"Flagged\",\"failureCode\":\"SAFETY.INPUT.TEXT\"")));
    ContentPolicyException safety = catchThrowableOfType(ContentPolicyException.class, () -> gen4.generate(r));
    assertThat(safety.requestId()).contains(RunwayStubs.IMAGE_TASK_ID);
    assertThat(safety.error().code()).isEqualTo("SAFETY.INPUT.TEXT");

    imageRoundTrip(okJson(task("FAILED", ",\"failure\":\"x\",\"failureCode\":\"INPUT_PREPROCESSING.SAFETY.TEXT\"")));
    assertThatThrownBy(() -> gen4.generate(r)).isInstanceOf(ContentPolicyException.class);

    imageRoundTrip(okJson(task("FAILED", ",\"failure\":\"oops\",\"failureCode\":\"INTERNAL.BAD_OUTPUT.CODE01\"")));
    ServerException internal = catchThrowableOfType(ServerException.class, () -> gen4.generate(r));
    assertThat(internal.isRetryable()).isTrue();

    imageRoundTrip(okJson(task("FAILED", ",\"failure\":\"bad asset\",\"failureCode\":\"ASSET.INVALID\"")));
    assertThatThrownBy(() -> gen4.generate(r)).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("bad asset");
  }

  @Test
  void imageThatNeverFinishesTimesOutOnTheInjectedClockAndIsCancelled() {
    imageRoundTrip(okJson(task("THROTTLED", "")));

    ProviderTimeoutException e = catchThrowableOfType(ProviderTimeoutException.class,
        () -> runway.image(runway.config("gen4_image").option("image.timeout", "30s").build())
            .generate(ImageRequest.builder().prompt("x").size(new ImageSize(1024, 1024)).build()));

    assertThat(e.getMessage()).contains(RunwayStubs.IMAGE_TASK_ID).contains("THROTTLED").contains("image.timeout");
    wm.verify(1, deleteRequestedFor(urlEqualTo(TASK)));
    wm.verify(6, getRequestedFor(urlEqualTo(TASK)));
    assertThat(runway.sleeper.delays().stream().mapToLong(Duration::toMillis).sum()).isEqualTo(30_000);
  }
}
