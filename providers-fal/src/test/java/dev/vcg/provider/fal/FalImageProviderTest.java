package dev.vcg.provider.fal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ContentPolicyException;
import dev.vcg.provider.GeneratedImage;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageResult;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.InvalidRequestException;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.ProviderTimeoutException;
import dev.vcg.provider.ServerException;
import dev.vcg.provider.UnsupportedCapabilityException;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** fal image generation against fal's documented queue contract, per model. */
class FalImageProviderTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FalStubs fal = new FalStubs(wm);

  private static ImageRequest.Builder fluxDevFixtureRequest() {
    return ImageRequest.builder()
        .prompt("Extreme close-up of a single tiger eye, direct frontal view, detailed iris, the word \"FLUX\""
            + " painted over it in white brush strokes")
        .size(new ImageSize(1024, 768))
        .seed(42L)
        .extraParameter("num_inference_steps", 28)
        .extraParameter("guidance_scale", 3.5)
        .extraParameter("num_images", 1)
        .extraParameter("enable_safety_checker", true)
        .extraParameter("sync_mode", false)
        .extraParameter("acceleration", "none");
  }

  @Test
  void fluxDevSubmitsTheDocumentedBodyPollsUntilCompletedAndMapsTheResult() {
    fal.fluxRoundTrip("fal-ai/flux/dev");

    ImageResult result = fal.image(fal.config("fal-ai/flux/dev").build()).generate(fluxDevFixtureRequest().build());

    wm.verify(1, postRequestedFor(urlEqualTo("/fal-ai/flux/dev"))
        .withHeader("Authorization", equalTo("Key " + fal.key.reveal()))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader("Accept", equalTo("application/json"))
        .withRequestBody(equalToJson(FalStubs.raw("flux-dev-request.json"))));
    // status and result use only owner/app (fal-ai/flux), never the sub-path
    wm.verify(3, getRequestedFor(urlEqualTo("/fal-ai/flux/requests/" + FalStubs.FLUX_ID + "/status?logs=0"))
        .withHeader("Authorization", equalTo("Key " + fal.key.reveal())));
    wm.verify(1, getRequestedFor(urlEqualTo("/fal-ai/flux/requests/" + FalStubs.FLUX_ID)));
    assertThat(result.images()).singleElement().satisfies(img -> {
      assertThat(img.image()).isEqualTo(new MediaRef.Url(
          URI.create("https://v3.fal.media/files/tiger/Xq2pL9mC4vR7tN1bK8sYw.jpeg"), "image/jpeg"));
      assertThat(img.width()).isEqualTo(1024);
      assertThat(img.height()).isEqualTo(768);
    });
    assertThat(result.seed()).isEqualTo(42L);
    assertThat(result.model()).isEqualTo("fal-ai/flux/dev");
    assertThat(result.requestId()).isEqualTo(FalStubs.FLUX_ID);
    assertThat(result.actualCost()).isEmpty();
    // one poll interval (1 s) before each of the three polls, through the injected sleeper
    assertThat(fal.sleeper.delays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofSeconds(1));
  }

  @Test
  void customSizeIsSentAsWidthAndHeight() {
    fal.fluxRoundTrip("fal-ai/flux/dev");
    wm.stubFor(get(urlEqualTo("/fal-ai/flux/requests/" + FalStubs.FLUX_ID)).willReturn(okJson(
        "{\"images\":[{\"url\":\"https://v3.fal.media/a.jpeg\",\"width\":1280,\"height\":720},"
            + "{\"url\":\"https://v3.fal.media/b.jpeg\",\"width\":1280,\"height\":720}],\"seed\":9}")));

    ImageResult result = fal.image(fal.config("fal-ai/flux/dev").option("image.format-field", "none").build())
        .generate(ImageRequest.builder().prompt("A minimalist poster of a lighthouse at dusk")
            .size(new ImageSize(1280, 720)).extraParameter("num_images", 2).build());

    wm.verify(postRequestedFor(urlEqualTo("/fal-ai/flux/dev"))
        .withRequestBody(equalToJson(FalStubs.raw("flux-dev-request-custom-size.json"))));
    assertThat(result.images()).extracting(GeneratedImage::width).containsExactly(1280, 1280);
    assertThat(result.seed()).isEqualTo(9L);
  }

  @Test
  void fluxProV11WithPngOutput() {
    fal.fluxRoundTrip("fal-ai/flux-pro/v1.1");
    wm.stubFor(get(urlEqualTo("/fal-ai/flux/requests/" + FalStubs.FLUX_ID))
        .willReturn(fal.json(200, "flux-pro-result.json")));

    ImageResult result = fal.image(fal.config("fal-ai/flux-pro/v1.1").option("image.output-format", "png").build())
        .generate(ImageRequest.builder()
            .prompt("Studio product shot of a matte black wristwatch on wet slate, dramatic rim light")
            .size(new ImageSize(1024, 1024)).seed(1234L)
            .extraParameter("num_images", 1).extraParameter("safety_tolerance", "2")
            .extraParameter("enhance_prompt", false).build());

    wm.verify(postRequestedFor(urlEqualTo("/fal-ai/flux-pro/v1.1"))
        .withRequestBody(equalToJson(FalStubs.raw("flux-pro-v1.1-request.json"))));
    assertThat(result.first().image().contentType()).contains("image/png");
    assertThat(result.seed()).isEqualTo(1234L);
  }

  @Test
  void fluxProUltraTakesTheNearestAspectRatio() {
    fal.fluxRoundTrip("fal-ai/flux-pro/v1.1-ultra");

    fal.image(fal.config("fal-ai/flux-pro/v1.1-ultra").build()).generate(ImageRequest.builder()
        .prompt("Aerial photo of terraced rice fields at sunrise, mist in the valleys")
        .size(new ImageSize(2100, 900)).extraParameter("raw", true).extraParameter("safety_tolerance", "2").build());

    wm.verify(postRequestedFor(urlEqualTo("/fal-ai/flux-pro/v1.1-ultra"))
        .withRequestBody(equalToJson(FalStubs.raw("flux-pro-v1.1-ultra-request.json"))));
  }

  @Test
  void fluxProUltraSendsALocalReferenceImageAsADataUri() {
    fal.fluxRoundTrip("fal-ai/flux-pro/v1.1-ultra");
    byte[] png = Base64.getDecoder().decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    fal.image(fal.config("fal-ai/flux-pro/v1.1-ultra").build()).generate(ImageRequest.builder()
        .prompt("same scene at night").size(new ImageSize(1920, 1080))
        .addReferenceImage(MediaRef.bytes(png, "image/png")).build());

    wm.verify(postRequestedFor(urlEqualTo("/fal-ai/flux-pro/v1.1-ultra"))
        .withRequestBody(matchingJsonPath("$.aspect_ratio", equalTo("16:9")))
        .withRequestBody(matchingJsonPath("$.image_url", equalTo("data:image/png;base64,"
            + Base64.getEncoder().encodeToString(png)))));
  }

  @Test
  void fastSdxlUsesFormatAndNegativePrompt() {
    fal.submit("fal-ai/fast-sdxl", fal.json(200, "queue-submit-response-fast-sdxl.json"));
    fal.sequence("/fal-ai/fast-sdxl/requests/" + FalStubs.SDXL_ID + "/status", fal.json(200, "status-completed.json"));
    wm.stubFor(get(urlEqualTo("/fal-ai/fast-sdxl/requests/" + FalStubs.SDXL_ID))
        .willReturn(fal.json(200, "fast-sdxl-result.json")));

    ImageResult result = fal.image(fal.config("fal-ai/fast-sdxl").build()).generate(ImageRequest.builder()
        .prompt("photo of a red vintage bicycle leaning on a brick wall, 35mm film")
        .negativePrompt("blurry, low resolution, watermark")
        .size(new ImageSize(1024, 1024)).seed(7L)
        .extraParameter("num_inference_steps", 25).extraParameter("guidance_scale", 7.5)
        .extraParameter("num_images", 1).extraParameter("enable_safety_checker", true).build());

    wm.verify(postRequestedFor(urlEqualTo("/fal-ai/fast-sdxl"))
        .withRequestBody(equalToJson(FalStubs.raw("fast-sdxl-request.json"))));
    assertThat(result.requestId()).isEqualTo(FalStubs.SDXL_ID);
    assertThat(result.seed()).isEqualTo(7L);
  }

  @Test
  void unknownModelWorksWithConfiguredFieldsAndBuiltOwnerAppUrls() {
    // an answer without URLs (the webhook-style submit answer): the URLs are built from owner/app
    fal.submit("acme/painter/v2/turbo", fal.json(200, "webhook-submit-response.json"));
    fal.sequence("/acme/painter/requests/" + FalStubs.FLUX_ID + "/status", fal.json(200, "status-completed.json"));
    wm.stubFor(get(urlEqualTo("/acme/painter/requests/" + FalStubs.FLUX_ID))
        .willReturn(fal.json(200, "flux-dev-result.json")));

    ImageResult result = fal.image(fal.config("acme/painter/v2/turbo")
            .option("image.format-field", "format").option("image.negative-prompt-field", "negative")
            .option("image.size-mode", "aspect_ratio").build())
        .generate(ImageRequest.builder().prompt("a fox").negativePrompt("text").size(new ImageSize(1080, 1920))
            .build());

    wm.verify(postRequestedFor(urlEqualTo("/acme/painter/v2/turbo")).withRequestBody(equalToJson(
        "{\"prompt\":\"a fox\",\"aspect_ratio\":\"9:16\",\"format\":\"jpeg\",\"negative\":\"text\"}")));
    assertThat(result.first().width()).isEqualTo(1024);
  }

  @Test
  void requestModelOverridesTheConfiguredOne() {
    fal.fluxRoundTrip("fal-ai/flux/schnell");

    ImageResult result = fal.image(fal.config("fal-ai/flux/dev").build())
        .generate(ImageRequest.builder().prompt("quick draft").model("fal-ai/flux/schnell").build());

    wm.verify(1, postRequestedFor(urlEqualTo("/fal-ai/flux/schnell")));
    assertThat(result.model()).isEqualTo("fal-ai/flux/schnell");
  }

  @Test
  void requestModelIsCheckedAgainstItsOwnCapabilities() {
    fal.fluxRoundTrip("fal-ai/flux-pro/v1.1-ultra");

    fal.image(fal.config("fal-ai/flux/dev").build()).generate(ImageRequest.builder().prompt("x")
        .model("fal-ai/flux-pro/v1.1-ultra").size(new ImageSize(3000, 1000))
        .addReferenceImage(MediaRef.url(URI.create("https://example.com/a.png"))).build());

    wm.verify(postRequestedFor(urlEqualTo("/fal-ai/flux-pro/v1.1-ultra"))
        .withRequestBody(matchingJsonPath("$.image_url", equalTo("https://example.com/a.png"))));
  }

  @Test
  void referenceImagesOnAModelWithoutThemAreRefusedBeforeAnyCall() {
    FalImageProvider flux = fal.image(fal.config("fal-ai/flux/dev").build());

    assertThatThrownBy(() -> flux.generate(ImageRequest.builder().prompt("x")
        .addReferenceImage(MediaRef.url(URI.create("https://example.com/a.png"))).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("reference images");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void completedWithContentPolicyErrorThrowsContentPolicyWithoutFetchingTheResult() {
    fal.fluxRoundTrip("fal-ai/flux/dev");
    fal.sequence("/fal-ai/flux/requests/" + FalStubs.FLUX_ID + "/status", okJson("{\"status\":\"COMPLETED\","
        + "\"request_id\":\"" + FalStubs.FLUX_ID + "\",\"logs\":null,\"error\":\"The content could not be"
        + " processed because it contained material flagged by a content checker.\","
        + "\"error_type\":\"content_policy_violation\"}"));

    ContentPolicyException e = catchThrowableOfType(ContentPolicyException.class,
        () -> fal.image(fal.config("fal-ai/flux/dev").build()).generate(ImageRequest.builder().prompt("x").build()));

    assertThat(e.providerId()).isEqualTo("fal");
    assertThat(e.requestId()).contains(FalStubs.FLUX_ID);
    assertThat(e.error().code()).isEqualTo("content_policy_violation");
    assertThat(e.getMessage()).contains("flagged by a content checker");
    assertThat(e.isRetryable()).isFalse();
    wm.verify(0, getRequestedFor(urlEqualTo("/fal-ai/flux/requests/" + FalStubs.FLUX_ID)));
  }

  @Test
  void completedWithRunnerErrorIsARetryableServerErrorAndTimeoutsAreTimeouts() {
    fal.fluxRoundTrip("fal-ai/flux/dev");
    fal.sequence("/fal-ai/flux/requests/" + FalStubs.FLUX_ID + "/status", okJson("{\"status\":\"COMPLETED\","
        + "\"logs\":[],\"metrics\":{},\"error\":\"Runner disconnected\",\"error_type\":\"runner_disconnected\"}"));
    FalImageProvider flux = fal.image(fal.config("fal-ai/flux/dev").build());

    ServerException server = catchThrowableOfType(ServerException.class,
        () -> flux.generate(ImageRequest.builder().prompt("x").build()));
    assertThat(server.isRetryable()).isTrue();
    assertThat(server.getMessage()).contains("Runner disconnected").contains("runner_disconnected");

    fal.sequence("/fal-ai/flux/requests/" + FalStubs.FLUX_ID + "/status", okJson("{\"status\":\"COMPLETED\","
        + "\"logs\":null,\"error\":\"Request timed out\",\"error_type\":\"request_timeout\"}"));
    assertThatThrownBy(() -> flux.generate(ImageRequest.builder().prompt("x").build()))
        .isInstanceOf(ProviderTimeoutException.class).hasMessageContaining("Request timed out");
  }

  @Test
  void resultFetchAnswering422ContentPolicyIsAContentPolicyException() {
    fal.fluxRoundTrip("fal-ai/flux/dev");
    wm.stubFor(get(urlEqualTo("/fal-ai/flux/requests/" + FalStubs.FLUX_ID))
        .willReturn(fal.json(422, "error-422-content-policy.json").withHeader("x-fal-request-id", FalStubs.FLUX_ID)));

    ContentPolicyException e = catchThrowableOfType(ContentPolicyException.class,
        () -> fal.image(fal.config("fal-ai/flux/dev").build()).generate(ImageRequest.builder().prompt("x").build()));

    assertThat(e.statusCode()).isEqualTo(422);
    assertThat(e.requestId()).contains(FalStubs.FLUX_ID);
    assertThat(e.getMessage()).contains("body.prompt: The content could not be processed");
    wm.verify(1, getRequestedFor(urlEqualTo("/fal-ai/flux/requests/" + FalStubs.FLUX_ID)));
  }

  @Test
  void resultFetchAnswering422ValidationIsAnInvalidRequest() {
    fal.fluxRoundTrip("fal-ai/flux/dev");
    wm.stubFor(get(urlEqualTo("/fal-ai/flux/requests/" + FalStubs.FLUX_ID))
        .willReturn(fal.json(422, "error-422-image-too-large.json")));

    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> fal.image(fal.config("fal-ai/flux/dev").build()).generate(ImageRequest.builder().prompt("x").build()));

    assertThat(e).isNotInstanceOf(ContentPolicyException.class);
    assertThat(e.error().code()).isEqualTo("image_too_large");
    assertThat(e.getMessage()).contains("Maximum allowed is 4096x4096");
  }

  @Test
  void imageThatNeverCompletesTimesOutOnTheInjectedClockAndIsCancelled() {
    fal.fluxRoundTrip("fal-ai/flux/dev");
    fal.sequence("/fal-ai/flux/requests/" + FalStubs.FLUX_ID + "/status", fal.json(202, "status-in-queue.json"));

    ProviderTimeoutException e = catchThrowableOfType(ProviderTimeoutException.class,
        () -> fal.image(fal.config("fal-ai/flux/dev").option("image.timeout", "10s").build())
            .generate(ImageRequest.builder().prompt("x").build()));

    assertThat(e.getMessage()).contains(FalStubs.FLUX_ID).contains("IN_QUEUE").contains("image.timeout")
        .contains("CANCELLATION_REQUESTED");
    wm.verify(1, putRequestedFor(urlEqualTo("/fal-ai/flux/requests/" + FalStubs.FLUX_ID + "/cancel")));
    assertThat(fal.sleeper.delays().stream().mapToLong(Duration::toMillis).sum()).isEqualTo(10_000);
    wm.verify(10, getRequestedFor(urlPathEqualTo("/fal-ai/flux/requests/" + FalStubs.FLUX_ID + "/status")));
  }

  @Test
  void transientPollFailuresAreToleratedUntilTheStatusAnswers() {
    fal.fluxRoundTrip("fal-ai/flux/dev");
    fal.sequence("/fal-ai/flux/requests/" + FalStubs.FLUX_ID + "/status",
        fal.json(503, "error-503-runner-scheduling-failure.json"), fal.json(503, "error-503-runner-scheduling-failure.json"),
        fal.json(503, "error-503-runner-scheduling-failure.json"), fal.json(200, "status-completed.json"));

    ImageResult result = fal.image(fal.config("fal-ai/flux/dev").build())
        .generate(ImageRequest.builder().prompt("x").build());

    assertThat(result.images()).hasSize(1);
    wm.verify(4, getRequestedFor(urlPathEqualTo("/fal-ai/flux/requests/" + FalStubs.FLUX_ID + "/status")));
  }

  @Test
  void imagesFlaggedBySafetyCheckerAreDroppedAndAllFlaggedIsContentPolicy() {
    fal.fluxRoundTrip("fal-ai/flux/dev");
    wm.stubFor(get(urlEqualTo("/fal-ai/flux/requests/" + FalStubs.FLUX_ID)).willReturn(okJson(
        "{\"images\":[{\"url\":\"https://v3.fal.media/black.jpeg\",\"width\":1024,\"height\":768}],"
            + "\"seed\":1,\"has_nsfw_concepts\":[true]}")));
    FalImageProvider flux = fal.image(fal.config("fal-ai/flux/dev").build());

    assertThatThrownBy(() -> flux.generate(ImageRequest.builder().prompt("x").build()))
        .isInstanceOf(ContentPolicyException.class).hasMessageContaining("safety checker");

    wm.stubFor(get(urlEqualTo("/fal-ai/flux/requests/" + FalStubs.FLUX_ID)).willReturn(okJson(
        "{\"images\":[{\"url\":\"https://v3.fal.media/black.jpeg\"},{\"url\":\"https://v3.fal.media/ok.jpeg\"}],"
            + "\"has_nsfw_concepts\":[true,false]}")));
    assertThat(flux.generate(ImageRequest.builder().prompt("x").build()).images())
        .extracting(i -> ((MediaRef.Url) i.image()).uri().toString()).containsExactly("https://v3.fal.media/ok.jpeg");
  }

  @Test
  void resultWithoutImagesIsAnUnreadableAnswer() {
    fal.fluxRoundTrip("fal-ai/flux/dev");
    wm.stubFor(get(urlEqualTo("/fal-ai/flux/requests/" + FalStubs.FLUX_ID)).willReturn(okJson("{\"images\":[]}")));

    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> fal.image(fal.config("fal-ai/flux/dev").build()).generate(ImageRequest.builder().prompt("x").build()));

    assertThat(e.error().code()).isEqualTo("unreadable_response");
    assertThat(e.isRetryable()).isFalse();
  }

  @Test
  void queueUrlsOnAnotherOriginAreNotUsed() {
    fal.submit("fal-ai/flux/dev", okJson("{\"status\":\"IN_QUEUE\",\"request_id\":\"" + FalStubs.FLUX_ID + "\","
        + "\"status_url\":\"https://elsewhere.example/steal/status\","
        + "\"response_url\":\"https://elsewhere.example/steal\",\"cancel_url\":\"https://elsewhere.example/c\"}"));
    fal.sequence("/fal-ai/flux/requests/" + FalStubs.FLUX_ID + "/status", fal.json(200, "status-completed.json"));
    wm.stubFor(get(urlEqualTo("/fal-ai/flux/requests/" + FalStubs.FLUX_ID))
        .willReturn(fal.json(200, "flux-dev-result.json")));

    ImageResult result = fal.image(fal.config("fal-ai/flux/dev").build())
        .generate(ImageRequest.builder().prompt("x").build());

    assertThat(result.images()).hasSize(1);
    List<LoggedRequest> all = wm.findAll(getRequestedFor(urlPathEqualTo("/fal-ai/flux/requests/" + FalStubs.FLUX_ID
        + "/status")));
    assertThat(all).hasSize(1);
  }

  @Test
  void cancelAnswersAreToleratedWhenTheImageTimesOut() {
    fal.fluxRoundTrip("fal-ai/flux/dev");
    fal.sequence("/fal-ai/flux/requests/" + FalStubs.FLUX_ID + "/status", fal.json(202, "status-in-progress.json"));
    wm.stubFor(put(urlEqualTo("/fal-ai/flux/requests/" + FalStubs.FLUX_ID + "/cancel"))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody(FalStubs.raw("cancel-response-400-already-completed.json"))));

    assertThatThrownBy(() -> fal.image(fal.config("fal-ai/flux/dev").option("image.timeout", "3s").build())
        .generate(ImageRequest.builder().prompt("x").build()))
        .isInstanceOf(ProviderTimeoutException.class).hasMessageContaining("ALREADY_COMPLETED");
  }
}
