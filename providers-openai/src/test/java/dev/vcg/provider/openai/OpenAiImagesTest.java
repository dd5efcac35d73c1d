package dev.vcg.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vcg.InvalidInputException;
import dev.vcg.cost.Money;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.GeneratedImage;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageResult;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.UnsupportedCapabilityException;
import dev.vcg.testkit.RecordingSleeper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Image generations and edits against the documented Images API contract. */
class OpenAiImagesTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String GENERATIONS = "/v1/images/generations";
  static final String EDITS = "/v1/images/edits";
  static final String PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
  static final byte[] PNG = Base64.getDecoder().decode(PIXEL);
  static final String PROMPT = "A watercolor fox sitting in a snowy forest, soft morning light";

  private final String key = "sk-proj-test-" + UUID.randomUUID();

  private OpenAiImageProvider provider(Consumer<ProviderConfig.Builder> custom) {
    ProviderConfig.Builder c = ProviderConfig.builder("openai").apiKey(ApiKey.of(key))
        .baseUrl(URI.create(wm.baseUrl() + "/v1"));
    custom.accept(c);
    return OpenAiImageProvider.builder().config(c.build()).sleeper(new RecordingSleeper()).build();
  }

  private static List<LoggedRequest> requests(String path) {
    return wm.findAll(postRequestedFor(urlEqualTo(path)));
  }

  @Test
  void gptImageGenerationMatchesTheDocumentedRequestAndDecodesTheImage() {
    wm.stubFor(post(urlEqualTo(GENERATIONS)).willReturn(OpenAiChatTest.answer(
        "images-generations-response-gpt-image-1.json")));
    OpenAiImageProvider images = provider(c -> c.model("gpt-image-1")
        .option(OpenAiProviderFactory.OPTION_IMAGE_QUALITY, "high")
        .option(OpenAiProviderFactory.OPTION_OUTPUT_FORMAT, "jpeg"));

    ImageResult r = images.generate(ImageRequest.builder().prompt(PROMPT).size(new ImageSize(1024, 1536))
        .extraParameter("output_compression", 85).extraParameter("background", "opaque")
        .extraParameter("moderation", "auto").build());

    wm.verify(postRequestedFor(urlEqualTo(GENERATIONS))
        .withHeader("Authorization", equalTo("Bearer " + key))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson(Fixtures.read("images-generations-request-gpt-image-1.json")))
        .withRequestBody(matchingJsonPath("$.response_format", absent())));
    GeneratedImage image = r.first();
    assertThat(image.image()).isEqualTo(MediaRef.bytes(PNG, "image/png"));
    assertThat(image.width()).isEqualTo(1024);
    assertThat(image.height()).isEqualTo(1536);
    assertThat(r.model()).isEqualTo("gpt-image-1");
    assertThat(r.seed()).isNull();
    assertThat(r.requestId()).isEqualTo("req_0123456789abcdef0123456789abcdef");
    // 18 text input tokens at $5 and 6240 output tokens at $40 per million
    assertThat(r.actualCost()).contains(Money.usd("0.24969"));
  }

  @Test
  void responseFormatIsNeverSentToGptImageModels() {
    wm.stubFor(post(urlEqualTo(GENERATIONS)).willReturn(okJson(Fixtures.read(
        "images-generations-response-gpt-image-1.json"))));

    provider(c -> { }).generate(ImageRequest.builder().prompt("a cat").extraParameter("response_format", "b64_json")
        .build());

    wm.verify(postRequestedFor(urlEqualTo(GENERATIONS))
        .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-image-1.5")))
        .withRequestBody(matchingJsonPath("$.size", equalTo("1024x1024")))
        .withRequestBody(matchingJsonPath("$.response_format", absent()))
        .withRequestBody(matchingJsonPath("$.quality", absent())));
  }

  @Test
  void dallE3MatchesTheDocumentedRequestAndReturnsTheUrl() {
    wm.stubFor(post(urlEqualTo(GENERATIONS)).willReturn(okJson(Fixtures.read(
        "images-generations-response-dall-e-3.json"))));
    OpenAiImageProvider images = provider(c -> c.model("dall-e-3")
        .option(OpenAiProviderFactory.OPTION_IMAGE_QUALITY, "hd"));

    ImageResult r = images.generate(ImageRequest.builder().prompt(PROMPT).size(new ImageSize(1792, 1024))
        .extraParameter("style", "natural").build());

    wm.verify(postRequestedFor(urlEqualTo(GENERATIONS))
        .withRequestBody(equalToJson(Fixtures.read("images-generations-request-dall-e-3.json"))));
    MediaRef image = r.first().image();
    assertThat(image).isInstanceOf(MediaRef.Url.class);
    assertThat(((MediaRef.Url) image).uri().getHost()).isEqualTo("oaidalleapiprodscus.blob.core.windows.net");
    assertThat(image.toString()).doesNotContain("sig=");
    assertThat(r.first().width()).isEqualTo(1792);
    assertThat(r.actualCost()).isEmpty();
  }

  @Test
  void jsonEditMatchesTheDocumentedRequest() {
    wm.stubFor(post(urlEqualTo(EDITS)).willReturn(okJson(Fixtures.read("images-edits-response-gpt-image-1.json"))));
    OpenAiImageProvider images = provider(c -> c.model("gpt-image-1")
        .option(OpenAiProviderFactory.OPTION_IMAGE_QUALITY, "medium")
        .option(OpenAiProviderFactory.OPTION_OUTPUT_FORMAT, "png"));

    ImageResult r = images.generate(ImageRequest.builder()
        .prompt("Replace the background with a sunny beach, keep the subject unchanged")
        .addReferenceImage(MediaRef.bytes(PNG, "image/png"))
        .addReferenceImage(MediaRef.url(URI.create("https://example.com/reference-style.png")))
        .extraParameter("mask", MediaRef.bytes(PNG, "image/png"))
        .extraParameter("input_fidelity", "high").build());

    wm.verify(postRequestedFor(urlEqualTo(EDITS)).withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson(Fixtures.read("images-edits-request-json.json"))));
    assertThat(requests(GENERATIONS)).isEmpty();
    assertThat(r.first().image()).isEqualTo(MediaRef.bytes(PNG, "image/png"));
    // 19 text tokens at $5, 1323 image tokens at $10, 1056 output tokens at $40 per million
    assertThat(r.actualCost()).contains(Money.usd("0.055565"));
  }

  @Test
  void multipartEditUploadsImageArrayParts(@TempDir Path dir) throws Exception {
    wm.stubFor(post(urlEqualTo(EDITS)).willReturn(okJson(Fixtures.read("images-edits-response-gpt-image-1.json"))));
    Path subject = dir.resolve("subject.png");
    Files.write(subject, PNG);
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'};
    OpenAiImageProvider images = provider(c -> c.model("gpt-image-1")
        .option(OpenAiProviderFactory.OPTION_EDITS_ENCODING, "multipart")
        .option(OpenAiProviderFactory.OPTION_IMAGE_QUALITY, "high"));

    images.generate(ImageRequest.builder().prompt("Replace the background with a sunny beach")
        .addReferenceImage(MediaRef.file(subject))
        .addReferenceImage(MediaRef.bytes(jpeg, "image/jpeg"))
        .extraParameter("mask", MediaRef.url(URI.create("data:image/png;base64," + PIXEL))).build());

    LoggedRequest request = requests(EDITS).get(0);
    assertThat(request.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
    assertThat(request.getParts()).extracting(Request.Part::getName)
        .containsExactly("model", "prompt", "image[]", "image[]", "n", "size", "quality", "mask");
    assertThat(request.getPart("model").getBody().asString()).isEqualTo("gpt-image-1");
    assertThat(request.getPart("size").getBody().asString()).isEqualTo("1024x1024");
    assertThat(request.getPart("quality").getBody().asString()).isEqualTo("high");
    List<Request.Part> files = request.getParts().stream().filter(p -> p.getName().equals("image[]")).toList();
    assertThat(files.get(0).getBody().asBytes()).isEqualTo(PNG);
    assertThat(files.get(0).getHeader("Content-Type").firstValue()).isEqualTo("image/png");
    assertThat(files.get(0).getHeader("Content-Disposition").firstValue()).contains("filename=\"image-1.png\"");
    assertThat(files.get(1).getBody().asBytes()).isEqualTo(jpeg);
    assertThat(files.get(1).getHeader("Content-Type").firstValue()).isEqualTo("image/jpeg");
    assertThat(request.getPart("mask").getBody().asBytes()).isEqualTo(PNG);
    assertThat(request.getBodyAsString()).doesNotContain("response_format");
  }

  @Test
  void multipartEditRefusesRemoteImagesBeforeAnyCall() {
    OpenAiImageProvider images = provider(c -> c.option(OpenAiProviderFactory.OPTION_EDITS_ENCODING, "multipart"));

    assertThatThrownBy(() -> images.generate(ImageRequest.builder().prompt("edit")
        .addReferenceImage(MediaRef.url(URI.create("https://example.com/a.png"))).build()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("edits-encoding=json");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void editsRefuseUnsupportedImageTypesBeforeAnyCall() {
    byte[] gif = "GIF89a....".getBytes();

    assertThatThrownBy(() -> provider(c -> { }).generate(ImageRequest.builder().prompt("edit")
        .addReferenceImage(MediaRef.bytes(gif, "image/gif")).build()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("image/gif");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void capabilitiesAreCheckedBeforeAnyCall() {
    OpenAiImageProvider gpt = provider(c -> c.model("gpt-image-1"));
    OpenAiImageProvider dalle = provider(c -> c.model("dall-e-3"));

    assertThatThrownBy(() -> gpt.generate(ImageRequest.builder().prompt("x").size(new ImageSize(1280, 720)).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("nearest: 1536x1024");
    assertThatThrownBy(() -> dalle.generate(ImageRequest.builder().prompt("x")
        .addReferenceImage(MediaRef.bytes(PNG, "image/png")).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("at most 0 reference images");
    assertThatThrownBy(() -> dalle.generate(ImageRequest.builder().prompt("x".repeat(4001)).build()))
        .isInstanceOf(UnsupportedCapabilityException.class);
    assertThatThrownBy(() -> gpt.generate(ImageRequest.builder().prompt("x").model("dall-e-3")
        .size(new ImageSize(1536, 1024)).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("dall-e-3");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void gptImage2TakesFreeSizesWithinItsRules() {
    wm.stubFor(post(urlEqualTo(GENERATIONS)).willReturn(okJson(Fixtures.read(
        "images-generations-response-gpt-image-1.json").replace("\"1024x1536\"", "\"1536x864\""))));
    OpenAiImageProvider images = provider(c -> c.model("gpt-image-2"));

    ImageResult r = images.generate(ImageRequest.builder().prompt("x").size(new ImageSize(1536, 864)).build());

    assertThat(r.first().width()).isEqualTo(1536);
    assertThat(r.first().height()).isEqualTo(864);
    wm.verify(postRequestedFor(urlEqualTo(GENERATIONS)).withRequestBody(matchingJsonPath("$.size", equalTo("1536x864"))));
    for (ImageSize bad : List.of(new ImageSize(1280, 722), new ImageSize(3200, 1024), new ImageSize(3840, 2176))) {
      assertThatThrownBy(() -> images.generate(ImageRequest.builder().prompt("x").size(bad).build()))
          .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining(bad.toString());
    }
    assertThat(requests(GENERATIONS)).hasSize(1);
  }

  @Test
  void aNegativePromptBecomesAnInstruction() {
    wm.stubFor(post(urlEqualTo(GENERATIONS)).willReturn(okJson(Fixtures.read(
        "images-generations-response-gpt-image-1.json"))));

    provider(c -> { }).generate(ImageRequest.builder().prompt("a forge").negativePrompt("text, watermark").build());

    wm.verify(postRequestedFor(urlEqualTo(GENERATIONS))
        .withRequestBody(matchingJsonPath("$.prompt", equalTo("a forge\n\nAvoid: text, watermark"))));
  }

  @Test
  void anAnswerWithoutImagesIsAnError() {
    wm.stubFor(post(urlEqualTo(GENERATIONS)).willReturn(okJson("{\"created\":1,\"data\":[]}")));

    assertThatThrownBy(() -> provider(c -> { }).generate(ImageRequest.builder().prompt("x").build()))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.error().code()).isEqualTo("no_images");
          assertThat(e.isRetryable()).isFalse();
        });
    assertThat(requests(GENERATIONS)).hasSize(1);
  }

  @Test
  void theImageModelIsChosenFromTheConfig() {
    assertThat(provider(c -> { }).model()).isEqualTo("gpt-image-1.5");
    assertThat(provider(c -> c.model("gpt-4o")).model()).isEqualTo("gpt-image-1.5");
    assertThat(provider(c -> c.model("gpt-image-1-mini")).model()).isEqualTo("gpt-image-1-mini");
    assertThat(provider(c -> c.option(OpenAiProviderFactory.OPTION_IMAGE_MODEL, "my-gateway-image")).model())
        .isEqualTo("my-gateway-image");
    assertThat(provider(c -> c.model("gpt-image-9")).capabilities().sizes())
        .containsExactly(new ImageSize(1024, 1024), new ImageSize(1536, 1024), new ImageSize(1024, 1536));
    assertThatThrownBy(() -> provider(c -> c.option(OpenAiProviderFactory.OPTION_EDITS_ENCODING, "xml")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("edits-encoding");
  }
}
